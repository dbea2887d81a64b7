# Questions at sign-up, answered in private; the place is held meanwhile (issue 15)
form-field-questions = Sign-up questions
form-ask-questions =
    Which questions should people answer when they sign up? Up to 3, one per line:
    <code>phone: Emergency contact</code>
    <code>choice: T-shirt size: S / M / L</code>
    <code>text: Your profession</code> (or just the question)
    Phone numbers are checked (a Chinese mobile number, or a number with + and its country code). Only organisers see the answers. Reply “none” for no questions.
form-questions-too-many = At most 3 questions
form-questions-prompt-empty = “{ $value }”: please write the question
form-questions-prompt-too-long = “{ $value }”: a question can be at most 100 characters
form-questions-options = “{ $value }”: a choice needs 2 to 8 different options, separated by /
form-questions-option-too-long = “{ $value }”: an option can be at most 30 characters
questions-btn-none = No questions
questions-btn-set = ❓ Sign-up questions
form-summary-questions = ❓ Sign-up questions:
    { $questions }
question-kind-text = text
question-kind-choice = choice
question-line = { $kind }: { $prompt }
question-line-choice = { $kind }: { $prompt }: { $options }
question-kind-phone = phone
toast-held = Your place is held for { $minutes } minutes: please answer a few questions in our private chat
questions-see-private = The questions are in our private chat.
toast-offered = A place is being kept for you: tap “Accept” or “Decline” in our private chat
questions-intro-held = Your place at “{ $title }” is held until { $until }. { $count ->
    [one] Answer the question below and you're signed up;
   *[other] Answer the { $count } questions below and you're signed up;
  } if not answered by then, the place goes to someone else.
questions-intro-waitlisted = You're number { $position } on the waitlist for “{ $title }”. { $count ->
    [one] The organisers ask one question:
   *[other] The organisers ask { $count } questions:
  }
questions-intro-change = { $count ->
    [one] Change your answer for “{ $title }”:
   *[other] Change your answers for “{ $title }” ({ $count } questions):
  }
question-ask = Question { $n }/{ $total }: <b>{ $prompt }</b>
question-hint-phone = Reply with your phone number, e.g. 138 1234 5678; numbers outside China with + and the country code.
question-hint-text = Just reply with your answer.
question-current = Your answer now: { $value } (reply to change it)
questions-done-confirmed = Thank you! You're signed up for “{ $title }” ✅
questions-done-waitlisted = Thank you, your answers are saved. You're number { $position } on the waitlist for “{ $title }”; you'll hear when a place opens.
questions-done-too-late = Your answers are saved, but the place held for you at “{ $title }” has run out. If places are left, tap sign up in the group again.
questions-gone = This sign-up no longer takes answers.
answer-phone-invalid = That doesn't look like a phone number. Reply with a mobile number (e.g. 138 1234 5678), or a number with + and its country code (e.g. +44 20 7946 0958).
answer-choose = Please tap one of the options below.
answer-empty = Please reply with some text.
answer-too-long = An answer can be at most 200 characters: please shorten it.
answer-line = { $prompt }: { $value }
my-line-held = ⏳ place held until { $until }: please answer the questions
my-line-offered = 🎟 a place is kept for you until { $until }
my-btn-answers = ✏️ Change answers: { $title }
my-not-answered = (not answered)
roster-mark-held = ⏳ answering
roster-mark-offered = 🎟 offered
export-status-held = answering (place held)
export-status-offered = offered from the waitlist
released-hold-private = The place held for you at “{ $title }” has run out (the questions weren't answered in time) and went to someone else. If places are left, you can sign up again in the group. When: { $when }
released-hold-group = { $mention }, the place held for you at “{ $title }” has run out (the questions weren't answered in private) and went to someone else.
import-column-questions = sign-up questions
import-problem-questions = the sign-up questions “{ $value }” are not right (separate questions with “;”, e.g. phone: Contact; choice: Size: S / M / L)
promoted-held-private = Good news! A place opened up for “{ $title }” and is held for you until <b>{ $until }</b>. Answer the sign-up questions first and you’re signed up; if not answered by then, it goes to the next person. When: { $when }
promoted-held-group = { $mention }, a place opened up for “{ $title }” and is held for you for { $minutes } minutes: answer the sign-up questions in our private chat to take it.
promoted-btn-answer = ✏️ Answer the questions

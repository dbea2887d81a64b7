# Waitlist offers that expire (issue 15)
form-field-offer = Waitlist offers
form-ask-offer = When someone cancels, should the freed place first be offered to the first person on the waitlist? Reply how long they have to accept, e.g. <code>2h</code> or <code>30 min</code> (shortened close to the start: never past it, at most half the time left); without an answer, or if they decline, it goes to the next. Reply “auto” to move people up automatically as before.
form-offer-range = “{ $value }”: please reply with a time from 10 minutes to 48 hours, e.g. 2h, or “auto”
offer-btn-off = Move up automatically
offer-btn-set = 🎟 Waitlist offers
form-summary-offer = 🎟 a freed place is offered to the first on the waitlist for { $duration }
offer-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
  }
offer-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
  }
offer-private = A place opened up for “{ $title }”, and it's kept for you! Please accept by <b>{ $until }</b>, or it goes to the next person. When: { $when }
offer-group = { $mention }, a place opened up for “{ $title }” and is kept for you until { $until }. Open our private chat to accept it.
offer-btn-accept = ✅ Accept
offer-btn-decline = Decline
offer-btn-open = Open the private chat to accept
offer-none = There's no place being kept for you right now.
offer-accepted = Done: you're signed up for “{ $title }” ✅
offer-declined = You declined the place at “{ $title }”: it goes to the next person.
offer-already = You're already signed up for “{ $title }”.
offer-expired = The place kept for you at “{ $title }” has run out and went to the next person.
released-offer-private = The place kept for you at “{ $title }” wasn't accepted in time and went to the next person. If you'd still like to come, you can join the waitlist again in the group. When: { $when }
released-offer-group = { $mention }, the place kept for you at “{ $title }” wasn't accepted in time and went to the next person.

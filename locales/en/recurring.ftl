# Recurring activities (issue 15): every Saturday 9-11am until 31 December, 10 times, first Sunday of every month
form-time-series_too_many = “{ $value }” would be { $count ->
    [one] one date
   *[other] { $count } dates
  }; a series can have at most { $max }. Give an earlier end (e.g. “until 30 September”) or a number (e.g. “20 times”)
form-time-series_empty = “{ $value }” has no date before its end; check the end date
form-series-reading = I read the time as <b>{ $rule }</b>, { $count ->
    [one] once
   *[other] { $count } times
  }, from <b>{ $first }</b> to <b>{ $final }</b>. Is that right?
series-note-year-end = ℹ️ No end date or number of times, so I planned it until the end of the year (the last one { $final }). To change that, add “until …” or “… times”, e.g. “{ $example }”.
series-created = 🔁 Planned { $count ->
    [one] one date
   *[other] { $count } dates
  }: { $rule }, from { $first } to { $final }. Each has its own places and sign-ups.
form-summary-series = 🔁 { $rule } · { $count ->
    [one] once
   *[other] { $count } times
  } (until { $final })
# the card and the /events list
series-line = 🔁 { $rule } · { $count ->
    [one] this is the last one
   *[other] { $count } to go from this one (until { $final })
  }
btn-signup-series = 🔁 Sign up for all upcoming ({ $count })
btn-cancel-series = Cancel all upcoming
toast-series-signed-up = { $confirmed ->
    [0] Not signed up for any
    [one] Signed up for one date
   *[other] Signed up for { $confirmed } dates
  }{ $waitlisted ->
    [0] {""}
    [one] , waitlisted for one
   *[other] , waitlisted for { $waitlisted }
  }{ $already ->
    [0] {""}
   *[other] { " " }({ $already } already)
  }{ $refused ->
    [0] {""}
    [one] , one not open for sign-ups
   *[other] , { $refused } not open for sign-ups
  }
toast-series-cancelled = { $count ->
    [0] You are not signed up for any upcoming date
    [one] Cancelled your sign-up for one upcoming date
   *[other] Cancelled your sign-ups for { $count } upcoming dates
  }
# edit and cancel: this one or all future ones
series-ask-scope = “{ $title }” is one date of “{ $rule }”. Which dates do you want to change?
series-btn-this-one = This one only
series-btn-future = This and the next { $count ->
    [one] one
   *[other] { $count }
  }
series-edit-recurring-refused = This is one date of “{ $rule }”; it can't take another repeat rule. To change the time of this and later dates, type this date's new time (e.g. “{ $example }”), then choose “This and the next”.
edit-done-series = ✅ Updated { $count ->
    [one] one date
   *[other] { $count } dates
  } of “{ $title }”; their cards in the groups will follow.
edit-converted-series = ✅ “{ $title }” now repeats: { $rule }, { $count ->
    [one] once
   *[other] { $count } times
  } (from { $first } to { $final }). People signed up keep their place on the first date.
cancel-series-ask = “{ $title }” is one date of “{ $rule }”; { $count ->
    [one] one person is
   *[other] { $count } people are
  } signed up for this one (waitlist included). Which dates do you want to cancel?
btn-cancel-this-one = 🗑 This one only
btn-cancel-future = 🗑 This and the next { $count ->
    [one] one
   *[other] { $count }
  }
toast-series-cancelled-events = Cancelled { $count ->
    [one] one date
   *[other] { $count } dates
  }
series-cancelled-notice = ❌ “{ $title }” ({ $rule }) is cancelled from { $first }: { $count ->
    [one] one date
   *[other] { $count } dates
  }.
edit-notice-private-series = ✏️ “{ $title }” ({ $rule }), which you signed up for, changes on { $count ->
    [one] one date
   *[other] { $count } dates
  }; your next one:
toast-series-questions = This event asks a few questions at sign-up: please sign up for each date on its own

# How a time was read, when the reading was a choice (src/domain/time/ambiguity.ts), and how to write the other one.
time-note-next_year = { $passed } has passed this year, so I read it as { $chosen }. For another year, write the year, e.g. “{ $example }”.
time-note-next_week = I read “next { $weekday }” as { $chosen }, in next week. For the coming { $weekday }, { $coming }, write “this { $weekday }”.
time-note-weekday_today = { $weekday } is today ({ $chosen }). For next week's, write “next { $weekday }”.
time-note-weekday_passed = That time today is over, so I read { $weekday } as next week's: { $chosen }.
time-note-month_first = I read { $written } as month/day: { $chosen }. If you mean { $example }, write “{ $example }”.
time-note-edit-hint = If that's wrong, change the time with /edit.

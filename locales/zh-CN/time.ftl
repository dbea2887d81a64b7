# How a time was read, when the reading was a choice (src/domain/time/ambiguity.ts), and how to write the other one.
time-note-next_year = 今年的{ $passed }已经过去，我理解为{ $chosen }。如果是别的年份，请写上年份，如「{ $example }」。
time-note-next_week = 「下{ $weekday }」我理解为下周的{ $chosen }；如果指{ $coming }这个{ $weekday }，请写「本{ $weekday }」。
time-note-weekday_today = 「{ $weekday }」就是今天，{ $chosen }；如果指下周的，请写「下{ $weekday }」。
time-note-weekday_passed = 今天的这个时间已经过了，所以「{ $weekday }」我理解为下周的{ $chosen }。
time-note-month_first = 「{ $written }」我按「月/日」理解为{ $chosen }；如果是{ $example }，请写「{ $example }」。
time-note-edit-hint = 不对的话，可以用 /edit 修改时间。

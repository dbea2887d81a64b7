# Reminders, daily summary, /summary and /settings
reminder-in = ⏰ <b>Reminder</b>: starts in { $lead }
reminder-tomorrow = ⏰ <b>Reminder</b>: this is tomorrow
reminder-today = ⏰ <b>Reminder</b>: this is today
reminder-opens = ⏰ <b>Reminder</b>: this begins today
lead-days = { $count ->
    [one] 1 day
   *[other] { $count } days
  }
lead-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
  }
lead-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
  }
reminder-you-confirmed = ✅ You're signed up.
reminder-you-waitlisted = ⏳ You're on the waitlist, position { $position }. I'll tell you if a place opens up.
reminder-member-footer = Can't come? Cancel in /my so someone else gets your place. No more reminders: /settings reminders off
remind-org-tomorrow = 📋 Tomorrow: <b>{ $title }</b> — signed up: { $places }
remind-org-deadline = ⏳ Sign-ups for <b>{ $title }</b> close { $when } and places are still free ({ $places }). Maybe remind your group?
remind-org-attendance = ✅ <b>{ $title }</b> has ended ({ $places }). Please confirm who attended:
btn-signup-list = 📋 Sign-up list
summary-header = 📋 <b>Daily summary</b> · { $org } · { $date }
summary-today = <b>Today</b> ({ $count })
summary-week = <b>Next 7 days</b> ({ $count })
summary-none = (none)
summary-changes = <b>Since the last summary</b>: { $signups ->
    [one] 1 new sign-up
   *[other] { $signups } new sign-ups
  }, { $cancellations ->
    [one] 1 cancellation
   *[other] { $cancellations } cancellations
  }
summary-by-district = <b>By district</b>
summary-by-organisation = <b>By organisation</b>
summary-tally = · { $name }: today { $today } · next 7 days { $week } · +{ $signups } / −{ $cancellations }
summary-quiet = Nothing planned for today or the next 7 days, and no new sign-ups since the last summary.
summary-group-only = Send /summary in a group that is linked to an organisation.
settings-header = <b>Settings for this group</b>
settings-reminders-on = ⏰ Reminders: { $offsets } before events with a start time; 09:00 the day before and 08:00 on the day for all-day events
settings-reminders-off = ⏰ Reminders: off
settings-summary-on = 📋 Daily summary: at { $time }, { $quiet ->
    [yes] also on days with nothing new
   *[no] not on days with nothing new
  }
settings-summary-off = 📋 Daily summary: off
settings-usage =
    Organisers can change them:
    /settings reminders 24h,1h — or off / on
    /settings summary 08:30 — or off / on
    /settings quiet on — send the summary also on days with nothing new (off to stop)
settings-saved = Saved.
settings-bad-offsets = I couldn't read “{ $text }”. Write durations such as 24h,1h or 2d,3h,30m (a week at most).
settings-bad-time = I couldn't read “{ $text }”. Write a time such as 08:30.
settings-refused = Only this group's organisers can change its settings.
settings-private-on = 🔔 Your private reminders for events you signed up for are on. Turn them off: /settings reminders off
settings-private-off = 🔕 Your private reminders are off. Turn them on again: /settings reminders on
settings-private-usage = In a private chat you can turn your own reminders on or off: /settings reminders off (or on).

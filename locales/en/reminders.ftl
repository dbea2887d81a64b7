# Reminders, daily summary, /summary and /settings
reminder-in = ⏰ <b>Reminder</b>: starts in { $lead }
reminder-tomorrow = ⏰ <b>Reminder</b>: it's tomorrow
reminder-today = ⏰ <b>Reminder</b>: it's today
reminder-opens = ⏰ <b>Reminder</b>: it starts today
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
reminder-member-footer = Can't come? Cancel in /my so someone else gets your place. Other reminder times, or none: send /settings.
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
settings-header = ⚙️ <b>Settings for this group</b>
settings-reminders-on = ⏰ Reminders: { $offsets } before (all-day events: 09:00 the day before and 08:00 on the day)
settings-reminders-off = ⏰ Reminders: off
settings-summary-on = 📋 Daily summary: at { $time }, { $quiet ->
    [yes] even on days with nothing new
   *[no] skipped on days with nothing new
  }
settings-summary-off = 📋 Daily summary: off
settings-language = 🌐 Language: { $language }
settings-menu-hint = Tap a button to change a setting. For other times, send e.g. /settings reminders 2d,3h or /settings summary 7:45.
settings-menu-closed = To change them again, send /settings.
settings-members-hint = Only organisers can change this group's settings. You can set your own reminder times and language in a private chat with me.
btn-my-settings = ⚙️ My settings
btn-settings-reminders = ⏰ Reminders
btn-settings-summary = 📋 Daily summary
btn-settings-language = 🌐 Language
btn-settings-done = Done
btn-settings-back = ← Back
settings-ask-reminders = For events with a start time, how long before should I remind the group?
settings-ask-summary = When should the daily summary go out?
settings-ask-language = Which language should this group use?
btn-reminders-off = No group reminders
btn-summary-off = Turn the summary off
btn-summary-quiet-yes = Send it even on quiet days
btn-summary-quiet-no = Skip quiet days
settings-saved-reminders = ✅ Saved: the group gets a reminder { $offsets } before each event.
settings-saved-reminders-off = ✅ Saved: no more reminders in the group.
settings-saved-summary = ✅ Saved: the daily summary goes out at { $time }.
settings-saved-summary-off = ✅ Saved: the daily summary is off.
settings-saved-quiet = ✅ Saved: { $quiet ->
    [yes] the summary goes out even on days with nothing new.
   *[no] no summary on days with nothing new.
  }
settings-saved-language = ✅ Saved: this group now uses { $language }.
settings-bad-offsets = I couldn't read “{ $text }”. Write durations such as 1d,2h or 3h,30m (a week at most), or off.
settings-bad-time = I couldn't read “{ $text }”. Write a time such as 08:30, or off.
settings-bad-language = I couldn't read “{ $text }”. Write en (English) or zh (中文).
settings-refused = Only this group's organisers can change its settings. You can set your own reminders by sending /settings to me in private.
settings-private-usage = Send /settings to open your settings, then tap to choose your reminder times and language.
offsets-list = { $head } and { $last }
offsets-list-sep = {", "}
my-settings-header = ⚙️ <b>My settings</b>
my-settings-reminders-group = 🔔 Reminders for events you signed up for: at the group's times
my-settings-reminders-own = 🔔 Reminders for events you signed up for: { $offsets } before
my-settings-reminders-none = 🔕 Reminders for events you signed up for: none
my-settings-language = 🌐 Language: { $language }
my-settings-language-telegram = 🌐 Language: { $language } (from Telegram)
my-settings-hint = Tap a button to change; it applies right away. All-day events are reminded at 09:00 the day before and 08:00 on the day.
btn-my-reminders-group = The group's times
btn-my-reminders-none = 🔕 No reminders
btn-my-language-telegram = As in Telegram
my-settings-saved-group = ✅ Saved: you'll be reminded at the group's times.
my-settings-saved-own = ✅ Saved: you'll be reminded { $offsets } before.
my-settings-saved-none = ✅ Saved: no more reminders. Tap a button below any time to turn them back on.
my-settings-saved-language = ✅ Saved: I'll talk to you in { $language } from now on.
my-settings-saved-language-telegram = ✅ Saved: your language follows Telegram, which is { $language } now.

# Telling the people signed up what changed (issue 15)
edit-ask-notify = { $count ->
    [one] One person is signed up (or waiting). Tell them about this change?
   *[other] { $count } people are signed up (or waiting). Tell them about this change?
  }
edit-btn-notify = 📣 Tell them
edit-btn-no-notify = Don't tell
edit-notified = { $count ->
    [one] Told one person.
   *[other] Told { $count } people.
  }
edit-notice-private = ✏️ “{ $title }”, which you signed up for, has changed:
edit-notice-group = { $mentions } ✏️ “{ $title }”, which you signed up for, has changed:
edit-notice-time = 🕘 Time: { $old } → { $new }
edit-notice-place = 📍 Place: { $old } → { $new }

# /newevent, /edit, /cancelevent
form-start = Creating an event for <b>{ $org }</b>. Send /newevent at any time to start over.
form-ask-org = Which organisation is the event for?
form-ask-title = What is the event called?
form-ask-time = When? For example: <code>28 June 9:00-11:30</code>, <code>late June</code>, <code>tomorrow 3pm</code>, <code>from June 16 until year end</code>; repeating: <code>every Saturday 9-11am until 31 December</code>, <code>first Sunday of every month 2-4pm 6 times</code>
form-ask-place = Where? Reply with the place, or “online”.
form-ask-details = What happens, and for whom (optional)?
form-ask-capacity = How many places? Reply with a number, or tap “No limit”.
form-ask-deadline = Sign-up deadline (optional)? For example <code>27 June 18:00</code>.
form-ask-groups = Post it to which groups? Tap a group to select or deselect it, then tap “Post”.
form-no-groups = This organisation has no linked groups yet; the event will be created but not posted.
form-time-reading = I read the time as <b>{ $when }</b>. Is that right?
form-btn-time-ok = ✅ Yes
form-btn-time-retype = ✏️ Type it again
form-btn-skip = Skip
form-btn-unlimited = No limit
form-btn-no-deadline = No deadline
form-btn-join-campaign = { $mark } Part of “{ $name }”
form-btn-post = 📣 Post
form-unlimited = no limit
form-summary =
    <b>{ $title }</b>
    🕘 { $when }
    📍 { $place }
    🎟 Places: { $capacity }
form-created = ✅ Created “{ $title }” and posted it to { $groups ->
    [0] no group
    [one] one group
   *[other] { $groups } groups
  }.
form-not-organiser = Only organisers can create or manage events: group admins and the people they name. If the group is not linked to an organisation yet, an admin sends /setup first; to become an organiser, ask an admin to add you with /organiser add.
form-continue-private = Let's continue in a private chat:
form-fix-private = I kept the rest; fix just the parts above in a private chat:
form-expired = This step has expired. Send the command again to start over.
form-use-buttons = Please use the buttons above to continue.
form-field-title = Title
form-field-time = Time
form-field-place = Place
form-field-details = Details
form-field-capacity = Places
form-field-deadline = Sign-up deadline
form-title-empty = the title can't be empty
form-time-empty = please give a time
form-time-not_understood = I can't read “{ $value }”; try e.g. 28 June 9:00-11:30
form-time-invalid_date = “{ $value }” is not a real date
form-time-invalid_time = “{ $value }” is not a valid time of day
form-time-end_before_start = “{ $value }” ends before it starts
form-time-past = “{ $value }” is already over
form-place-empty = please give a place (“online” for online events)
form-details-too-long = the details can be at most 3000 characters
form-capacity-not-number = “{ $value }” is not a number; reply e.g. 20, or “unlimited”
form-capacity-range = places must be between 1 and 100000
form-deadline-past = the deadline “{ $value }” is already over
form-deadline-after-event = the deadline “{ $value }” is after the event ends
edit-pick = Which event do you want to edit?
edit-which = What do you want to change in “{ $title }”?
edit-done = ✅ Updated “{ $title }”; its cards in the groups will follow.
cancel-pick = Which event do you want to cancel?
newevent-not-organiser =
    Only organisers can create events: this group's admins, and the people they name as organisers.
    Want to be one? Ask an admin to reply to one of your messages with /organiser add, or to send /organiser add @your_username.

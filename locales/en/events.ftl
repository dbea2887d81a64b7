# Event list, event card, sign-ups
events-header = <b>Upcoming events</b> ({ $total } · page { $page }/{ $pages })
# more upcoming events than were counted ($total, a round figure): the number of pages is not known
events-header-many = <b>Upcoming events</b> (over { $total } · page { $page })
events-none = No upcoming events yet. Organisers can create one with /newevent.
events-not-set-up = This group is not linked to an organisation yet, so there are no events. An admin can send /setup.
events-not-set-up-admin =
    This group is not linked to an organisation yet. Send /setup to
    · create an organisation (name, parent hub, time zone, language), or
    · join an existing one with the join code from another group.
events-private-none = No upcoming events in your groups (I only know the groups where you have talked or signed up).
event-online = online
event-place-unknown = place to be announced
places-count = { $confirmed }/{ $capacity }
places-full = { $waitlisted ->
    [0] full
   *[other] full · { $waitlisted } waitlisted
  }
places-unlimited = no limit · { $confirmed } going
status-closed = sign-ups closed
status-cancelled = cancelled
status-completed = ended
card-deadline = Sign up by { $when }
btn-signup = ✅ Sign up
btn-cancel-signup = Cancel my sign-up
btn-who = 👥 Who's going
btn-calendar = 📅 Add to calendar
btn-manage = ⚙️ Manage
btn-close-signups = Close sign-ups
btn-reopen-signups = Reopen sign-ups
btn-cancel-event = Cancel the event
btn-edit-event = Edit the event
btn-cancel-event-confirm = Yes, cancel the event
btn-keep-event = Keep it
btn-open-private = Open private chat
roster-confirmed = Signed up { $count }/{ $capacity }
roster-waitlist = Waitlist { $count }
roster-cancelled = Cancelled { $count }
roster-empty = (none)
list-more = …and { $count } more
who-nobody = Nobody has signed up yet. Be the first!
who-list = { $count } going: { $names }{ $waitlisted ->
    [0] {""}
   *[other] ; { $waitlisted } waitlisted
  }
toast-signed-up = You're in ✅
toast-waitlisted = It's full, so you're on the waitlist: number { $position }
toast-already-confirmed = You're already signed up
toast-already-waitlisted = You're on the waitlist, position { $position }
toast-refused-cancelled = This event was cancelled
toast-refused-closed = Sign-ups are closed
toast-refused-deadline = The sign-up deadline has passed
toast-refused-ended = This event has ended
toast-refused-draft = This event is not published yet
toast-refused-completed = This event has ended
toast-cancelled = Your sign-up is cancelled
toast-cancelled-waitlist = You left the waitlist
toast-not-signed-up = You're not signed up for this event
toast-event-missing = This event no longer exists. Send /events to see the others
toast-stale-button = This button has expired. Send /events again
toast-not-organiser = Only this event's organisers can do that
toast-sent-private = Sent to you in a private message
toast-start-bot-first = Open a private chat with me and press Start, then tap again
toast-closed = Sign-ups closed
toast-reopened = Sign-ups reopened
toast-event-cancelled = Event cancelled; the people signed up were told
toast-not-in-state = That can't be done now: see the event's status on its card
promoted-private = Good news! A place opened up for “{ $title }”, so you're off the waitlist and <b>signed up</b>. When: { $when }
    Can't come after all? Cancel in /my so the next person gets the place.
promoted-group = { $mention }, good news! A place opened up for “{ $title }”, so you're now signed up.
event-cancelled-notice = ❌ “{ $title }” ({ $when }) has been cancelled.
cancel-event-ask = Cancel “{ $title }”? { $count ->
    [0] Nobody has signed up yet.
    [one] The one person signed up will be told.
   *[other] The { $count } people signed up will be told.
  }
my-header = <b>My sign-ups</b>
my-none = You have no upcoming sign-ups. Send /events to see what's on.
my-line-confirmed = ✅ signed up
my-line-waitlisted = ⏳ waitlisted, position { $position }
my-in-group = I've sent your sign-ups to you in a private message.
my-in-group-start = See your sign-ups in a private chat:
calendar-caption = Calendar file for “{ $title }”: open it to add the event to your calendar.

# General: /start, /help, command menu, errors
cmd-events = Upcoming events
cmd-my = My sign-ups
cmd-newevent = Create an event (organisers)
cmd-setup = Link this group to an organisation (admins)
cmd-summary = Events summary
cmd-settings = Settings: reminders, summary, language
cmd-campaign = All events of a campaign day
cmd-calendar = This group's events as a calendar (.ics)
cmd-export = Export sign-up lists (organisers)
cmd-hours = My volunteer hours
cmd-import = Import a programme table (organisers)
cmd-organisations = Which organisations below have linked their group (hub organisers)
cmd-help = How to use Yiqi

start-private =
    Hello, { $name }! I'm Yiqi (一起): I help organisations run their events in group chats.
    · Send /events in a group to see events and sign up with one tap
    · /my shows the events you signed up for
    · Organisers create events with /newevent
    Send /help for every command.
start-group =
    Hello everyone! I'm Yiqi. Send /events to see upcoming events and sign up with one tap.
    Admins: send /setup first to link this group to an organisation.
help =
    <b>Yiqi — help</b>
    <b>Members</b>
    /events — upcoming events: sign up, cancel, see who's going, add to calendar
    /my — my sign-ups and waitlist positions
    /hours — my volunteer hours
    /calendar — this group's upcoming events as a calendar file
    /settings (in private) — my reminder times and language
    <b>Organisers</b>
    /setup — link this group to an organisation (new, or with a join code)
    /newevent — create an event (or in one line: /newevent Title | 28 June 9:00-11:30 | Place | 20)
    /edit, /cancelevent — change or cancel an event
    /organiser add @username — add an organiser
    /settings — the group's reminder times, daily summary and language
    /summary — events summary
    /import — import a programme table (CSV)
    /export — sign-up lists as CSV (sent privately)
    /hours report — the organisation's volunteer hours (CSV)
    /campaign — every event of a campaign day; in a hub's group it starts with each district’s (or street’s) sign-ups, places left, attendance and hours
    /campaign stats — a chart of sign-ups and attendance by district
    /organisations — which organisations below have a linked group (with one-tap links and a CSV)
    /organisations import — the caption for a directory file sent in private
error-generic = Sorry, something went wrong. Please try again in a moment.
fallback-private = I didn't understand that. Send /help to see what I can do.
conversation-outdated = Yiqi was updated while we were talking, and this conversation can't go on. Please start again with the same command.

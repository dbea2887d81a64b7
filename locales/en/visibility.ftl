# Who sees an event: members of its groups; a public event: anyone (but never others' names)
event-not-visible = Sorry, this event doesn't exist or is open only to the members of its groups.
who-members-only = The list of who's going is only open to the members of this event's groups.
btn-make-public = 🌐 Make public
btn-make-members-only = 🔒 Members only
toast-made-public = Now public: anyone with the link can see it and sign up, but not others' names
toast-made-members-only = Now members only: only members of the organisation's and its hubs' groups can see it
roster-public = 🌐 Public: anyone with the link can see it and sign up (not the list)
roster-members-only = 🔒 Members of the organisation's and its hubs' groups only
import-preview-public = 🌐 A campaign day's events are public by default: anyone with the link can see them and sign up, but never others' names. Organisers can switch an event to members only under “Manage”.

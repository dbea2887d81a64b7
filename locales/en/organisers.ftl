# /organiser
organiser-group-only = Use /organiser in a group that is linked to an organisation.
organiser-refused = Only organisers (group admins or named organisers) can manage organisers.
organiser-usage = Usage: /organiser add @username or /organiser remove @username (or reply to their message with /organiser add).
organiser-unknown-user = I don't know { $user } yet: ask them to send a message in the group or tap a button, then try again.
organiser-added = ✅ <b>{ $name }</b> is now an organiser.
organiser-removed = <b>{ $name }</b> is no longer an organiser.
organiser-not-named = <b>{ $name }</b> is not a named organiser (group admins are always organisers).
organiser-list = Named organisers (group admins are organisers too):
organiser-list-empty = No named organisers yet; the group's admins are organisers. Add one with /organiser add @username.

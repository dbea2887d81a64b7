# The parent hub: its join code, or its organisers' approval
setup-ask-parent-code =
    Which hub (city, district or street) is it under?
    Reply with the hub's join code (an admin of the hub's group sees it with /setup). Without a code, reply with the hub's full name and we'll ask its organisers to approve.
    No parent? Tap the button below.
setup-parent-unknown = There is no hub with the join code or name “{ $value }”.
setup-parent-not-hub = Only a hub (a city, district or street) can be a parent, not an ordinary organisation.
setup-parent-not-above = The parent must be at a higher level (a street sits under a district or a city, for example).
setup-parent-self = An organisation can't be its own parent.
setup-parent-forged = A parent is chosen with its join code or approved by its organisers. This choice is not valid; nothing was changed.
parent-request =
    📨 <b>{ $org }</b> asks to join <b>{ $hub }</b> as an organisation below it.
    Asked by { $by } (group “{ $chat }”)
    If you approve, its events appear in this hub's /events and summaries. Only this hub's organisers can decide.
parent-btn-approve = ✅ Approve
parent-btn-decline = ✖️ Decline
parent-asked = We asked the organisers of <b>{ $hub }</b> to approve. You'll hear the outcome in this group; until then the organisation has no parent.
parent-unreachable = The hub's organisers can't be reached yet (it has no linked group). Ask them for the join code, then send /setup.
parent-already-decided = This request has already been decided.
parent-approved = ✅ <b>{ $hub }</b> approved: <b>{ $org }</b> now sits under it.
parent-declined = <b>{ $hub }</b> declined the request of <b>{ $org }</b>. The organisation still has no parent.
parent-approved-hub = ✅ Approved by { $by }: <b>{ $org }</b> now sits under <b>{ $hub }</b>.
parent-declined-hub = Declined by { $by }: <b>{ $org }</b> does not join <b>{ $hub }</b>.

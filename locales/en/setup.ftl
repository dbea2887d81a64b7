# /setup: link a group to an organisation
setup-group-only = Send /setup in the group you want to link.
setup-admins-only = Only this group's admins can set it up. Ask one of them to send /setup.
setup-choose = This group is not linked to an organisation yet. Choose:
setup-change = To link this group to another organisation, choose:
setup-btn-create = Create an organisation
setup-btn-join = Join one with a join code
setup-ask-name = Reply to this message with the organisation's name:
setup-ask-code = Reply with the join code (send /setup in a linked group to see it):
setup-ask-kind = What level is this organisation?
setup-ask-zone = Pick a time zone, or reply with any IANA zone name (e.g. Asia/Urumqi):
setup-ask-locale = Which language should this group use?
setup-no-parent = No parent hub
setup-name-empty = The name can't be empty. Reply with the organisation's name:
setup-kind-unknown = Unknown level “{ $value }”. Use city, district, street or organisation.
setup-zone-unknown = Unknown time zone “{ $value }”. Reply with an IANA zone name such as Asia/Shanghai:
setup-code-unknown = There is no organisation with join code “{ $code }”. Check it and try again.
setup-not-yours = This step belongs to another admin's setup, or has expired. Send /setup to start again.
setup-created =
    ✅ Created <b>{ $name }</b> and linked this group to it.
    Join code: <code>{ $code }</code> (admins of other groups can send /setup join { $code } to join the same organisation)
    You can now create events with /newevent.
setup-joined = ✅ This group is now linked to <b>{ $name }</b>. Send /events to see its events.
setup-status =
    This group is linked to <b>{ $name }</b> ({ $kind })
    Parent hub: { $parent }
    Time zone: { $zone }
    Join code: <code>{ $code }</code>
org-kind-city = city
org-kind-district = district
org-kind-street = street
org-kind-organisation = organisation
locale-zh-CN = 中文
locale-en = English

# /setup：关联组织
setup-group-only = 请在要关联的群里发送 /setup。
setup-admins-only = 只有群管理员可以设置本群，请找一位管理员发送 /setup。
setup-choose = 本群还没有关联组织。请选择：
setup-change = 如需改为关联其他组织，请选择：
setup-btn-create = 新建组织
setup-btn-join = 用加入码加入已有组织
setup-ask-name = 请回复组织名称（回复这条消息）：
setup-ask-code = 请回复加入码（在已关联的群里发送 /setup 可以看到）：
setup-ask-kind = 这个组织是哪一级？
setup-ask-zone = 选择时区，或回复任意 IANA 时区名（如 Asia/Urumqi）：
setup-ask-locale = 本群使用哪种语言？
setup-no-parent = 无上级
setup-name-empty = 名称不能为空，请重新回复组织名称：
setup-kind-unknown = 不认识的级别「{ $value }」。可用：市、区县、街道、组织（city、district、street、organisation）。
setup-zone-unknown = 不认识的时区「{ $value }」，请回复 IANA 时区名，如 Asia/Shanghai：
setup-code-unknown = 加入码「{ $code }」不存在，请检查后重试。
setup-not-yours = 这一步属于另一位管理员的设置，或已过期。请发送 /setup 重新开始。
setup-created =
    ✅ 已创建组织<b>{ $name }</b>并关联本群。
    加入码：<code>{ $code }</code>（其他群的管理员可用 /setup join { $code } 加入同一组织）
    现在可以用 /newevent 创建活动。
setup-joined = ✅ 本群已关联到<b>{ $name }</b>。发送 /events 查看活动。
setup-status =
    本群已关联：<b>{ $name }</b>（{ $kind }）
    上级：{ $parent }
    时区：{ $zone }
    加入码：<code>{ $code }</code>
org-kind-city = 市
org-kind-district = 区县
org-kind-street = 街道
org-kind-organisation = 组织
locale-zh-CN = 中文
locale-en = English

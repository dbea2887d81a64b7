# /organiser
organiser-group-only = 请在已关联组织的群里使用 /organiser。
organiser-refused = 只有组织者（群管理员或被指定的组织者）可以管理组织者。
organiser-usage = 用法：/organiser add @用户名 或 /organiser remove @用户名（也可以回复对方的消息发送 /organiser add）。
organiser-unknown-user = 我还不认识{ $user }：请对方先在群里发一条消息或点一次按钮，然后再试。
organiser-added = ✅ 已把<b>{ $name }</b>设为组织者。
organiser-removed = 已取消<b>{ $name }</b>的组织者身份。
organiser-not-named = <b>{ $name }</b>不是被指定的组织者（群管理员始终是组织者）。
organiser-list = 被指定的组织者（群管理员也都是组织者）：
organiser-list-empty = 还没有被指定的组织者；群管理员都是组织者。用 /organiser add @用户名 添加。

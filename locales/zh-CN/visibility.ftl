# 谁能看到活动：所在群的成员；公开活动：任何人（但看不到他人姓名）
event-not-visible = 抱歉，这个活动不存在，或只对它所在群的成员开放。
who-members-only = 报名名单只对本活动所在群的成员开放。
btn-make-public = 🌐 设为公开
btn-make-members-only = 🔒 仅限群成员
toast-made-public = 已设为公开：任何人都能通过链接看到并报名，但看不到其他人的姓名
toast-made-members-only = 已设为仅限群成员：只有本组织和上级枢纽群里的成员能看到
roster-public = 🌐 公开活动：任何人可通过链接查看并报名（看不到名单）
roster-members-only = 🔒 仅限本组织及上级枢纽群的成员
import-preview-public = 🌐 活动日的活动默认公开：任何人都能通过链接查看并报名，但看不到他人姓名。组织者可在「管理」里改为仅限群成员。

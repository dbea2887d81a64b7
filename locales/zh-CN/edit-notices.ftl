# Telling the people signed up what changed (issue 15)
edit-ask-notify = 已报名（含候补）的有 { $count } 人。要把这次修改通知他们吗？
edit-btn-notify = 📣 通知他们
edit-btn-no-notify = 不通知
edit-notified = 已通知 { $count } 人。
edit-notice-private = ✏️ 你报名的「{ $title }」有变动：
edit-notice-group = { $mentions } ✏️ 你们报名的「{ $title }」有变动：
edit-notice-time = 🕘 时间：{ $old } → { $new }
edit-notice-place = 📍 地点：{ $old } → { $new }

# Guests (+1, +2) who hold places (issue 15)
guests-btn-none = 不带人
guests-btn-plus = +{ $count } 人
guests-btn-set = ➕ 允许带人
card-guests = 每人可带 { $count } 人（占名额）
form-field-guests = 带人
form-ask-guests = 每位报名者最多可以带几个人（0–5）？带来的人也占名额。回复数字，0 表示不可带人。
form-guests-range = 「{ $value }」：请回复 0 到 5 之间的数字
form-summary-guests = ➕ 每人可带 { $count } 人
toast-guests-set = 已登记带 { $count } 人，共占 { $places } 个名额
toast-guests-none = 已改为不带人
toast-guests-full = 名额不够了：现在只能再多带 { $free } 人
toast-guests-sign-up-first = 请先报名，再登记带的人
toast-guests-waitlisted = 你还在候补中，转为正式报名后才能带人
toast-guests-too-many = 这个活动每人最多带 { $max } 人
export-col-guests = 带人数

# Recurring activities (issue 15): 每周六 9:00-11:00 至12月31日, 共10次, 每月第一个周日
form-time-series_too_many = 「{ $value }」会有 { $count } 次，一个系列最多 { $max } 次。请写近一点的结束日期（如「至9月30日」）或次数（如「共20次」）
form-time-series_empty = 「{ $value }」在结束之前一次也没有，请检查结束日期
form-series-reading = 我理解的时间是：<b>{ $rule }</b>，共 { $count } 次，从 <b>{ $first }</b> 到 <b>{ $final }</b>。对吗？
series-note-year-end = ℹ️ 没写结束日期或次数，先排到年底（最后一次 { $final }）。要改，请在时间后面加上「至…」或「共…次」，如「{ $example }」。
series-created = 🔁 已排好 { $count } 次：{ $rule }，从 { $first } 到 { $final }。每次都有自己的名额和报名。
form-summary-series = 🔁 { $rule } · 共 { $count } 次（至{ $final }）
# the card and the /events list
series-line = 🔁 { $rule } · { $count ->
    [1] 这是最后一次
   *[other] 本次起还有 { $count } 次（至{ $final }）
  }
btn-signup-series = 🔁 报名以后每次（{ $count } 次）
btn-cancel-series = 取消以后每次
toast-series-signed-up = { $confirmed ->
    [0] 一次也没报上
   *[other] 已报名 { $confirmed } 次
  }{ $waitlisted ->
    [0] {""}
   *[other] ，{ $waitlisted } 次候补
  }{ $already ->
    [0] {""}
   *[other] （{ $already } 次之前已报名）
  }{ $refused ->
    [0] {""}
   *[other] ，{ $refused } 次不能报名（已截止或已关闭）
  }
toast-series-cancelled = { $count ->
    [0] 你没有报名以后的活动
   *[other] 已取消以后 { $count } 次的报名
  }
# edit and cancel: this one or all future ones
series-ask-scope = 「{ $title }」是「{ $rule }」系列中的一次。要改哪些？
series-btn-this-one = 只改这一次
series-btn-future = 这次及以后的 { $count } 次
series-edit-recurring-refused = 这是「{ $rule }」系列中的一次，不能改成另一个重复规则。要改以后每次的时间，请写这一次的新时间（如「{ $example }」），再选「这次及以后」。
edit-done-series = ✅ 已更新「{ $title }」的 { $count } 次活动，群里的卡片会随之更新。
edit-converted-series = ✅ 「{ $title }」改成了重复活动：{ $rule }，共 { $count } 次（从 { $first } 到 { $final }）。已报名的人保留在第一次。
cancel-series-ask = 「{ $title }」是「{ $rule }」系列中的一次，这次有 { $count } 人报名（含候补）。取消哪些？
btn-cancel-this-one = 🗑 只取消这一次
btn-cancel-future = 🗑 取消这次及以后的 { $count } 次
toast-series-cancelled-events = 已取消 { $count } 次活动
series-cancelled-notice = ❌「{ $title }」从 { $first } 起的 { $count } 次活动（{ $rule }）已取消。
edit-notice-private-series = ✏️ 你报名的「{ $title }」（{ $rule }）以后 { $count } 次都有变动，例如你报名的最近一次：
toast-series-questions = 这个活动报名时要回答问题，请每次分别报名

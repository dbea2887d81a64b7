# 提醒、每日汇总、/summary 和 /settings
reminder-in = ⏰ <b>活动提醒</b>：还有 { $lead } 开始
reminder-tomorrow = ⏰ <b>活动提醒</b>：活动就在明天
reminder-today = ⏰ <b>活动提醒</b>：活动就在今天
reminder-opens = ⏰ <b>活动提醒</b>：活动今天开始
lead-days = { $count } 天
lead-hours = { $count } 小时
lead-minutes = { $count } 分钟
reminder-you-confirmed = ✅ 你已报名。
reminder-you-waitlisted = ⏳ 你在候补名单第 { $position } 位，有空位时会通知你。
reminder-member-footer = 来不了？请在 /my 中取消报名，把名额让给别人。不想再收到提醒：/settings reminders off
remind-org-tomorrow = 📋 明天：<b>{ $title }</b> — 报名情况：{ $places }
remind-org-deadline = ⏳ <b>{ $title }</b> 将于 { $when } 截止报名，目前还有空位（{ $places }）。要不要在群里再提醒一下？
remind-org-attendance = ✅ <b>{ $title }</b> 已结束（{ $places }）。请确认实际到场人员：
btn-signup-list = 📋 报名名单
summary-header = 📋 <b>每日汇总</b> · { $org } · { $date }
summary-today = <b>今天</b>（{ $count }）
summary-week = <b>未来 7 天</b>（{ $count }）
summary-none = （无）
summary-changes = <b>自上次汇总以来</b>：新报名 { $signups } 人，取消 { $cancellations } 人
summary-by-district = <b>按区县</b>
summary-by-organisation = <b>按组织</b>
summary-tally = · { $name }：今天 { $today } · 未来 7 天 { $week } · +{ $signups } / −{ $cancellations }
summary-quiet = 今天和未来 7 天没有活动，自上次汇总以来也没有新的报名。
summary-group-only = 请在已关联组织的群里发送 /summary。
settings-header = <b>本群设置</b>
settings-reminders-on = ⏰ 活动提醒：有具体时间的活动提前 { $offsets } 提醒；全天活动在前一天 9:00 和当天 8:00 提醒
settings-reminders-off = ⏰ 活动提醒：已关闭
settings-summary-on = 📋 每日汇总：每天 { $time }，{ $quiet ->
    [yes] 没有新内容时也发送
   *[no] 没有新内容时不发送
  }
settings-summary-off = 📋 每日汇总：已关闭
settings-usage =
    组织者可以修改：
    /settings reminders 24h,1h — 或 off / on
    /settings summary 08:30 — 或 off / on
    /settings quiet on — 没有新内容时也发送汇总（off 取消）
settings-saved = 已保存。
settings-bad-offsets = 看不懂「{ $text }」。请写成 24h,1h 或 2d,3h,30m 这样的时长（最长一周）。
settings-bad-time = 看不懂「{ $text }」。请写成 08:30 这样的时间。
settings-refused = 只有本群的组织者可以修改设置。
settings-private-on = 🔔 你报名活动的私信提醒已开启。关闭：/settings reminders off
settings-private-off = 🔕 你的私信提醒已关闭。重新开启：/settings reminders on
settings-private-usage = 在私聊中可以开关你自己的提醒：/settings reminders off（或 on）。

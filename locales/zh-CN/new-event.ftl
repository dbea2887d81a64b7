# /newevent、/edit、/cancelevent
form-start = 为<b>{ $org }</b>创建活动。随时发送 /newevent 可以重新开始。
form-ask-org = 为哪个组织创建活动？
form-ask-title = 活动叫什么名字？
form-ask-time = 什么时间？例如：<code>6月28日 9:00-11:30</code>、<code>6月下旬</code>、<code>明天下午3点</code>、<code>6月16日开始持续到年底</code>；每周重复：<code>每周六 9:00-11:00 至12月31日</code>、<code>每月第一个周日 14:00-16:00 共6次</code>
form-ask-place = 在哪里？回复地点，线上活动请回复「线上」。
form-ask-details = 活动内容是什么，面向哪些人？（可选，可以跳过）
form-ask-capacity = 名额多少？回复数字，或点「不限名额」。
form-ask-deadline = 报名截止时间（可选）？例如 <code>6月27日 18:00</code>。
form-ask-groups = 发布到哪些群？点群名选择或取消，然后点「发布」。
form-no-groups = 这个组织还没有关联的群；活动会创建，但不会发到群里。
form-time-reading = 我理解的时间是：<b>{ $when }</b>。对吗？
form-btn-time-ok = ✅ 对
form-btn-time-retype = ✏️ 重新输入
form-btn-skip = 跳过
form-btn-unlimited = 不限名额
form-btn-no-deadline = 不设截止
form-btn-join-campaign = { $mark } 加入「{ $name }」
form-btn-post = 📣 发布
form-unlimited = 不限
form-summary =
    <b>{ $title }</b>
    🕘 { $when }
    📍 { $place }
    🎟 名额：{ $capacity }
form-created = ✅ 已创建「{ $title }」{ $groups ->
    [0] （还没有发布到群里）。
   *[other] ，发布到 { $groups } 个群。
  }
form-not-organiser = 只有组织者可以创建或管理活动：群管理员，以及被指定的组织者。还没关联组织的群，请管理员先发送 /setup；想成为组织者，请群管理员用 /organiser add 添加你。
form-continue-private = 请在私聊里继续：
form-fix-private = 其他部分已记下，请在私聊里只修改有问题的部分：
form-expired = 这一步已过期，请重新发送刚才的命令。
form-use-buttons = 请点上面的按钮继续。
form-field-title = 名称
form-field-time = 时间
form-field-place = 地点
form-field-details = 内容
form-field-capacity = 名额
form-field-deadline = 报名截止
form-title-empty = 名称不能为空
form-time-empty = 请写上时间
form-time-not_understood = 看不懂「{ $value }」，请换一种写法，如 6月28日 9:00-11:30
form-time-invalid_date = 「{ $value }」不是有效日期
form-time-invalid_time = 「{ $value }」不是有效的时刻
form-time-end_before_start = 「{ $value }」的结束早于开始
form-time-past = 「{ $value }」已经过去了
form-place-empty = 请写上地点（线上活动写「线上」）
form-details-too-long = 内容最多 3000 个字
form-capacity-not-number = 「{ $value }」不是数字，请回复如 20，或「不限」
form-capacity-range = 名额应在 1 到 100000 之间
form-deadline-past = 截止时间「{ $value }」已经过去了
form-deadline-after-event = 截止时间「{ $value }」晚于活动结束
edit-pick = 要修改哪个活动？
edit-which = 修改「{ $title }」的哪一项？
edit-done = ✅ 已更新「{ $title }」，群里的活动卡片会随之更新。
cancel-pick = 要取消哪个活动？
newevent-not-organiser =
    只有组织者可以创建活动：本群的管理员，以及被指定的组织者。
    想成为组织者？请群管理员回复你的消息发送 /organiser add，或发送 /organiser add @你的用户名。

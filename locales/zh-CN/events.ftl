# 活动列表、活动卡片、报名
events-header = <b>近期活动</b>（共 { $total } 个 · 第 { $page }/{ $pages } 页）
# 即将开始的活动多于所数的数目（$total，整数）：总页数不详
events-header-many = <b>近期活动</b>（超过 { $total } 个 · 第 { $page } 页）
events-none = 暂时没有即将开始的活动。组织者可以发送 /newevent 创建一个。
events-not-set-up = 本群还没有关联组织，暂时没有活动。管理员可以发送 /setup 完成设置。
events-not-set-up-admin =
    本群还没有关联组织。请发送 /setup：
    · 新建一个组织（名称、上级枢纽、时区、语言），或
    · 用另一个群里得到的加入码加入已有组织。
events-private-none = 你所在的群里暂时没有即将开始的活动（我只能看到你在其中发过言或报过名的群）。
event-online = 线上活动
event-place-unknown = 地点待定
places-count = { $confirmed }/{ $capacity }
places-full = { $waitlisted ->
    [0] 满员
   *[other] 满员 · 候补 { $waitlisted } 人
  }
places-unlimited = 不限名额 · 已报名 { $confirmed }
status-closed = 已截止报名
status-cancelled = 已取消
status-completed = 已结束
card-deadline = 报名截止：{ $when }
btn-signup = ✅ 报名
btn-cancel-signup = 取消报名
btn-who = 👥 谁参加
btn-calendar = 📅 加入日历
btn-manage = ⚙️ 管理
btn-close-signups = 截止报名
btn-reopen-signups = 重新开放报名
btn-cancel-event = 取消活动
btn-edit-event = 修改活动
btn-cancel-event-confirm = 确认取消活动
btn-keep-event = 不取消
btn-open-private = 打开私聊
roster-confirmed = 已报名 { $count }/{ $capacity }
roster-waitlist = 候补 { $count }
roster-cancelled = 已取消 { $count }
roster-empty = （无）
list-more = ……还有 { $count } 项
who-nobody = 还没有人报名，快来第一个报名吧！
who-list = 已报名 { $count } 人：{ $names }{ $waitlisted ->
    [0] {""}
   *[other] ；候补 { $waitlisted } 人
  }
toast-signed-up = 已报名 ✅
toast-waitlisted = 名额已满，你在候补第 { $position } 位
toast-already-confirmed = 你已经报名了
toast-already-waitlisted = 你已在候补第 { $position } 位
toast-refused-cancelled = 活动已取消，不能报名
toast-refused-closed = 报名已截止
toast-refused-deadline = 已过报名截止时间
toast-refused-ended = 活动已结束
toast-refused-draft = 活动尚未发布
toast-refused-completed = 活动已结束
toast-cancelled = 已取消报名
toast-cancelled-waitlist = 已退出候补
toast-not-signed-up = 你还没有报名这个活动
toast-event-missing = 这个活动已不存在，发送 /events 看看其他活动
toast-stale-button = 这个按钮已失效，请重新发送 /events
toast-not-organiser = 只有本活动的组织者可以这样做
toast-sent-private = 已私信发给你
toast-start-bot-first = 请先打开与我的私聊并点「开始」，然后再点一次
toast-closed = 已截止报名
toast-reopened = 已重新开放报名
toast-event-cancelled = 活动已取消，已通知报名的成员
toast-not-in-state = 活动现在的状态不能这样操作，请看卡片上的状态
promoted-private = 好消息！「{ $title }」空出了名额，你已从候补转为<b>正式报名</b>。时间：{ $when }
    临时来不了？请在 /my 中取消，把名额让给下一位。
promoted-group = { $mention }，好消息！「{ $title }」空出了名额，你已从候补转为正式报名。
event-cancelled-notice = ❌ 活动「{ $title }」（{ $when }）已取消。
cancel-event-ask = 确定要取消活动「{ $title }」吗？{ $count ->
    [0] 目前还没有人报名。
   *[other] 已报名的 { $count } 人会收到通知。
  }
my-header = <b>我的报名</b>
my-none = 你目前没有报名即将开始的活动。发送 /events 看看有什么活动吧。
my-line-confirmed = ✅ 已报名
my-line-waitlisted = ⏳ 候补第 { $position } 位
my-in-group = 我已把你的报名列表私信发给你。
my-in-group-start = 请在私聊里查看你的报名：
calendar-caption = 「{ $title }」的日历文件，打开即可加入日历。

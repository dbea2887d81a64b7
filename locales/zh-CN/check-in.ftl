# 现场签到（二维码）、未到场记录、成员自己的参加记录
btn-check-in-code = 📷 签到码
btn-check-in-renew = 🔄 换一个签到码
check-in-code-caption =
    <b>「{ $title }」签到码</b>
    请在现场出示此码：从活动开始前 1 小时到结束，成员扫码（或打开链接）即记为到场。
    { $link }
    换新签到码后，这个就不能再用了。
toast-check-in-renewed = 新签到码已发给你，旧的已失效
check-in-done = ✅ 已签到「{ $title }」，欢迎！
check-in-done-walk-in = ✅ 已签到「{ $title }」。你之前没有报名，已为你登记为到场。
check-in-already = 你已经签到过「{ $title }」了。
check-in-too-early = 「{ $title }」的签到在 { $time } 开始（活动开始前 1 小时），到时再扫一次吧。
check-in-ended = 「{ $title }」已经结束，签到已关闭。如果漏记了，请联系组织者。
check-in-cancelled = 这个活动已取消，无需签到。
check-in-full = 「{ $title }」名额已满，无法直接签到，请找现场的组织者。
check-in-roles = 「{ $title }」按角色报名，请找现场的组织者为你登记。
check-in-unknown = 这个签到码无效（可能已换新）。请向现场的组织者要最新的签到码。
roster-attendance = 到场 { $attended } 人 · 未到 { $absent } 人
my-history-header = <b>参加过的活动</b>
my-history-attended = ✅ 已到场 · { $hours }
my-history-attended-no-hours = ✅ 已到场
my-history-no-show = ❌ 未到场

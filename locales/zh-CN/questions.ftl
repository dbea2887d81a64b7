# Questions at sign-up, answered in private; the place is held meanwhile (issue 15)
form-field-questions = 报名问题
form-ask-questions =
    报名后要请报名者回答哪些问题？最多 3 个，每行一个：
    <code>电话：紧急联系人电话</code>
    <code>选择：T恤尺码：S / M / L</code>
    <code>文字：你的专业</code>（也可以只写问题）
    电话会检查格式（手机号，或带 + 和国家代码的号码）。回答只有组织者能看到。回复「无」表示不提问。
form-questions-too-many = 最多 3 个问题
form-questions-prompt-empty = 「{ $value }」：请写上问题
form-questions-prompt-too-long = 「{ $value }」：问题最多 100 个字
form-questions-options = 「{ $value }」：选择题要写 2 到 8 个不同的选项，用 / 隔开
form-questions-option-too-long = 「{ $value }」：每个选项最多 30 个字
questions-btn-none = 不提问
questions-btn-set = ❓ 报名问题
form-summary-questions = ❓ 报名问题：
    { $questions }
question-kind-text = 文字
question-kind-choice = 选择
question-line = { $kind }：{ $prompt }
question-line-choice = { $kind }：{ $prompt }：{ $options }
question-kind-phone = 电话
toast-held = 名额已为你保留 { $minutes } 分钟，请在私聊里回答几个问题
questions-see-private = 问题已发到和我的私聊中。
toast-offered = 有一个名额留给你了，请在私聊里点「接受」或「放弃」
questions-intro-held = 「{ $title }」的名额为你保留到 { $until }。请回答下面 { $count } 个问题，答完即报名成功；到时没答完，名额会让给别人。
questions-intro-waitlisted = 你在「{ $title }」的候补第 { $position } 位。组织者请报名者回答 { $count } 个问题：
questions-intro-change = 修改你在「{ $title }」的回答（共 { $count } 个问题）：
question-ask = 问题 { $n }/{ $total }：<b>{ $prompt }</b>
question-hint-phone = 请回复手机号，例如 138 1234 5678；海外号码请带 + 和国家代码。
question-hint-text = 请直接回复文字。
question-current = 现在的回答：{ $value }（回复新的内容即可修改）
questions-done-confirmed = 谢谢！你已报名「{ $title }」✅
questions-done-waitlisted = 谢谢，回答已保存。你在「{ $title }」的候补第 { $position } 位，有名额时会通知你。
questions-done-too-late = 回答已保存，但「{ $title }」为你保留的名额已经过期。如果还有名额，请在群里重新点报名。
questions-gone = 这个报名已经不需要回答问题了。
answer-phone-invalid = 这个号码格式不对。请回复手机号（如 138 1234 5678），海外号码请带 + 和国家代码（如 +44 20 7946 0958）。
answer-choose = 请点下面的一个选项。
answer-empty = 请回复文字。
answer-too-long = 回答最多 200 个字，请缩短一些。
answer-line = { $prompt }：{ $value }
my-line-held = ⏳ 名额保留到 { $until }：请回答问题
my-line-offered = 🎟 有名额留给你，{ $until } 前有效
my-btn-answers = ✏️ 修改回答：{ $title }
my-not-answered = （未回答）
roster-mark-held = ⏳ 答题中
roster-mark-offered = 🎟 候补待确认
export-status-held = 答题中（名额保留）
export-status-offered = 候补名额待确认
released-hold-private = 「{ $title }」为你保留的名额已过期（问题没有按时答完），名额已让给别人。如果还有名额，可以在群里重新报名。时间：{ $when }
released-hold-group = { $mention }，「{ $title }」为你保留的名额已过期（没有在私聊里回答问题），名额已让给别人。
import-column-questions = 报名问题
import-problem-questions = 报名问题「{ $value }」写得不对（每个问题用「；」隔开，例如 电话：联系电话；选择：尺码：S / M / L）
promoted-held-private = 好消息！「{ $title }」空出了名额，为你保留到 <b>{ $until }</b>。请先回答报名问题，答完即正式报名；到时没答完，名额会让给下一位。时间：{ $when }
promoted-held-group = { $mention }，「{ $title }」空出了名额，为你保留 { $minutes } 分钟。请在和我的私聊里回答报名问题，完成报名。
promoted-btn-answer = ✏️ 回答问题

# 活动安排表导入、活动日、日历、表格导出、签到与志愿时长
import-ask-file = 请把活动安排表作为文件发给我：CSV 或 TSV（Excel 或 WPS 另存为，UTF-8 或 GB18030 编码），列为：公益服务活动名称、组织单位、具体内容和对象、服务活动地点或区域、活动时间。
import-ask-file-group = 请回复本消息，发送活动安排表文件（CSV 或 TSV）。
import-not-organiser = 只有本组织的组织者可以导入活动安排表。
import-no-organisation = 你还不是任何组织的组织者。组织者可以在群里发送 /import 导入，或由群管理员先用 /setup 关联组织。
import-reading = 正在读取{ $file }……
import-error-empty = 文件是空的：表头下面没有任何活动。
import-error-too_large = 文件太大（{ $size } MB），上限为 { $limit } MB。请把表格拆分后分批导入。
import-error-binary = 这不是我能读取的表格（看起来是二进制文件）。请在 Excel 或 WPS 中「另存为」CSV 后再发送。
import-error-bad_headers = 没有找到表头行。缺少的列：{ $missing }。表头需要包含「公益服务活动名称」「组织单位」和「活动时间」。
import-error-too_many_rows = 表格中的活动超过 { $limit } 项，请拆分后分批导入。
import-error-malformed = 文件不是有效的 CSV（{ $detail }）。请在 Excel 或 WPS 中打开，重新另存为 CSV。
import-error-download = 无法从 Telegram 下载该文件，请重新发送。
import-error-no_valid_rows = 没有一行活动可以读取，无法导入：
import-column-title = 公益服务活动名称
import-column-organisers = 组织单位
import-column-content = 具体内容和对象
import-column-place = 服务活动地点或区域
import-column-time = 活动时间
import-row = 第 { $row } 行：{ $problem }
import-problem-title-missing = 活动名称为空
import-problem-organisers-missing = 没有组织单位
import-problem-time-missing = 活动时间为空
import-problem-row-too_few_cells = 这一行的单元格太少
import-problem-time-empty = 活动时间为空
import-problem-time-not_understood = 无法识别时间「{ $value }」
import-problem-time-invalid_date = 「{ $value }」不是有效日期
import-problem-time-invalid_time = 「{ $value }」不是有效的时间
import-problem-time-end_before_start = 「{ $value }」的结束早于开始
import-preview-title = 📋 <b>{ $file }</b>
import-preview-total = 共 { $total } 项活动
import-preview-on-day = { $date } { $count } 项
import-preview-multi-day = 跨多日 { $count } 项
import-preview-errors = { $count } 项有错误（不导入）：
import-preview-more-errors = ……另有 { $count } 条
import-preview-for = 导入到：<b>{ $organisation }</b>（下属组织的活动归入对应组织）
import-preview-campaign = 活动日：<b>{ $campaign }</b>
import-preview-no-campaign = 未指定活动日。如需归入活动日，发送文件时附上说明文字 /import 加活动日名称。
import-preview-confirm = 点击「导入」之前不会保存任何内容。再次导入同一张表会更新已有活动，不会重复。
btn-import-confirm = 导入 { $count } 项
btn-import-cancel = 取消
btn-import-for = 导入到：{ $organisation }
import-done = 导入完成：新增 { $created } 项，更新 { $updated } 项，未变 { $unchanged } 项。发送 /events 查看。
import-done-campaign = 已归入活动日「{ $campaign }」：发送 /campaign 查看。
import-cancelled = 已取消导入，没有保存任何内容。
import-gone = 这次导入已经确认或取消过了。
import-day = { $month }月{ $day }日
campaign-none = 还没有活动日。组织者导入活动安排表即可创建：发送表格文件，附上说明文字 /import 加活动日名称。
campaign-header = <b>{ $name }</b> · { $when }{ $yearly ->
    [yes] （每年）
   *[no] {""}
  }
campaign-totals = 共 { $events } 项活动 · { $going } 人报名
campaign-city-wide = 全市及其他
campaign-empty-here = 这个活动日里没有本群所属组织的活动。可以在其他组织的群里发送 /campaign，或在这里发送 /events 查看本群的活动。
campaign-page = 第 { $page }/{ $pages } 页
calendar-group-caption = { $name }的近期活动（{ $count } 项）：打开文件即可加入日历。
calendar-none = 没有可以加入日历的近期活动。
export-col-event = 活动
export-col-time = 时间
export-col-organisation = 组织
export-col-number = 序号
export-col-name = 姓名
export-col-username = 用户名
export-col-status = 状态
export-col-signed-up-at = 报名时间
export-col-month = 月份
export-col-date = 日期
export-col-hours = 时长（小时）
export-total = 合计
export-status-confirmed = 已报名
export-status-waitlisted = 候补
export-status-cancelled = 已取消
export-status-attended = 已参加
export-status-no_show = 缺席
export-caption-event = 「{ $title }」的报名名单：{ $count } 人报名{ $cancelled ->
    [0] 。
   *[other] ，另有 { $cancelled } 人已取消（表中标为「已取消」）。
  }
export-caption-campaign = 活动日「{ $name }」（{ $organisation }）的报名名单：{ $count } 人报名{ $cancelled ->
    [0] 。
   *[other] ，另有 { $cancelled } 人已取消（表中标为「已取消」）。
  }
export-caption-upcoming = { $organisation }近期活动的报名名单：{ $count } 人报名{ $cancelled ->
    [0] 。
   *[other] ，另有 { $cancelled } 人已取消（表中标为「已取消」）。
  }
export-not-organiser = 只有本群的组织者可以导出报名名单。
export-start-first = 导出文件会私聊发送给你。请先打开与我的私聊并点击「开始」，然后在这里再发送一次命令。
export-sent-private = 已私聊发送给你。
export-nothing = 暂时没有可以导出的内容。
btn-export-csv = 📄 导出报名名单（CSV）
btn-attendance = ✅ 签到与时长
attendance-header = <b>签到：{ $title }</b>
attendance-count = 已参加 { $attended }/{ $expected } 人。点击姓名可在「已参加」和「缺席」之间切换。
attendance-hours = 每人志愿时长：<b>{ $hours }</b>
attendance-hours-unset = 每人志愿时长：还没设置（活动没有具体的开始和结束时间），请点「设置时长」。
attendance-nobody = 这个活动没有人报名。
btn-attendance-all = 报名的人都参加了
btn-hours-length = 时长 = 活动时长（{ $hours }）
btn-hours-set = 设置时长
attendance-not-started = 活动还没开始，等活动结束后再来签到。
attendance-marked = 已将 { $count } 人标记为已参加
attendance-switched = 签到已更新
attendance-ask-hours = 「{ $title }」每位参加者记多少志愿时长？请发送小时数，例如 2.5
attendance-hours-bad = 「{ $value }」不是有效的小时数（最多 1000），请发送例如 2.5
attendance-hours-saved = 已设置时长：每人 { $hours }。
hours-header = <b>你在 { $year } 年的志愿时长</b>：{ $count } 项活动，共 { $total } 小时
hours-none = 你在 { $year } 年还没有已签到的活动。组织者会在活动结束后确认签到。
hours-unset = 时长未设置
hours-report-caption = { $organisation }在 { $year } 年的志愿时长：{ $people } 人，共 { $total } 小时。
hours-report-hint = 组织者：发送 /hours report 获取本组织的志愿时长表格。
hours-not-set-up = 本群还没有关联组织。管理员可以发送 /setup 完成设置。
export-ready = 好的！现在可以私聊给你发文件了。请回到群里，再发送一次刚才的命令。
btn-group-calendar = 📅 全部加入我的日历
btn-import-campaign = 归入活动日「{ $campaign }」
## Campaign at a glance: /campaign in a hub, /campaign stats
campaign-glance-title = { $kind ->
    [city] 📊 <b>各区县至今</b>
    [district] 📊 <b>各街道至今</b>
   *[other] 📊 <b>至今</b>
}
campaign-glance-own = { $name }本级
campaign-glance-line = { $name }：{ $activities } 项活动，报名 { $signups } 人，{ $left }，出席 { $attended } 人，共 { $hoursDone } 小时
campaign-glance-left = { $mode ->
    [unlimited] 名额不限
    [mixed] 余位 { $left }（另有 { $uncapped } 项不限名额）
   *[number] 余位 { $left }
}
campaign-glance-more = ……另有 { $count } 项未列出。
campaign-stats-title = 📊 <b>{ $name }</b> · { $kind ->
    [city] 各区县报名与出席
    [district] 各街道报名与出席
   *[other] 报名与出席
}
campaign-stats-total = 合计：{ $activities } 项活动，报名 { $signups } 人，出席 { $attended } 人，共 { $hoursDone } 小时
campaign-stats-hub-only = 活动日统计图按区县或街道汇总，只能在市、区县或街道枢纽组织的群里查看。
campaign-stats-no-chart = （暂时画不出统计图，以上是全部数据。）
campaign-chart-title = { $name } · { $kind ->
    [city] 各区县报名与出席
    [district] 各街道报名与出席
   *[other] 报名与出席
}
campaign-chart-signups = 报名
campaign-chart-attended = 出席

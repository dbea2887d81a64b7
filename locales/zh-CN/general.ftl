# 通用：/start、/help、命令菜单、错误
cmd-events = 查看近期活动
cmd-my = 我的报名
cmd-newevent = 创建活动（组织者）
cmd-setup = 把本群关联到组织（管理员）
cmd-summary = 活动汇总
cmd-settings = 设置：提醒、汇总和语言
cmd-campaign = 查看活动日的全部活动
cmd-calendar = 本群活动日历（.ics）
cmd-export = 导出报名表（组织者）
cmd-hours = 我的志愿时长
cmd-import = 导入活动安排表（组织者）
cmd-organisations = 下属组织的群关联情况（上级组织者）
cmd-help = 使用帮助

start-private =
    你好，{ $name }！我是一起（Yiqi），帮社会组织在群里发布活动、报名和提醒。
    · 在群里发送 /events 查看活动，点按钮即可报名
    · /my 查看你报名的活动
    · 组织者可以用 /newevent 创建活动
    发送 /help 查看全部命令。
start-group =
    大家好！我是一起（Yiqi）。发送 /events 查看近期活动，点按钮即可报名。
    管理员请先发送 /setup 把本群关联到组织。
help =
    <b>一起（Yiqi）使用帮助</b>
    <b>成员</b>
    /events — 近期活动，点按钮报名、取消、查看谁参加、加入日历
    /my — 我的报名和候补名次
    /hours — 我的志愿时长
    /calendar — 本群近期活动的日历文件
    /settings（私聊）— 我的提醒时间和语言
    <b>组织者</b>
    /setup — 把本群关联到组织（新建或用加入码）
    /newevent — 创建活动（也可一行：/newevent 标题 | 6月28日 9:00-11:30 | 地点 | 20）
    /edit、/cancelevent — 修改或取消活动
    /organiser add @用户名 — 添加组织者
    /settings — 本群的提醒时间、每日汇总和语言
    /summary — 活动汇总
    /import — 导入活动安排表（CSV）
    /export — 导出报名表（CSV，私信发送）
    /hours report — 本组织的志愿时长报表（CSV）
    /campaign — 活动日的全部活动；在枢纽组织的群里先列出各区县（或各街道）的报名、余位、出席和时长
    /campaign stats — 各区县报名与出席的统计图
    /organisations — 下属组织有没有关联群（附一键关联链接和 CSV）
    /organisations import — 私聊发送组织名录文件时的说明文字
error-generic = 抱歉，处理时出了点问题，请稍后再试。
fallback-private = 我没听懂。发送 /help 查看可以做什么。
conversation-outdated = 机器人刚刚升级，这段对话无法继续了。请重新发送同一个命令再来一次。

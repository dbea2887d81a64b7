# Big events: lists longer than a message or an alert (issue 15)
who-too-many = 已报名 { $count } 人{ $waitlisted ->
    [0] {""}
   *[other] ；候补 { $waitlisted } 人
  }。名单太长，放不进这里。
who-sent-private = 完整名单已私信发给你。
roster-document = 完整报名表（{ $count } 行），可用 Excel 打开。

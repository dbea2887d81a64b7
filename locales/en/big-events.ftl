# Big events: lists longer than a message or an alert (issue 15)
who-too-many = { $count } going{ $waitlisted ->
    [0] {""}
   *[other] ; { $waitlisted } waitlisted
  }. Too many names to show here.
who-sent-private = The full list is in your private chat.
roster-document = { $count ->
    [one] The full sign-up list (one row), for Excel.
   *[other] The full sign-up list ({ $count } rows), for Excel.
  }

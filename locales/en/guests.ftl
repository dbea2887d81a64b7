# Guests (+1, +2) who hold places (issue 15)
guests-btn-none = No guests
guests-btn-plus = +{ $count }
guests-btn-set = ➕ Allow guests
card-guests = { $count ->
    [one] Each member may bring one guest (guests take places)
   *[other] Each member may bring up to { $count } guests (guests take places)
  }
form-field-guests = Guests
form-ask-guests = How many guests may each member bring (0–5)? Guests take places too. Reply with a number; 0 means none.
form-guests-range = “{ $value }”: please reply with a number from 0 to 5
form-summary-guests = { $count ->
    [one] ➕ one guest each
   *[other] ➕ up to { $count } guests each
  }
toast-guests-set = { $count ->
    [one] You're bringing one guest: { $places } places in all
   *[other] You're bringing { $count } guests: { $places } places in all
  }
toast-guests-none = You're coming without guests
toast-guests-full = Not enough places: you can bring at most { $free } more
toast-guests-sign-up-first = Sign up first, then add your guests
toast-guests-waitlisted = You're still on the waitlist: guests can come once you have a place
toast-guests-too-many = { $max ->
    [one] This event allows one guest each
   *[other] This event allows up to { $max } guests each
  }
export-col-guests = Guests

# Check-in at the venue (QR code), no-shows, a member's own attendance history
btn-check-in-code = 📷 Check-in code
btn-check-in-renew = 🔄 New check-in code
check-in-code-caption =
    <b>Check-in for “{ $title }”</b>
    Show this code at the venue: people scan it (or open the link) from one hour before the start until the end, and are marked attended.
    { $link }
    A new code makes this one stop working.
toast-check-in-renewed = New check-in code sent; the old one no longer works
check-in-done = ✅ You're checked in for “{ $title }”. Welcome!
check-in-done-walk-in = ✅ You're checked in for “{ $title }”. You hadn't signed up, so you've been added as attending.
check-in-already = You're already checked in for “{ $title }”.
check-in-too-early = Check-in for “{ $title }” opens at { $time } (one hour before the start). Scan again then.
check-in-ended = “{ $title }” has ended, so check-in is closed. Ask an organiser if your attendance is missing.
check-in-cancelled = This event was cancelled; there is nothing to check in to.
check-in-full = “{ $title }” is full, so I can't check you in. Please see an organiser at the venue.
check-in-roles = “{ $title }” has roles to sign up for. Please see an organiser at the venue, who can add you.
check-in-unknown = This check-in code doesn't work (it may have been replaced). Please ask an organiser at the venue for the current one.
roster-attendance = Attended { $attended } · no-show { $absent }
my-history-header = <b>Past events</b>
my-history-attended = ✅ attended · { $hours }
my-history-attended-no-hours = ✅ attended
my-history-no-show = ❌ no-show

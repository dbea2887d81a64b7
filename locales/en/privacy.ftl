# /privacy and /forgetme: personal data
cmd-privacy = My data: what is stored, how to delete it
privacy-in-private = Your data is explained and deleted in the private chat only. Tap the button to open it.
privacy-text =
    🔐 <b>What Yiqi stores about you</b>
    · Your Telegram account number, name, username and language: to sign you up, remind you and show you in lists
    · The groups you were seen in ({ $groups }): to decide which events you can see
    · Your sign-ups ({ $signups }, with their status and volunteer hours): places, waitlists, attendance and hours
    · The organisations you organise for ({ $organiserOf })
    · Messages waiting to be sent to you ({ $queued }) and conversations in progress
    Who sees it: “Who's going” shows names only to members of the event's groups; the full list and exports are for organisers only. It is sent to Telegram and nobody else.
    Send /forgetme to delete all of this (after you confirm): your name in lists and exports becomes “former member”; sign-up counts and hour totals are kept.
forget-confirm =
    Delete what Yiqi stores about you?
    This deletes your account record, your name, the groups you were seen in, your organiser roles, conversations in progress and messages waiting for you. In lists and exports your name becomes “former member”; counts and hour totals are kept.
    <b>This cannot be undone.</b>
btn-forget-confirm = 🗑 Delete my data
btn-forget-keep = Keep it
forget-done = ✅ Your data is deleted ({ $signups ->
        [one] 1 sign-up
       *[other] { $signups } sign-ups
    } kept anonymously, for counts and hours only). If you use Yiqi again, it starts remembering you from then on.
person-forgotten = former member

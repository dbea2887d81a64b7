# What a card shows when its event was cancelled (issue 9): no places, nothing to tap.
card-cancelled = ❌ This event has been cancelled; sign-ups are closed.

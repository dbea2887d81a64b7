# What a card shows when its event was cancelled (issue 9): no places, nothing to tap.
card-cancelled = ❌ This event has been cancelled; sign-ups are closed.
# A half-done conversation (e.g. /setup) moved with the group when it became a supergroup.
conversation-migrated = This group became a supergroup. Reply to this message to carry on where you left off.

# What a card shows when its event was cancelled (issue 9): no places, nothing to tap.
card-cancelled = ❌ 此活动已取消，不再接受报名。

# What a card shows when its event was cancelled (issue 9): no places, nothing to tap.
card-cancelled = ❌ 此活动已取消，不再接受报名。
# A half-done conversation (e.g. /setup) moved with the group when it became a supergroup.
conversation-migrated = 本群已升级为超级群。请回复这条消息，继续刚才的操作。

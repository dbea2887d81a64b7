import type { Chat, ChatMemberUpdated, User } from "grammy/types";
import { type BotStatus, chatMember, isPresent, type MemberStatus } from "./members.ts";
import type { ChatRecord, TelegramState } from "./state.ts";

function memberUpdate(
  state: TelegramState,
  chat: ChatRecord,
  by: User,
  user: User,
  before: MemberStatus,
  after: MemberStatus,
): ChatMemberUpdated {
  return {
    chat: { ...chat.chat },
    from: by,
    date: state.date(),
    old_chat_member: chatMember(user, before),
    new_chat_member: chatMember(user, after),
  };
}

/** The service message a group shows when someone joins or leaves it. */
function postJoinOrLeave(
  state: TelegramState,
  chat: ChatRecord,
  by: User,
  user: User,
  before: MemberStatus,
  after: MemberStatus,
): void {
  if (isPresent(before) === isPresent(after)) return;
  const content = isPresent(after) ? { new_chat_members: [user] } : { left_chat_member: user };
  state.deliver(chat, state.postMessage(chat, by, content));
}

/**
 * Changes the bot's status in a chat: a `my_chat_member` update, plus in groups the `new_chat_members` /
 * `left_chat_member` service message. In a private chat "kicked" means blocked by the user.
 */
export function setBotStatus(state: TelegramState, chat: ChatRecord, status: BotStatus, by: User): void {
  const before = chat.botStatus;
  if (before === status) return;
  chat.botStatus = status;
  state.updates.push({ my_chat_member: memberUpdate(state, chat, by, state.bot, before, status) });
  if (chat.chat.type !== "private") postJoinOrLeave(state, chat, by, state.bot, before, status);
}

/**
 * Changes a user's status in a group: a `chat_member` update (sent only while the bot is an administrator, as
 * Telegram does) and the join/leave service message.
 */
export function setMemberStatus(
  state: TelegramState,
  chat: ChatRecord,
  user: User,
  status: MemberStatus,
  by: User,
): void {
  if (chat.chat.type === "private") throw new Error("Members of a private chat cannot change");
  const before = state.statusOf(chat, user.id);
  if (before === status) return;
  chat.members.set(user.id, status);
  if (chat.botStatus === "administrator") {
    state.updates.push({ chat_member: memberUpdate(state, chat, by, user, before, status) });
  }
  postJoinOrLeave(state, chat, by, user, before, status);
}

/**
 * Upgrades a basic group to a supergroup with a new id: the old group gets a message with `migrate_to_chat_id`,
 * the supergroup one with `migrate_from_chat_id`; calls naming the old id then answer 400 with `migrate_to_chat_id`.
 */
export function migrateToSupergroup(state: TelegramState, group: ChatRecord, by: User): Chat.SupergroupChat {
  if (group.chat.type !== "group") throw new Error(`Chat ${group.chat.id} is not a basic group`);
  const chat = state.groupChat("supergroup", group.chat.title) as Chat.SupergroupChat;
  const supergroup = state.addChat(chat, group.botStatus);
  for (const [userId, status] of group.members) supergroup.members.set(userId, status);
  state.deliver(group, state.postMessage(group, by, { migrate_to_chat_id: chat.id }));
  group.migratedTo = chat.id;
  state.deliver(supergroup, state.postMessage(supergroup, by, { migrate_from_chat_id: group.chat.id }));
  return { ...chat };
}

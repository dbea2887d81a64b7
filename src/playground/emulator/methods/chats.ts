import type { ChatFullInfo } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { requireGroupMembership, resolveChat } from "../chat-access.ts";
import { chatMember, isPresent } from "../members.ts";
import type { Params } from "../params.ts";
import type { ChatRecord, TelegramState } from "../state.ts";
import type { MethodHandler } from "./context.ts";

/** The chat a read names; in groups the bot must be a member. */
function readableChat(state: TelegramState, params: Params): ChatRecord {
  const chat = resolveChat(state, params.chatId());
  requireGroupMembership(chat);
  return chat;
}

function fullInfo(chat: ChatRecord): ChatFullInfo {
  const common = {
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {
      unlimited_gifts: false,
      limited_gifts: false,
      unique_gifts: false,
      premium_subscription: false,
      gifts_from_channels: false,
    },
  };
  return { ...chat.chat, ...common } as ChatFullInfo;
}

function userOrBot(state: TelegramState, userId: number) {
  if (userId === state.bot.id) return state.bot;
  const user = state.users.get(userId)?.user;
  if (!user) throw badRequest("user not found");
  return user;
}

const getChat: MethodHandler = ({ state, params }) => fullInfo(readableChat(state, params));

const getChatMember: MethodHandler = ({ state, params }) => {
  const chat = readableChat(state, params);
  const userId = params.requireNumber("user_id");
  return chatMember(userOrBot(state, userId), state.statusOf(chat, userId));
};

const getChatAdministrators: MethodHandler = ({ state, params }) => {
  const chat = readableChat(state, params);
  if (chat.chat.type === "private") throw badRequest("there are no administrators in the private chat");
  const admins = [...chat.members]
    .filter(([, status]) => status === "creator" || status === "administrator")
    .map(([userId, status]) => chatMember(userOrBot(state, userId), status));
  if (chat.botStatus === "administrator") admins.push(chatMember(state.bot, "administrator"));
  return admins;
};

const getChatMemberCount: MethodHandler = ({ state, params }) => {
  const chat = readableChat(state, params);
  if (chat.chat.type === "private") return 2;
  const users = [...chat.members.values()].filter(isPresent).length;
  return users + (isPresent(chat.botStatus) ? 1 : 0);
};

const leaveChat: MethodHandler = ({ state, params }) => {
  const chat = readableChat(state, params);
  if (chat.chat.type === "private") throw badRequest("chat member status can't be changed in private chats");
  const before = chat.botStatus;
  chat.botStatus = "left";
  state.updates.push({
    my_chat_member: {
      chat: { ...chat.chat },
      from: state.bot,
      date: state.date(),
      old_chat_member: chatMember(state.bot, before),
      new_chat_member: chatMember(state.bot, "left"),
    },
  });
  return true;
};

export const chatMethods = { getChat, getChatMember, getChatAdministrators, getChatMemberCount, leaveChat };

import { badRequest, forbidden } from "./api-error.ts";
import type { ChatRecord, TelegramState } from "./state.ts";

/** The chat a call names, or the 400 Telegram answers (unknown chat, group upgraded to a supergroup). */
export function resolveChat(state: TelegramState, chatId: number | string): ChatRecord {
  const username = typeof chatId === "string" ? chatId.slice(1).toLowerCase() : undefined;
  const record =
    typeof chatId === "number"
      ? state.chats.get(chatId)
      : [...state.chats.values()].find(
          ({ chat }) => chat.type === "supergroup" && chat.username?.toLowerCase() === username,
        );
  if (!record) throw badRequest("chat not found");
  if (record.migratedTo !== undefined) {
    throw badRequest("group chat was upgraded to a supergroup chat", { migrate_to_chat_id: record.migratedTo });
  }
  return record;
}

/** Groups only: the 403 Telegram answers when the bot is not (or no longer) in the group. */
export function requireGroupMembership(chat: ChatRecord): void {
  if (chat.chat.type === "private") return;
  const kind = `${chat.chat.type} chat`;
  if (chat.botStatus === "kicked") throw forbidden(`bot was kicked from the ${kind}`);
  if (chat.botStatus === "left") throw forbidden(`bot is not a member of the ${kind}`);
}

/** The chat a send or edit goes to, or the 403 Telegram answers when the bot may not write there. */
export function reachableChat(state: TelegramState, chatId: number | string): ChatRecord {
  if (typeof chatId === "number" && chatId > 0 && !state.chats.has(chatId)) {
    throw forbidden("bot can't initiate conversation with a user");
  }
  const chat = resolveChat(state, chatId);
  if (chat.chat.type === "private") {
    if (chat.botStatus === "kicked") throw forbidden("bot was blocked by the user");
    if (!state.users.get(chat.chat.id)?.started) throw forbidden("bot can't initiate conversation with a user");
  }
  requireGroupMembership(chat);
  return chat;
}

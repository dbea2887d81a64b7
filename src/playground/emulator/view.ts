import type { Chat, Message, User } from "grammy/types";
import type { CallLog } from "./call-log.ts";
import { isPresent } from "./members.ts";
import type { UploadedFile } from "./multipart.ts";
import type { TelegramState } from "./state.ts";

type ChatObject = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;

/** A read-only look at the emulator as a person sees it: their chats, every message in a chat, files. */
export class EmulatorView {
  constructor(
    private readonly state: TelegramState,
    private readonly log: CallLog,
  ) {}

  user(id: number): User | undefined {
    const record = this.state.users.get(id);
    return record ? structuredClone(record.user) : undefined;
  }

  /** The groups a user is in (not migrated away) and the user's private chat with the bot. */
  chatsOf(userId: number): ChatObject[] {
    const chats: ChatObject[] = [];
    for (const record of this.state.chats.values()) {
      if (record.chat.type === "private") {
        if (record.chat.id === userId) chats.push(structuredClone(record.chat));
      } else if (record.migratedTo === undefined && isPresent(this.state.statusOf(record, userId))) {
        chats.push(structuredClone(record.chat));
      }
    }
    return chats;
  }

  /** Every message of a chat that still exists (the users' and the bot's), in order, as it is now. */
  messages(chatId: number): Message[] {
    const record = this.state.chats.get(chatId);
    return record ? [...record.messages.values()].map((message) => structuredClone(message)) : [];
  }

  /** Whether the user may read this chat. */
  canSee(userId: number, chatId: number): boolean {
    const record = this.state.chats.get(chatId);
    if (!record) return false;
    if (record.chat.type === "private") return record.chat.id === userId;
    return isPresent(this.state.statusOf(record, userId));
  }

  file(fileId: string): UploadedFile | undefined {
    return this.state.files.get(fileId);
  }

  /** Bot messages sent with `force_reply` (Telegram keeps it out of the message object), as "chat:message". */
  forceReplies(): Set<string> {
    const ids = new Set<string>();
    for (const call of this.log.list()) {
      if (!call.response?.ok || !call.method.startsWith("send")) continue;
      const markup = call.params["reply_markup"];
      const parsed = typeof markup === "string" ? safeJson(markup) : markup;
      if (!parsed || typeof parsed !== "object" || !("force_reply" in parsed)) continue;
      const result = call.response.result as Message | undefined;
      if (result?.chat) ids.add(`${result.chat.id}:${result.message_id}`);
    }
    return ids;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import type { BotCommand, Chat, Message, Update, User, UserFromGetMe } from "grammy/types";
import { RateLimits } from "./limits.ts";
import { type BotStatus, isPresent, type MemberStatus } from "./members.ts";
import type { UploadedFile } from "./multipart.ts";
import { UpdateQueue } from "./updates.ts";
import { WebhookSender } from "./webhook.ts";

type ChatObject = Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;
export type GroupChatObject = Chat.GroupChat | Chat.SupergroupChat;
/** A message as stored: always with a sender and in a private chat, group or supergroup. */
export type StoredMessage = Message & Update.NonChannel;
export type QuotedMessage = NonNullable<Message["reply_to_message"]>;
/** A chat or user given by id or by any object with an `id` (a Chat, a User, a SimUser). */
export type ChatRef = number | { id: number };
export type UserRef = number | { id: number };

export interface ChatRecord {
  chat: ChatObject;
  /** Member statuses by user id (the bot's own status is `botStatus`). */
  members: Map<number, MemberStatus>;
  /** In a private chat, "kicked" means the user blocked the bot. */
  botStatus: BotStatus;
  migratedTo: number | undefined;
  /** The `chat_instance` of callback queries from this chat. */
  instance: string;
  lastMessageId: number;
  /** Messages not deleted, in id order. */
  messages: Map<number, StoredMessage>;
}

interface UserRecord {
  user: User;
  /** Whether the user has opened the bot's private chat, so the bot may write to them. */
  started: boolean;
}

export interface UserInit extends Omit<User, "id" | "is_bot"> {
  id?: number;
  /** Mark the user as having started the bot without sending /start. */
  started?: boolean;
}

export interface GroupInit {
  title: string;
  type?: "group" | "supergroup";
  /** Public username (supergroups only), for `chat_id: "@username"`. */
  username?: string;
  creator?: UserRef;
  admins?: UserRef[];
  members?: UserRef[];
  /** The bot's status in the new chat; default "member". */
  bot?: BotStatus;
}

/** A copy of a message as it appears in `reply_to_message` (without its own reply). */
export function quoted(message: StoredMessage): QuotedMessage {
  const { reply_to_message: _, ...rest } = structuredClone(message);
  return rest as QuotedMessage;
}

const SERVICE_FIELDS = ["new_chat_members", "left_chat_member", "migrate_to_chat_id", "migrate_from_chat_id"] as const;

/** Everything the fake Telegram knows: users, chats, members, messages, callback queries, commands, files. */
export class TelegramState {
  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatRecord>();
  /** Ids of callback queries the bot has not answered yet. */
  readonly unansweredQueries = new Set<string>();
  /** Command lists by scope and language (see `commandsKey`). */
  readonly commands = new Map<string, BotCommand[]>();
  /** Uploaded files by file_id. */
  readonly files = new Map<string, UploadedFile>();
  /** file_id by the path getFile gave out for downloading. */
  readonly filePaths = new Map<string, string>();
  readonly updates: UpdateQueue;
  readonly limits = new RateLimits();
  private lastId = 0;

  constructor(
    readonly bot: UserFromGetMe,
    readonly now: () => number,
    readonly privacyMode: boolean,
    onChange: () => void,
  ) {
    this.updates = new UpdateQueue(onChange, new WebhookSender(now, onChange));
  }

  /** Unix time in seconds, as in Telegram's `date` fields. */
  date(): number {
    return Math.floor(this.now() / 1000);
  }

  /** A fresh number for ids of users, chats, files and callback queries. */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  addUser(init: UserInit): UserRecord {
    const { id, started, ...fields } = init;
    const user: User = { id: id ?? 100_000_000 + this.nextId(), is_bot: false, ...fields };
    if (this.users.has(user.id)) throw new Error(`A user with id ${user.id} already exists`);
    const record: UserRecord = { user, started: started ?? false };
    this.users.set(user.id, record);
    const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    this.addChat(chat, "member");
    return record;
  }

  addGroup(init: GroupInit): ChatRecord {
    const type = init.type ?? "group";
    const record = this.addChat(this.groupChat(type, init.title, init.username), init.bot ?? "member");
    if (init.creator !== undefined) record.members.set(this.userOf(init.creator).user.id, "creator");
    for (const admin of init.admins ?? []) record.members.set(this.userOf(admin).user.id, "administrator");
    for (const member of init.members ?? []) record.members.set(this.userOf(member).user.id, "member");
    return record;
  }

  groupChat(type: "group" | "supergroup", title: string, username?: string): GroupChatObject {
    if (type === "group") return { id: -(4_000_000_000 + this.nextId()), type, title };
    const chat: Chat.SupergroupChat = { id: -(1_001_000_000_000 + this.nextId()), type, title };
    if (username) chat.username = username;
    return chat;
  }

  addChat(chat: ChatObject, botStatus: BotStatus): ChatRecord {
    const record: ChatRecord = {
      chat,
      members: new Map(),
      botStatus,
      migratedTo: undefined,
      instance: String(8_000_000_000_000 + this.nextId()),
      lastMessageId: 0,
      messages: new Map(),
    };
    this.chats.set(chat.id, record);
    return record;
  }

  /** The chat a test refers to; a test error (not an API error) when it does not exist. */
  chatOf(ref: ChatRef): ChatRecord {
    const id = typeof ref === "number" ? ref : ref.id;
    const record = this.chats.get(id);
    if (!record) throw new Error(`The fake Telegram has no chat ${id}`);
    return record;
  }

  userOf(ref: UserRef): UserRecord {
    const id = typeof ref === "number" ? ref : ref.id;
    const record = this.users.get(id);
    if (!record) throw new Error(`The fake Telegram has no user ${id}`);
    return record;
  }

  /** A member's status, the bot's included; users never seen in the chat have "left". */
  statusOf(chat: ChatRecord, userId: number): MemberStatus {
    if (userId === this.bot.id) return chat.botStatus;
    if (chat.chat.type === "private") return userId === chat.chat.id ? "member" : "left";
    return chat.members.get(userId) ?? "left";
  }

  /** Stores a new message in `chat` with the next message id. */
  postMessage(chat: ChatRecord, from: User, content: Partial<Message>): StoredMessage {
    chat.lastMessageId += 1;
    const message = {
      message_id: chat.lastMessageId,
      from,
      chat: { ...chat.chat },
      date: this.date(),
      ...content,
    } as StoredMessage;
    chat.messages.set(message.message_id, message);
    return message;
  }

  /** Queues a `message` update when the bot would receive this message. */
  deliver(chat: ChatRecord, message: StoredMessage): void {
    if (this.botReceives(chat, message)) this.updates.push({ message: structuredClone(message) });
  }

  /** Privacy mode as in Telegram: in groups a bot gets commands, replies to it and service messages. */
  private botReceives(chat: ChatRecord, message: StoredMessage): boolean {
    if (chat.chat.type === "private" || message.left_chat_member?.id === this.bot.id) return true;
    if (!isPresent(chat.botStatus)) return false;
    if (SERVICE_FIELDS.some((field) => message[field] !== undefined)) return true;
    if (!this.privacyMode || chat.botStatus === "administrator") return true;
    if (message.reply_to_message?.from?.id === this.bot.id) return true;
    const text = message.text ?? message.caption;
    const entities = message.entities ?? message.caption_entities;
    const command = entities?.find((entity) => entity.type === "bot_command" && entity.offset === 0);
    if (!command || text === undefined) return false;
    const mention = text.slice(0, command.length).split("@")[1];
    return mention === undefined || mention.toLowerCase() === this.bot.username.toLowerCase();
  }
}

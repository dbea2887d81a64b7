import type { CallbackQuery, Message, User } from "grammy/types";
import { setBotStatus } from "./chat-events.ts";
import { findButton } from "./keyboard.ts";
import { isPresent } from "./members.ts";
import { documentObject } from "./methods/documents.ts";
import { type ChatRecord, type ChatRef, quoted, type StoredMessage, type TelegramState } from "./state.ts";
import { botCommandEntities } from "./text.ts";

export interface SendOptions {
  /** The message this one replies to (it must still exist in the chat). */
  replyTo?: Message;
}

/** A simulated Telegram user who writes to the bot, presses its buttons and blocks it. */
export class SimUser {
  constructor(
    private readonly state: TelegramState,
    readonly user: User,
  ) {}

  /** The user id, which is also the id of the user's private chat with the bot. */
  get id(): number {
    return this.user.id;
  }

  /** Sends `text` to a chat the user is in; queues a `message` update when the bot would receive it. */
  send(chat: ChatRef, text: string, options: SendOptions = {}): Message {
    const record = this.state.chatOf(chat);
    this.requireCanWrite(record);
    const content: Partial<Message> = { text };
    const entities = botCommandEntities(text);
    if (entities.length > 0) content.entities = entities;
    if (options.replyTo) content.reply_to_message = quoted(this.existing(record, options.replyTo));
    const message = this.state.postMessage(record, this.user, content);
    if (record.chat.type === "private") this.state.userOf(this).started = true;
    this.state.deliver(record, message);
    return structuredClone(message);
  }

  /** Sends a file (with an optional caption) to a chat; the bot can fetch it with getFile and the download route. */
  sendDocument(
    chat: ChatRef,
    fileName: string,
    data: Buffer,
    options: SendOptions & { caption?: string } = {},
  ): Message {
    const record = this.state.chatOf(chat);
    this.requireCanWrite(record);
    const fileId = `BQACAgIAAxkBAAI${this.state.nextId()}`;
    const file = { field: "document", filename: fileName, contentType: undefined, data: Buffer.from(data) };
    this.state.files.set(fileId, file);
    const content: Partial<Message> = { document: documentObject(fileId, file) };
    if (options.caption !== undefined) {
      content.caption = options.caption;
      const entities = botCommandEntities(options.caption);
      if (entities.length > 0) content.caption_entities = entities;
    }
    if (options.replyTo) content.reply_to_message = quoted(this.existing(record, options.replyTo));
    const message = this.state.postMessage(record, this.user, content);
    if (record.chat.type === "private") this.state.userOf(this).started = true;
    this.state.deliver(record, message);
    return structuredClone(message);
  }

  /** Sends `text` in the user's private chat with the bot. */
  sendPrivate(text: string, options: SendOptions = {}): Message {
    return this.send(this.id, text, options);
  }

  /** Opens the bot (unblocking it first if needed) with `/start` or `/start <payload>`. */
  start(payload?: string): Message {
    this.unblock();
    return this.sendPrivate(payload ? `/start ${payload}` : "/start");
  }

  /** Presses the inline button with this text (or else this callback_data); returns the callback query id. */
  press(message: Message, label: string): string {
    const current = this.botMessage(message);
    const button = findButton(current.reply_markup, label);
    if (!button) {
      const labels = current.reply_markup?.inline_keyboard.flat().map((candidate) => `"${candidate.text}"`) ?? [];
      throw new Error(`No button "${label}" on message ${current.message_id}; it has: ${labels.join(", ") || "none"}`);
    }
    if (!("callback_data" in button)) throw new Error(`Button "${label}" has no callback_data`);
    return this.pressData(current, button.callback_data);
  }

  /** Sends a callback query with any data for a message of the bot's (a forged or stale button). */
  pressData(message: Message, data: string): string {
    const current = this.botMessage(message);
    const id = `${this.id}${String(this.state.nextId()).padStart(6, "0")}`;
    const query: CallbackQuery = {
      id,
      from: this.user,
      message: structuredClone(current),
      chat_instance: this.state.chatOf(current.chat.id).instance,
      data,
    };
    this.state.unansweredQueries.add(id);
    this.state.updates.push({ callback_query: query });
    return id;
  }

  /** Blocks the bot: the bot gets `my_chat_member` (kicked) and can no longer write to the user. */
  block(): void {
    setBotStatus(this.state, this.state.chatOf(this.id), "kicked", this.user);
  }

  /** Unblocks the bot (a `my_chat_member` update back to member); nothing happens if it was not blocked. */
  unblock(): void {
    setBotStatus(this.state, this.state.chatOf(this.id), "member", this.user);
  }

  private requireCanWrite(chat: ChatRecord): void {
    const name = this.user.first_name;
    if (chat.chat.type === "private") {
      if (chat.chat.id !== this.id) throw new Error(`${name} cannot write in another user's private chat`);
      if (chat.botStatus === "kicked") throw new Error(`${name} has blocked the bot; call unblock() or start() first`);
      return;
    }
    if (chat.migratedTo !== undefined) throw new Error(`Chat ${chat.chat.id} became supergroup ${chat.migratedTo}`);
    if (!isPresent(this.state.statusOf(chat, this.id)))
      throw new Error(`${name} is not a member of "${chat.chat.title}"`);
  }

  private existing(chat: ChatRecord, message: Message): StoredMessage {
    const current = chat.messages.get(message.message_id);
    if (!current) throw new Error(`Message ${message.message_id} no longer exists in chat ${chat.chat.id}`);
    return current;
  }

  /** The current state of one of the bot's messages, which the user must be able to see. */
  private botMessage(message: Message): StoredMessage {
    const chat = this.state.chatOf(message.chat.id);
    const current = this.existing(chat, message);
    if (current.from.id !== this.state.bot.id) throw new Error(`Message ${message.message_id} is not from the bot`);
    const visible =
      chat.chat.type === "private" ? chat.chat.id === this.id : isPresent(this.state.statusOf(chat, this.id));
    if (!visible) throw new Error(`${this.user.first_name} cannot see chat ${chat.chat.id}`);
    return current;
  }
}

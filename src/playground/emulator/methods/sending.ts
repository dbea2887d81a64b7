import type { Message } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { parseReplyMarkup } from "../keyboard.ts";
import type { Params } from "../params.ts";
import { type ChatRecord, type QuotedMessage, quoted, type StoredMessage, type TelegramState } from "../state.ts";

/** What every send method shares: the inline keyboard and the message replied to. */
export function commonContent(chat: ChatRecord, params: Params): Partial<Message> {
  const content: Partial<Message> = {};
  const markup = parseReplyMarkup(params.values["reply_markup"]);
  if (markup) content.reply_markup = markup;
  const replyTo = repliedMessage(chat, params);
  if (replyTo) content.reply_to_message = replyTo;
  return content;
}

function repliedMessage(chat: ChatRecord, params: Params): QuotedMessage | undefined {
  const reply = params.object("reply_parameters");
  const messageId = reply?.["message_id"] ?? params.number("reply_to_message_id");
  if (messageId === undefined) return undefined;
  const target = chat.messages.get(Number(messageId));
  if (target) return quoted(target);
  const allowWithout = reply?.["allow_sending_without_reply"] === true || params.boolean("allow_sending_without_reply");
  if (!allowWithout) throw badRequest("message to be replied not found");
  return undefined;
}

/** Posts a message from the bot once the rate limits admit it. */
export function postFromBot(state: TelegramState, chat: ChatRecord, content: Partial<Message>): StoredMessage {
  state.limits.admit(chat.chat.id, chat.chat.type !== "private", state.now());
  return state.postMessage(chat, state.bot, content);
}

import type { InlineKeyboardMarkup, LinkPreviewOptions, MessageEntity } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { reachableChat, requireGroupMembership, resolveChat } from "../chat-access.ts";
import { parseReplyMarkup } from "../keyboard.ts";
import type { Params } from "../params.ts";
import type { ChatRecord, StoredMessage, TelegramState } from "../state.ts";
import { formatText, MESSAGE_TEXT } from "../text.ts";
import type { MethodHandler } from "./context.ts";
import { commonContent, postFromBot } from "./sending.ts";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current " +
  "content and reply markup of the message";

function formattedText(params: Params) {
  return formatText(params.string("text") ?? "", params.string("parse_mode"), params.array("entities"), MESSAGE_TEXT);
}

function withEntities(text: string, entities: MessageEntity[]): { text: string; entities?: MessageEntity[] } {
  return entities.length > 0 ? { text, entities } : { text };
}

function linkPreview(params: Params): LinkPreviewOptions | undefined {
  return params.object("link_preview_options") as LinkPreviewOptions | undefined;
}

/** A message of the bot's that may be edited, or the 400 Telegram answers. */
function editableMessage(state: TelegramState, chat: ChatRecord, params: Params): StoredMessage {
  const message = chat.messages.get(params.requireNumber("message_id"));
  if (!message) throw badRequest("message to edit not found");
  if (message.from.id !== state.bot.id) throw badRequest("message can't be edited");
  return message;
}

function sameMarkup(a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function setMarkup(message: StoredMessage, markup: InlineKeyboardMarkup | undefined): void {
  if (markup) message.reply_markup = markup;
  else delete message.reply_markup;
}

const sendMessage: MethodHandler = ({ state, params }) => {
  const chat = reachableChat(state, params.chatId());
  const { text, entities } = formattedText(params);
  const content = { ...withEntities(text, entities), ...commonContent(chat, params) };
  const preview = linkPreview(params);
  return postFromBot(state, chat, preview ? { ...content, link_preview_options: preview } : content);
};

const editMessageText: MethodHandler = ({ state, params }) => {
  const chat = reachableChat(state, params.chatId());
  const message = editableMessage(state, chat, params);
  if (message.text === undefined) throw badRequest("there is no text in the message to edit");
  const { text, entities } = formattedText(params);
  const markup = parseReplyMarkup(params.values["reply_markup"]);
  const sameText = text === message.text && JSON.stringify(entities) === JSON.stringify(message.entities ?? []);
  if (sameText && sameMarkup(markup, message.reply_markup)) throw badRequest(NOT_MODIFIED);
  message.text = text;
  if (entities.length > 0) message.entities = entities;
  else delete message.entities;
  setMarkup(message, markup);
  const preview = linkPreview(params);
  if (preview) message.link_preview_options = preview;
  message.edit_date = state.date();
  return message;
};

const editMessageReplyMarkup: MethodHandler = ({ state, params }) => {
  const chat = reachableChat(state, params.chatId());
  const message = editableMessage(state, chat, params);
  const markup = parseReplyMarkup(params.values["reply_markup"]);
  if (sameMarkup(markup, message.reply_markup)) throw badRequest(NOT_MODIFIED);
  setMarkup(message, markup);
  message.edit_date = state.date();
  return message;
};

const deleteMessage: MethodHandler = ({ state, params }) => {
  const chat = resolveChat(state, params.chatId());
  requireGroupMembership(chat);
  const messageId = params.requireNumber("message_id");
  const message = chat.messages.get(messageId);
  if (!message) throw badRequest("message to delete not found");
  const mayDeleteOthers = chat.chat.type === "private" || chat.botStatus === "administrator";
  if (message.from.id !== state.bot.id && !mayDeleteOthers) throw badRequest("message can't be deleted");
  chat.messages.delete(messageId);
  return true;
};

export const messageMethods = { sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage };

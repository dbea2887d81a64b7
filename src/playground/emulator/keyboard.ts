import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { badRequest } from "./api-error.ts";

const MAX_CALLBACK_DATA_BYTES = 64;

const BUTTON_ACTIONS = [
  "callback_data",
  "callback_game",
  "copy_text",
  "login_url",
  "pay",
  "switch_inline_query",
  "switch_inline_query_chosen_chat",
  "switch_inline_query_current_chat",
  "url",
  "web_app",
];

/**
 * Validates `reply_markup` like Telegram and returns the inline keyboard a message keeps.
 * Reply keyboards, `remove_keyboard` and `force_reply` are accepted but are not part of the sent message.
 */
export function parseReplyMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const rows = (value as Record<string, unknown>)["inline_keyboard"];
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('can\'t parse inline keyboard button: field "inline_keyboard" must be an Array of Arrays');
  }
  return { inline_keyboard: rows.map((row: unknown[]) => row.map(parseButton)) };
}

function parseButton(value: unknown): InlineKeyboardButton {
  if (typeof value !== "object" || value === null) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const button = value as Record<string, unknown>;
  if (typeof button["text"] !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const actions = BUTTON_ACTIONS.filter((action) => button[action] !== undefined);
  if (actions.length === 0) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = button["callback_data"];
  if (data !== undefined) {
    const bytes = typeof data === "string" ? Buffer.byteLength(data) : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  const url = button["url"];
  if (url !== undefined && !isButtonUrl(url)) {
    throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Wrong HTTP URL`);
  }
  return button as unknown as InlineKeyboardButton;
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    return ["http:", "https:", "tg:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The button a user means: by its visible text first, then by its callback_data. */
export function findButton(markup: InlineKeyboardMarkup | undefined, label: string): InlineKeyboardButton | undefined {
  const buttons = markup?.inline_keyboard.flat() ?? [];
  return (
    buttons.find((button) => button.text === label) ??
    buttons.find((button) => "callback_data" in button && button.callback_data === label)
  );
}

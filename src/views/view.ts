import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";

/** A framework-neutral message: HTML text plus an inline keyboard as plain Bot API JSON. */
export interface View {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export type Button = InlineKeyboardButton;

export function callbackButton(text: string, data: string): Button {
  return { text, callback_data: data };
}

export function urlButton(text: string, url: string): Button {
  return { text, url };
}

export function keyboard(rows: Button[][]): InlineKeyboardMarkup | undefined {
  const kept = rows.filter((row) => row.length > 0);
  return kept.length > 0 ? { inline_keyboard: kept } : undefined;
}

/** Sending options for a view in the Bot API's terms. */
export function sendOptions(view: View) {
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: true },
    ...(view.reply_markup ? { reply_markup: view.reply_markup } : {}),
  };
}

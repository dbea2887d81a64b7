import type { Context } from "grammy";
import type { Locale } from "../config/config.ts";
import type { Translate } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import type { TelegramId } from "../telegram-id.ts";

/** What every handler gets besides grammY's context: services, a per-update logger, ids and the translator. */
export interface YiqiFlavor {
  services: Services;
  log: Logger;
  /**
   * The update's chat and sender as the id type used inward (bigint). Updates without a chat or a sender
   * never reach features. (grammY's own `ctx.chatId` is a JavaScript number: use `ctx.ids.chat` instead.)
   */
  ids: { chat: TelegramId; user: TelegramId };
  /** What the whole chat sees: the group's language (in a private chat, the person's). */
  locale: Locale;
  t: Translate;
  /**
   * What only this person sees — toasts, private messages, files and captions sent privately: their own
   * choice in /settings, else their Telegram language (services/languages.ts decides).
   */
  personalLocale: Locale;
  tp: Translate;
  /**
   * Does `work` once for this update, even when the update is handled again after the instance handling it died
   * (bot/once.ts): the result (JSON) is kept with the update's claim and a retry takes it. For work that must
   * not happen twice, such as creating an event; what it returns must survive `JSON.stringify`.
   */
  step<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export type YiqiContext = Context & YiqiFlavor;

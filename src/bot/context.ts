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
  locale: Locale;
  t: Translate;
}

export type YiqiContext = Context & YiqiFlavor;

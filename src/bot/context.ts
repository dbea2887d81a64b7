import type { Context } from "grammy";
import type { Locale } from "../config/config.ts";
import type { Translate } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";

/** What every handler gets besides grammY's context: services, a per-update logger and the translator. */
export interface YiqiFlavor {
  services: Services;
  log: Logger;
  locale: Locale;
  t: Translate;
}

export type YiqiContext = Context & YiqiFlavor;

import type { Api } from "grammy";
import { locales } from "../config/config.ts";
import type { Translator } from "../i18n/translator.ts";

/** Commands in the menu, in the order shown; descriptions come from the locale files (`cmd-<name>`). */
export const menuCommands = [
  "events",
  "my",
  "campaign",
  "newevent",
  "summary",
  "hours",
  "calendar",
  "export",
  "setup",
  "settings",
  "import",
  "help",
] as const;

/** Registers the command menu for every supported language and the default (no language_code). */
export async function registerCommands(api: Api, translator: Translator): Promise<void> {
  const menu = (locale: (typeof locales)[number]) =>
    menuCommands.map((command) => ({ command, description: translator.t(locale, `cmd-${command}`) }));
  for (const locale of locales) {
    await api.setMyCommands(menu(locale), { language_code: locale === "zh-CN" ? "zh" : locale });
  }
  await api.setMyCommands(menu(translator.defaultLocale));
}

import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import { type Locale, locales } from "../config/config.ts";
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
  "organisations",
  "privacy",
  "help",
] as const;

/**
 * Who may use each command Yiqi handles (menu or not), declared here so the permission matrix
 * (test/security/permission-matrix.test.ts) tries every guarded one as outsiders.
 */
export const commandRules: Record<string, "anyone" | "self" | "organiser" | "group-admin"> = {
  events: "anyone",
  my: "self",
  campaign: "anyone",
  newevent: "organiser",
  summary: "anyone",
  hours: "organiser", // `/hours` alone is the member's own; `/hours report` is the organisers'
  calendar: "anyone",
  export: "organiser",
  setup: "group-admin",
  settings: "organiser",
  import: "organiser",
  edit: "organiser",
  cancelevent: "organiser",
  organiser: "organiser",
  organisations: "organiser",
  privacy: "self",
  forgetme: "self",
  help: "anyone",
};

export interface CommandMenu {
  /** the Bot API's `language_code` for setMyCommands; absent: the default menu */
  languageCode?: LanguageCode;
  commands: BotCommand[];
}

/** Yiqi's commands with their descriptions in one language. */
export function commandList(translator: Translator, locale: Locale, except: readonly string[] = []): BotCommand[] {
  return menuCommands
    .filter((command) => !except.includes(command))
    .map((command) => ({ command, description: translator.t(locale, `cmd-${command}`) }));
}

/** The menu for every supported language and the default (no language_code). */
export function commandMenus(translator: Translator, except: readonly string[] = []): CommandMenu[] {
  return [
    ...locales.map((locale) => ({
      languageCode: locale === "zh-CN" ? ("zh" as const) : ("en" as const),
      commands: commandList(translator, locale, except),
    })),
    { commands: commandList(translator, translator.defaultLocale, except) },
  ];
}

/** Registers the command menu for every supported language and the default (no language_code). */
export async function registerCommands(api: Api, translator: Translator): Promise<void> {
  for (const menu of commandMenus(translator)) {
    await api.setMyCommands(menu.commands, menu.languageCode ? { language_code: menu.languageCode } : {});
  }
}

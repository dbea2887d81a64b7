import { Composer } from "grammy";
import { type Locale, locales } from "../../config/config.ts";
import { parseOffsetInput } from "../../domain/reminders/offsets.ts";
import { PERSONAL_PRESETS, type PersonalReminders, personalReminders } from "../../domain/reminders/personal.ts";
import type { Translate } from "../../i18n/translator.ts";
import { userText } from "../../views/html.ts";
import { offsetsText, type PersonalSettingsState, personalSettingsView } from "../../views/settings-views.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { editMenu, parseLanguage } from "./settings.ts";

async function personalState(ctx: YiqiContext): Promise<PersonalSettingsState> {
  const { languages, users } = ctx.services;
  const user = await users.find(ctx.ids.user);
  const chosenLocale = user?.locale ? languages.ofLanguageCode(user.locale) : null;
  return {
    reminders: user ? personalReminders(user) : { kind: "group" },
    chosenLocale,
    effective: chosenLocale ?? languages.ofLanguageCode(ctx.from?.language_code ?? user?.languageCode),
  };
}

function remindersSaved(choice: PersonalReminders, t: Translate): string {
  if (choice.kind === "own") return t("my-settings-saved-own", { offsets: offsetsText(choice.offsets, t) });
  return t(choice.kind === "none" ? "my-settings-saved-none" : "my-settings-saved-group");
}

async function saveReminders(ctx: YiqiContext, choice: PersonalReminders) {
  await ctx.services.settings.setMemberReminders(ctx.ids.user, choice);
  const state = await personalState(ctx);
  return personalSettingsView(state, ctx.tp, remindersSaved(state.reminders, ctx.tp));
}

/** Chooses the person's language (null: Telegram's) and answers in it at once. */
async function saveLanguage(ctx: YiqiContext, locale: Locale | null) {
  await ctx.services.settings.setMemberLocale(ctx.ids.user, locale);
  const state = await personalState(ctx);
  const t = ctx.services.translator.for(state.effective);
  const language = t(`locale-${state.effective}`);
  const saved = t(locale ? "my-settings-saved-language" : "my-settings-saved-language-telegram", { language });
  return personalSettingsView(state, t, saved);
}

/** What `/settings reminders <value>` in private asks for; null when it cannot be read. */
async function remindersChoice(ctx: YiqiContext, value: string): Promise<PersonalReminders | null> {
  const v = value.toLowerCase();
  if (v === "off" || v === "none") return { kind: "none" };
  if (v === "default" || v === "group") return { kind: "group" };
  if (v === "on") {
    const user = await ctx.services.users.find(ctx.ids.user);
    return personalReminders({ remindersOn: true, reminderOffsets: user?.reminderOffsets ?? null });
  }
  const offsets = parseOffsetInput(value);
  return offsets ? { kind: "own", offsets } : null;
}

/**
 * `/settings` in a private chat: when this person wants reminders of the events they signed up for (the
 * group's times, their own, or none) and which language the bot speaks to them in, as buttons that edit
 * the menu in place; the text forms (`/settings reminders 1d,2h`, `/settings language en`) work too.
 */
export function mySettingsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  const reply = (ctx: YiqiContext, view: { text: string }) => ctx.reply(view.text, sendOptions(view));

  feature.chatType("private").command("settings", async (ctx) => {
    const [what = "", value = ""] = ctx.match.trim().split(/\s+/, 2);
    if (what === "") return reply(ctx, personalSettingsView(await personalState(ctx), ctx.tp));
    if (what === "reminders") {
      const choice = await remindersChoice(ctx, value);
      if (!choice) return ctx.reply(ctx.tp("settings-bad-offsets", { text: userText(value, 40) }));
      return reply(ctx, await saveReminders(ctx, choice));
    }
    if (what === "language") {
      const locale = parseLanguage(value);
      if (!locale) return ctx.reply(ctx.tp("settings-bad-language", { text: userText(value, 40) }));
      return reply(ctx, await saveLanguage(ctx, locale === "auto" ? null : locale));
    }
    return ctx.reply(ctx.tp("settings-private-usage"));
  });

  // the "my settings" link under a group's settings
  feature.chatType("private").command("start", async (ctx, next) => {
    if (ctx.match.trim() !== "settings") return next();
    return reply(ctx, personalSettingsView(await personalState(ctx), ctx.tp));
  });

  const inPrivate = async (ctx: YiqiContext) => {
    if (ctx.callbackQuery?.message?.chat.type === "private") return true;
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    return false;
  };
  callbacks.add({
    async myReminders(ctx, { id }) {
      if (!(await inPrivate(ctx))) return;
      const choice = PERSONAL_PRESETS[id];
      if (!choice) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      return editMenu(ctx, await saveReminders(ctx, choice));
    },
    async myLanguage(ctx, { id }) {
      if (!(await inPrivate(ctx))) return;
      if (id > locales.length) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      return editMenu(ctx, await saveLanguage(ctx, locales[id] ?? null));
    },
  });
  return feature;
}

import { Composer } from "grammy";
import { type Locale, locales } from "../../config/config.ts";
import { parseOffsetInput, parseStoredOffsets, storeOffsets } from "../../domain/reminders/offsets.ts";
import { normaliseSummaryTime } from "../../domain/reminders/plan.ts";
import {
  GROUP_OFFSET_PRESETS,
  GROUP_REMINDERS_OFF,
  SUMMARY_OFF,
  SUMMARY_QUIET_NO,
  SUMMARY_QUIET_YES,
  SUMMARY_TIME_PRESETS,
} from "../../domain/reminders/presets.ts";
import type { GroupSettings } from "../../services/chat-settings.ts";
import type { TelegramId } from "../../telegram-id.ts";
import { userText } from "../../views/html.ts";
import {
  type GroupPage,
  type GroupSettingsState,
  groupPages,
  groupSettingsReadOnlyView,
  groupSettingsView,
  offsetsText,
} from "../../views/settings-views.ts";
import { sendOptions, type View } from "../../views/view.ts";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise, deepLink } from "../rights.ts";

/** A language as people type it after `/settings language`; "auto" (Telegram's) only where `auto` is allowed. */
export function parseLanguage(value: string): Locale | "auto" | null {
  const v = value.trim().toLowerCase();
  if (["zh", "zh-cn", "cn", "中文", "chinese"].includes(v)) return "zh-CN";
  if (["en", "english", "英文", "英语"].includes(v)) return "en";
  if (["auto", "telegram", "default", "自动"].includes(v)) return "auto";
  return null;
}

type BadInput = "bad-offsets" | "bad-time" | "bad-language";

/** What `/settings <what> <value>` asks for in a group, or the reason it cannot be read. */
function parseGroupChange(what: string, value: string): GroupSettings | BadInput | null {
  const v = value.toLowerCase();
  if (what === "reminders") {
    if (v === "off") return { remindersOn: false };
    if (v === "on") return { remindersOn: true };
    const offsets = parseOffsetInput(value);
    return offsets ? { reminderOffsets: storeOffsets(offsets), remindersOn: true } : "bad-offsets";
  }
  if (what === "summary") {
    if (v === "off") return { summaryOn: false };
    if (v === "on") return { summaryOn: true };
    const time = normaliseSummaryTime(value);
    return time ? { summaryTime: time, summaryOn: true } : "bad-time";
  }
  if (what === "quiet" && (v === "on" || v === "off")) return { summaryWhenQuiet: v === "on" };
  if (what === "language") {
    const locale = parseLanguage(value);
    return locale && locale !== "auto" ? { locale } : "bad-language";
  }
  return null;
}

/** A group change as the button ids of the menu name it; null when the id is none of them. */
function buttonChange(action: "settingsReminders" | "settingsSummary" | "settingsLanguage", id: number) {
  if (action === "settingsReminders") {
    if (id === GROUP_REMINDERS_OFF) return { remindersOn: false };
    const offsets = GROUP_OFFSET_PRESETS[id];
    return offsets ? { reminderOffsets: storeOffsets(offsets), remindersOn: true } : null;
  }
  if (action === "settingsSummary") {
    if (id === SUMMARY_OFF) return { summaryOn: false };
    if (id === SUMMARY_QUIET_YES || id === SUMMARY_QUIET_NO) return { summaryWhenQuiet: id === SUMMARY_QUIET_YES };
    const time = SUMMARY_TIME_PRESETS[id];
    return time ? { summaryTime: time, summaryOn: true } : null;
  }
  const locale = locales[id];
  return locale ? { locale } : null;
}

/** Where the menu returns to after a change: the overview, confirmed on top. */
function confirmation(change: GroupSettings, s: GroupSettingsState, t: YiqiContext["t"]): string {
  if (change.locale !== undefined) return t("settings-saved-language", { language: t(`locale-${s.locale}`) });
  if (change.reminderOffsets !== undefined || change.remindersOn !== undefined) {
    const offsets = parseStoredOffsets(s.reminderOffsets);
    return s.remindersOn && offsets.length > 0
      ? t("settings-saved-reminders", { offsets: offsetsText(offsets, t) })
      : t("settings-saved-reminders-off");
  }
  if (change.summaryWhenQuiet !== undefined && change.summaryOn === undefined && change.summaryTime === undefined) {
    return t("settings-saved-quiet", { quiet: s.summaryWhenQuiet ? "yes" : "no" });
  }
  return s.summaryOn ? t("settings-saved-summary", { time: s.summaryTime }) : t("settings-saved-summary-off");
}

async function groupState(ctx: YiqiContext, chatId: TelegramId): Promise<GroupSettingsState | null> {
  const chat = await ctx.services.chats.find(chatId);
  if (!chat) return null;
  return {
    remindersOn: chat.remindersOn,
    reminderOffsets: chat.reminderOffsets,
    summaryOn: chat.summaryOn,
    summaryTime: chat.summaryTime,
    summaryWhenQuiet: chat.summaryWhenQuiet,
    locale: await ctx.services.languages.ofChat(chatId),
  };
}

/** Saves a group change and returns the menu's overview with it confirmed, in the group's (new) language. */
async function saveGroupChange(ctx: YiqiContext, change: GroupSettings) {
  await ctx.services.settings.changeGroup(ctx.ids.chat, change);
  const state = await groupState(ctx, ctx.ids.chat);
  if (!state) return null;
  const t = ctx.services.translator.for(state.locale);
  return groupSettingsView(state, "main", t, confirmation(change, state, t));
}

/** A press on the group menu: in a linked group, by one of its organisers; anyone else is refused. */
async function mayChangeGroup(ctx: YiqiContext): Promise<boolean> {
  const type = ctx.callbackQuery?.message?.chat.type;
  if (type !== "group" && type !== "supergroup") {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    return false;
  }
  const profile = await ctx.services.chats.profile(ctx.ids.chat);
  if (!profile?.organisationId || !(await canOrganise(ctx, profile.organisationId, ctx.ids.user))) {
    await ctx.answerCallbackQuery({ text: ctx.tp("settings-refused"), show_alert: true });
    return false;
  }
  return true;
}

/** The menu edits itself in place (before the press is answered, so the answer means "done"). */
export async function editMenu(ctx: YiqiContext, view: View | null) {
  if (view) {
    await ctx
      .editMessageText(view.text, sendOptions(view))
      .catch((e) => ctx.log.debug({ err: e }, "settings menu unchanged"));
  }
  await ctx.answerCallbackQuery();
}

/**
 * `/settings`: in a group, a menu of buttons for its reminders, daily summary and language (organisers change
 * them; the text forms `/settings reminders 24h,1h` and so on work too); in a private chat, the person's own
 * reminder times and language (my-settings.ts, registered before this one). A change replans what is already in the outbox.
 */
export function settingsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("settings", async (ctx) => {
    if (ctx.chat?.type === "channel" || ctx.chat?.type === "private") return;
    const { services } = ctx;
    const [what = "", value = ""] = ctx.match.trim().split(/\s+/, 2);
    const profile = await services.chats.profile(ctx.ids.chat);
    if (!profile?.organisationId) return ctx.reply(ctx.t("events-not-set-up"));
    const organiser = await canOrganise(ctx, profile.organisationId, ctx.ids.user);
    const change = what === "" ? null : parseGroupChange(what, value);
    if (change === null) {
      const state = await groupState(ctx, ctx.ids.chat);
      if (!state) return;
      const view = organiser
        ? groupSettingsView(state, "main", ctx.t)
        : groupSettingsReadOnlyView(state, ctx.t, deepLink(ctx, "settings"));
      return ctx.reply(view.text, sendOptions(view));
    }
    if (!organiser) return ctx.reply(ctx.t("settings-refused"));
    if (typeof change === "string") return ctx.reply(ctx.t(`settings-${change}`, { text: userText(value, 40) }));
    const view = await saveGroupChange(ctx, change);
    return view && ctx.reply(view.text, sendOptions(view));
  });

  const choose =
    (action: "settingsReminders" | "settingsSummary" | "settingsLanguage") => async (ctx: YiqiContext, id: number) => {
      if (!(await mayChangeGroup(ctx))) return;
      const change = buttonChange(action, id);
      if (!change) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      return editMenu(ctx, await saveGroupChange(ctx, change));
    };
  callbacks.add({
    async settingsPage(ctx, { id }) {
      if (!(await mayChangeGroup(ctx))) return;
      const page: GroupPage | undefined = groupPages[id];
      const state = await groupState(ctx, ctx.ids.chat);
      if (!page || !state) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      return editMenu(ctx, groupSettingsView(state, page, ctx.t));
    },
    settingsReminders: (ctx, { id }) => choose("settingsReminders")(ctx, id),
    settingsSummary: (ctx, { id }) => choose("settingsSummary")(ctx, id),
    settingsLanguage: (ctx, { id }) => choose("settingsLanguage")(ctx, id),
  });
  return feature;
}

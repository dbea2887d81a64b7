import { Composer } from "grammy";
import { formatOffset, parseOffsetInput, parseStoredOffsets, storeOffsets } from "../../domain/reminders/offsets.ts";
import { normaliseSummaryTime } from "../../domain/reminders/plan.ts";
import type { GroupSettings } from "../../services/chat-settings.ts";
import type { TelegramId } from "../../telegram-id.ts";
import { userText } from "../../views/html.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

/** What `/settings <what> <value>` asks for in a group, or the reason it cannot be read. */
function parseGroupChange(what: string, value: string): GroupSettings | "bad-offsets" | "bad-time" | null {
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
  return null;
}

async function showGroupSettings(ctx: YiqiContext, chatId: TelegramId) {
  const chat = await ctx.services.chats.find(chatId);
  if (!chat) return;
  const offsets = parseStoredOffsets(chat.reminderOffsets);
  const lines = [
    ctx.t("settings-header"),
    chat.remindersOn && offsets.length > 0
      ? ctx.t("settings-reminders-on", { offsets: offsets.map(formatOffset).join(", ") })
      : ctx.t("settings-reminders-off"),
    chat.summaryOn
      ? ctx.t("settings-summary-on", { time: chat.summaryTime, quiet: chat.summaryWhenQuiet ? "yes" : "no" })
      : ctx.t("settings-summary-off"),
    "",
    ctx.t("settings-usage"),
  ];
  return ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
}

/**
 * `/settings`: in a group, its reminders and daily summary (organisers
 * change them); in a private chat, the member's own reminders on or off.
 * A change replans what is already in the outbox.
 */
export function settingsFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("settings", async (ctx) => {
    if (ctx.chat?.type === "channel") return;
    const { services } = ctx;
    const [what = "", value = ""] = ctx.match.trim().split(/\s+/, 2);
    if (ctx.chat?.type === "private") {
      if (what === "reminders" && (value === "on" || value === "off")) {
        await services.settings.setMemberReminders(ctx.ids.user, value === "on");
        return ctx.reply(ctx.t(value === "on" ? "settings-private-on" : "settings-private-off"));
      }
      if (what !== "") return ctx.reply(ctx.t("settings-private-usage"));
      const user = await services.users.find(ctx.ids.user);
      return ctx.reply(ctx.t(user?.remindersOn === false ? "settings-private-off" : "settings-private-on"));
    }
    const profile = await services.chats.profile(ctx.ids.chat);
    if (!profile?.organisationId) return ctx.reply(ctx.t("events-not-set-up"));
    if (what === "") return showGroupSettings(ctx, ctx.ids.chat);
    if (!(await canOrganise(ctx, profile.organisationId, ctx.ids.user))) return ctx.reply(ctx.t("settings-refused"));
    const change = parseGroupChange(what, value);
    if (change === null) return showGroupSettings(ctx, ctx.ids.chat);
    if (change === "bad-offsets") return ctx.reply(ctx.t("settings-bad-offsets", { text: userText(value, 40) }));
    if (change === "bad-time") return ctx.reply(ctx.t("settings-bad-time", { text: userText(value, 40) }));
    await services.settings.changeGroup(ctx.ids.chat, change);
    await ctx.reply(ctx.t("settings-saved"));
    return showGroupSettings(ctx, ctx.ids.chat);
  });
  return feature;
}

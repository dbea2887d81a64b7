import { Composer } from "grammy";
import { formatOffset, parseOffsetInput, parseStoredOffsets, storeOffsets } from "../../domain/reminders/offsets.ts";
import { normaliseSummaryTime } from "../../domain/reminders/plan.ts";
import { planners } from "../../scheduler/index.ts";
import { userText } from "../../views/html.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

type ChatSettings = {
  reminderOffsets?: string;
  remindersOn?: boolean;
  summaryTime?: string;
  summaryOn?: boolean;
  summaryWhenQuiet?: boolean;
};

/** What `/settings <what> <value>` asks for in a group, or the reason it cannot be read. */
function parseGroupChange(what: string, value: string): ChatSettings | "bad-offsets" | "bad-time" | null {
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

async function showGroupSettings(ctx: YiqiContext, chatId: number) {
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
    if (!ctx.chat || !ctx.from || ctx.chat.type === "channel") return;
    const { services } = ctx;
    const [what = "", value = ""] = ctx.match.trim().split(/\s+/, 2);
    if (ctx.chat.type === "private") {
      const user = await services.users.find(ctx.from.id);
      if (what === "reminders" && (value === "on" || value === "off")) {
        await services.database.prisma.user.update({
          where: { id: BigInt(ctx.from.id) },
          data: { remindersOn: value === "on" },
        });
        if (value === "on") {
          // reminders for the sign-ups made while they were off (those planned before are still in the outbox)
          const jobs = planners(services, ctx.log);
          for (const s of await services.signups.mine(ctx.from.id, services.now())) {
            await jobs.reminders.planEvent(s.eventId, services.now());
          }
        }
        return ctx.reply(ctx.t(value === "on" ? "settings-private-on" : "settings-private-off"));
      }
      if (what !== "") return ctx.reply(ctx.t("settings-private-usage"));
      return ctx.reply(ctx.t(user?.remindersOn === false ? "settings-private-off" : "settings-private-on"));
    }
    const profile = await services.chats.profile(ctx.chat.id);
    if (!profile?.organisationId) return ctx.reply(ctx.t("events-not-set-up"));
    if (what === "") return showGroupSettings(ctx, ctx.chat.id);
    if (!(await canOrganise(ctx, profile.organisationId, ctx.from.id))) return ctx.reply(ctx.t("settings-refused"));
    const change = parseGroupChange(what, value);
    if (change === null) return showGroupSettings(ctx, ctx.chat.id);
    if (change === "bad-offsets") return ctx.reply(ctx.t("settings-bad-offsets", { text: userText(value, 40) }));
    if (change === "bad-time") return ctx.reply(ctx.t("settings-bad-time", { text: userText(value, 40) }));
    const chatId = BigInt(ctx.chat.id);
    await services.database.prisma.chat.update({ where: { id: chatId }, data: change });
    services.chats.forget(chatId);
    const jobs = planners(services, ctx.log);
    const now = services.now();
    if (what === "reminders") await jobs.reminders.replanChat(chatId, now);
    else await jobs.summaries.replanChat(chatId, now);
    await ctx.reply(ctx.t("settings-saved"));
    return showGroupSettings(ctx, ctx.chat.id);
  });
  return feature;
}

import { Composer } from "grammy";
import { wallClockOf } from "../../domain/time/calendar.ts";
import { totalHours } from "../../domain/volunteer-hours.ts";
import { subtreeScope } from "../../services/org-scope.ts";
import { hoursText } from "../../views/attendance-views.ts";
import { formatInstant } from "../../views/event-views.ts";
import { userText } from "../../views/html.ts";
import type { YiqiContext } from "../context.ts";
import { sendFilePrivately } from "../private.ts";
import { organiserTarget } from "../scope.ts";

/** Events listed in /hours before "…and N more". */
const LISTED = 30;

async function timeZoneOf(ctx: YiqiContext): Promise<string> {
  const profile = ctx.chat?.type !== "private" ? await ctx.services.chats.profile(ctx.ids.chat) : null;
  return profile?.timeZone ?? ctx.services.config.defaultTimeZone;
}

/** `/hours`: the member's attended events this year and the hours credited. */
async function myHours(ctx: YiqiContext) {
  const timeZone = await timeZoneOf(ctx);
  const year = wallClockOf(ctx.services.now(), timeZone).date.year;
  const lines = await ctx.services.attendance.memberYear(ctx.ids.user, year, timeZone);
  const v = ctx.services.presenter.viewContext(ctx.locale);
  if (lines.length === 0) return ctx.reply(ctx.t("hours-none", { year: String(year) }));
  const total = totalHours(lines.map((l) => l.hours));
  const text = [
    ctx.t("hours-header", { year: String(year), total: String(total), count: lines.length }),
    "",
    ...lines.slice(0, LISTED).map((l) => {
      const when = formatInstant(l.startsAt, l.timeZone, ctx.locale).split(" ")[0];
      const hours = l.hours === null ? ctx.t("hours-unset") : hoursText(l.hours, v);
      return `· ${when} ${userText(l.title, 60)} (${userText(l.organisation, 40)}) — ${hours}`;
    }),
  ];
  if (lines.length > LISTED) text.push(ctx.t("list-more", { count: lines.length - LISTED }));
  return ctx.reply(text.join("\n"), { parse_mode: "HTML" });
}

/** `/hours report`: the organisation's hours this year as CSV (per member, event and month), sent privately. */
async function hoursReport(ctx: YiqiContext) {
  const target = await organiserTarget(ctx);
  if (target === null) return ctx.reply(ctx.t("events-not-set-up"));
  if (target === "refused") return ctx.reply(ctx.t("export-not-organiser"));
  const { attendance, exports, now } = ctx.services;
  const year = wallClockOf(now(), target.timeZone).date.year;
  const lines = await attendance.report(subtreeScope(target.id), year, target.timeZone);
  if (lines.length === 0) return ctx.reply(ctx.t("export-nothing"));
  const csv = exports.hoursCsv(lines, { t: ctx.tp, locale: ctx.personalLocale, now: now() });
  const caption = ctx.tp("hours-report-caption", {
    organisation: userText(target.name, 80),
    year: String(year),
    people: new Set(lines.map((l) => l.userId)).size,
    total: String(totalHours(lines.map((l) => l.hours))),
  });
  return sendFilePrivately(ctx, "export", { bytes: csv, name: `yiqi-hours-${target.id}-${year}.csv`, caption });
}

/** /hours for members, /hours report for organisers. */
export function hoursFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("hours", (ctx) => (/^report$/i.test(ctx.match.trim()) ? hoursReport(ctx) : myHours(ctx)));
  return feature;
}

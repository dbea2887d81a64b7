/** Texts of reminders and summaries (HTML, through the translator). */
import { endOfLocalDay } from "../domain/reminders/plan.ts";
import { startOfLocalDay } from "../domain/time/calendar.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import { type SummaryReport, TALLY_LINES, type Tally } from "../services/summaries.ts";
import { type Counts, type EventSummary, eventTime, placesText, placeText, type ViewContext } from "./event-views.ts";
import { fitMessage, userText } from "./html.ts";

/** How long until the start, said roughly: "1 day", "3 hours", "45 minutes". */
export function leadText(start: Date, now: Date, v: ViewContext): string {
  const minutes = Math.max(1, Math.round((start.getTime() - now.getTime()) / 60_000));
  if (minutes >= 1380) return v.t("lead-days", { count: Math.round(minutes / 1440) });
  if (minutes >= 60) return v.t("lead-hours", { count: Math.round(minutes / 60) });
  return v.t("lead-minutes", { count: minutes });
}

/** The first line of a reminder: how soon, worded for the slot it was planned for. */
export function reminderHeading(slot: string, start: Date, v: ViewContext): string {
  switch (slot) {
    case "d-1":
      return v.t("reminder-tomorrow");
    case "d0":
      return v.t("reminder-today");
    case "open":
      return v.t("reminder-opens");
    default:
      return v.t("reminder-in", { lead: leadText(start, v.now, v) });
  }
}

function eventLine(e: EventSummary, c: Counts, v: ViewContext, withOrganisation: boolean): string {
  const org = withOrganisation && e.organisation ? ` · ${userText(e.organisation.name, 40)}` : "";
  return `· <b>${userText(e.title, 80)}</b> — ${eventTime(e, v)} · ${placeText(e, v)} · ${placesText(e, c, v)}${org}`;
}

function section(heading: string, events: EventSummary[], total: number, report: SummaryReport, v: ViewContext) {
  const lines = [heading];
  if (total === 0) lines.push(v.t("summary-none"));
  const hub = report.byOrganisation !== null;
  for (const e of events) {
    lines.push(eventLine(e, report.counts.get(e.id) ?? { confirmed: 0, waitlisted: 0 }, v, hub));
  }
  if (total > events.length) lines.push(v.t("list-more", { count: total - events.length }));
  return lines.join("\n");
}

/** The first TALLY_LINES rows of a tally of `total` rows (the rest counted). */
function tallyBlock(heading: string, rows: Tally[], v: ViewContext, total = rows.length): string {
  const lines = rows.slice(0, TALLY_LINES).map((r) => v.t("summary-tally", { ...r, name: userText(r.name, 60) }));
  if (total > TALLY_LINES) lines.push(v.t("list-more", { count: total - TALLY_LINES }));
  return [heading, ...lines].join("\n");
}

/** The daily summary (also what /summary shows). */
export function summaryText(report: SummaryReport, v: ViewContext): string {
  const now = v.now;
  const day = formatTimeWindow(
    {
      start: startOfLocalDay(now, report.timeZone),
      end: endOfLocalDay(now, report.timeZone),
      precision: "day",
      timeZone: report.timeZone,
    },
    v.locale,
    { now },
  );
  const blocks = [v.t("summary-header", { org: userText(report.organisation, 80), date: day })];
  if (report.quiet) return [...blocks, "", v.t("summary-quiet")].join("\n");
  const { today, todayTotal, week, weekTotal } = report;
  blocks.push("", section(v.t("summary-today", { count: todayTotal }), today, todayTotal, report, v));
  blocks.push("", section(v.t("summary-week", { count: weekTotal }), week, weekTotal, report, v));
  blocks.push("", v.t("summary-changes", { signups: report.signups, cancellations: report.cancellations }));
  if (report.byDistrict) blocks.push("", tallyBlock(v.t("summary-by-district"), report.byDistrict, v));
  if (report.byOrganisation) {
    blocks.push("", tallyBlock(v.t("summary-by-organisation"), report.byOrganisation, v, report.organisations));
  }
  return fitMessage(blocks, (left) => v.t("list-more", { count: left }));
}

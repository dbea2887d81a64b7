import { addDays, wallClockOf, zonedInstant } from "./time/calendar.ts";
import type { TimeWindow } from "./time/index.ts";

/** "yearly:06-28": the campaign comes back every year on that day. */
const YEARLY = /^yearly:(\d{2})-(\d{2})$/;

export interface CampaignWindow {
  start: Date;
  end: Date;
  recurrence: string | null;
}

/**
 * The window of a campaign from its events: the local day most one-day activities share
 * (the campaign day), or the span of all of them when none is within one day.
 */
export function campaignWindow(windows: TimeWindow[], timeZone: string, yearly: boolean): CampaignWindow | null {
  if (windows.length === 0) return null;
  const days = new Map<string, number>();
  const localDay = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  for (const w of windows) {
    const first = localDay.format(w.start);
    if (first === localDay.format(new Date(w.end.getTime() - 1))) days.set(first, (days.get(first) ?? 0) + 1);
  }
  const best = [...days].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (best) {
    const [year, month, day] = best[0].split("-").map(Number) as [number, number, number];
    const date = { year, month, day };
    return {
      start: zonedInstant(date, 0, timeZone),
      end: zonedInstant(addDays(date, 1), 0, timeZone),
      recurrence: yearly ? `yearly:${best[0].slice(5)}` : null,
    };
  }
  const start = new Date(Math.min(...windows.map((w) => w.start.getTime())));
  const end = new Date(Math.max(...windows.map((w) => w.end.getTime())));
  return { start, end, recurrence: null };
}

/**
 * The year a programme's dates belong to: for a yearly campaign the next time its day
 * comes round (this year until the day is over), for a one-off campaign its own year.
 */
export function campaignYear(
  campaign: { startsAt: Date; recurrence: string | null },
  now: Date,
  timeZone: string,
): number {
  const match = campaign.recurrence ? YEARLY.exec(campaign.recurrence) : null;
  if (!match) return wallClockOf(campaign.startsAt, timeZone).date.year;
  const today = wallClockOf(now, timeZone).date;
  const monthDay = Number(match[1]) * 100 + Number(match[2]);
  return today.month * 100 + today.day > monthDay ? today.year + 1 : today.year;
}

/** What a window looks like on the wall calendar of its zone: the facts formatting is phrased from. */
import { addDays, type CivilDate, compareCivil, MINUTES_PER_DAY, wallClockOf } from "./calendar.ts";
import { dayPartOf, monthPartOf } from "./named-spans.ts";
import type { DayPart, MonthPart } from "./spec.ts";
import type { TimeWindow } from "./window.ts";

export type WindowShape =
  /** clock times as minutes after midnight; `end` null when only the start is known, 1440 for midnight */
  | { kind: "clock"; day: CivilDate; start: number; end: number | null; endDay: CivilDate }
  | { kind: "day_part"; day: CivilDate; part: DayPart }
  /** whole days, `through` inclusive */
  | { kind: "days"; from: CivilDate; through: CivilDate }
  | { kind: "month_part"; year: number; month: number; part: MonthPart }
  | { kind: "ongoing"; from: CivilDate; through: CivilDate | "year_end" };

export function describeWindow(window: TimeWindow): WindowShape {
  const start = wallClockOf(window.start, window.timeZone);
  const lastDay = wallClockOf(new Date(window.end.getTime() - 1), window.timeZone).date;
  switch (window.precision) {
    case "exact":
      return describeClock(window, start);
    case "day":
      return { kind: "days", from: start.date, through: lastDay };
    case "part_of_month": {
      const { year, month, day } = start.date;
      const sameMonth = lastDay.year === year && lastDay.month === month;
      const part = sameMonth ? monthPartOf(year, month, day, lastDay.day) : undefined;
      return part ? { kind: "month_part", year, month, part } : { kind: "days", from: start.date, through: lastDay };
    }
    case "ongoing": {
      const end = wallClockOf(window.end, window.timeZone);
      const isNextNewYear = end.minutes === 0 && end.date.year === start.date.year + 1;
      const untilYearEnd = isNextNewYear && end.date.month === 1 && end.date.day === 1;
      return { kind: "ongoing", from: start.date, through: untilYearEnd ? "year_end" : lastDay };
    }
  }
}

function describeClock(window: TimeWindow, start: { date: CivilDate; minutes: number }): WindowShape {
  if (window.openEnded) return { kind: "clock", day: start.date, start: start.minutes, end: null, endDay: start.date };
  const end = wallClockOf(window.end, window.timeZone);
  const endsAtMidnight = end.minutes === 0 && compareCivil(end.date, addDays(start.date, 1)) === 0;
  if (endsAtMidnight) {
    return { kind: "clock", day: start.date, start: start.minutes, end: MINUTES_PER_DAY, endDay: start.date };
  }
  const part = compareCivil(end.date, start.date) === 0 ? dayPartOf(start.minutes, end.minutes) : undefined;
  if (part) return { kind: "day_part", day: start.date, part };
  return { kind: "clock", day: start.date, start: start.minutes, end: end.minutes, endDay: end.date };
}

/** The fixed meaning of named parts of a day and of a month, shared by parsing and formatting. */
import { daysInMonth } from "./calendar.ts";
import type { DayPart, MonthPart } from "./spec.ts";

/** Minutes after local midnight: 上午 / morning 08:00–12:00, 下午 13:00–18:00, 晚上 18:00–21:00. */
const DAY_PART_MINUTES: Record<DayPart, { start: number; end: number }> = {
  morning: { start: 8 * 60, end: 12 * 60 },
  afternoon: { start: 13 * 60, end: 18 * 60 },
  evening: { start: 18 * 60, end: 21 * 60 },
};

/** How long a window lasts when only its start time was given. */
export const OPEN_ENDED_HOURS = 2;

export function dayPartMinutes(part: DayPart): { start: number; end: number } {
  return DAY_PART_MINUTES[part];
}

/** The day part whose span is exactly `start`–`end` minutes after midnight, if any. */
export function dayPartOf(start: number, end: number): DayPart | undefined {
  const parts = Object.keys(DAY_PART_MINUTES) as DayPart[];
  return parts.find((part) => DAY_PART_MINUTES[part].start === start && DAY_PART_MINUTES[part].end === end);
}

/** First and last day of the month (inclusive) that a month part covers. */
export function monthPartDays(year: number, month: number, part: MonthPart): { first: number; last: number } {
  const last = daysInMonth(year, month);
  switch (part) {
    case "early":
      return { first: 1, last: 10 };
    case "mid":
      return { first: 11, last: 20 };
    case "late":
      return { first: 21, last };
    case "early_mid":
      return { first: 1, last: 20 };
    case "mid_late":
      return { first: 11, last };
    case "whole":
      return { first: 1, last };
  }
}

const MONTH_PARTS: MonthPart[] = ["early", "mid", "late", "early_mid", "mid_late", "whole"];

/** The month part covering exactly days `first`–`last` of the month, if any. */
export function monthPartOf(year: number, month: number, first: number, last: number): MonthPart | undefined {
  return MONTH_PARTS.find((part) => {
    const days = monthPartDays(year, month, part);
    return days.first === first && days.last === last;
  });
}

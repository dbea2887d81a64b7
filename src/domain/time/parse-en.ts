/**
 * Grammar for English time expressions: "June 28", "28 June 14:00-16:00", "June 28 2pm-4pm",
 * "late June", "end of June", "from June 16 until year end", "June 28-30", "tomorrow 3pm".
 * Expects text already normalized by parse.ts (lower case, one kind of dash, single spaces, no commas).
 */
import { parseWhole, type Scanner } from "./scanner.ts";
import type { ClockTime, DateRef, DayPart, MonthPart, TimeSpec } from "./spec.ts";

const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" +
  "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?(?![a-z])";
const WEEKDAY =
  "(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)" +
  "\\.?(?![a-z])";
/** a day of the month, not the hour of "2pm" or "14:00" */
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?!\\s?[ap]\\.?m(?![a-z]))";
const YEAR = "(\\d{4})(?![\\d:])";

const MONTH_INDEX = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAY_INDEX = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const P = {
  isoDate: /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/y,
  monthFirst: new RegExp(`${MONTH}\\s?${DAY}`, "y"),
  dayFirst: new RegExp(`${DAY}\\s?${MONTH}`, "y"),
  month: new RegExp(MONTH, "y"),
  day: new RegExp(DAY, "y"),
  year: new RegExp(YEAR, "y"),
  relativeYear: /(this|next) year(?![a-z])/y,
  weekday: new RegExp(`(?:(next|this)\\s)?${WEEKDAY}`, "y"),
  weekdayBeforeDate: new RegExp(`${WEEKDAY}(?=\\s?(?:\\d|${MONTH}))`, "y"),
  relativeDay: /(today|tonight|tomorrow|day after tomorrow)(?![a-z])/y,
  rangeSeparator: /(?:-|to|through|thru)(?![a-z])/y,
  from: /from(?![a-z])/y,
  now: /now(?![a-z])/y,
  until: /(until|till|til|to)(?![a-z])/y,
  onwards: /(?:onwards?|and after)(?![a-z])/y,
  yearEnd: /(?:year[- ]?end|end of (?:this )?year)(?![a-z])/y,
  monthSpan: /(early|mid)\s?-?\s?to\s?-?\s?(mid|late)(?![a-z])/y,
  monthPart: /(early|mid|late|middle of|beginning of|start of|end of)(?![a-z])\s?-?/y,
  dayPart: /(?:in\s)?(morning|afternoon|evening)(?![a-z])/y,
  wholeDay: /(?:all[- ]day|whole day)(?![a-z])/y,
  clock: /(\d{1,2})(?::(\d{2}))?\s?(a\.?m\.?|p\.?m\.?)?(?![\d:a-z])/y,
  noon: /noon(?![a-z])/y,
  timeRangeSeparator: /(?:-|to|until|till)(?![a-z])/y,
} as const;

const DAY_PARTS: DayPart[] = ["morning", "afternoon", "evening"];
const RELATIVE_DAYS: Record<string, number> = { today: 0, tonight: 0, tomorrow: 1, "day after tomorrow": 2 };

const MONTH_PARTS: Record<string, MonthPart> = {
  early: "early",
  "beginning of": "early",
  "start of": "early",
  mid: "mid",
  "middle of": "mid",
  late: "late",
  "end of": "late",
  "early-mid": "early_mid",
  "mid-late": "mid_late",
};

export function parseEn(text: string): TimeSpec | undefined {
  const words = text
    .replace(/\b(?:on|at|the)\b/g, " ")
    .replace(/ +/g, " ")
    .trim();
  return parseWhole(words, [ongoing, monthPart, dayRange, dayWithTime, timeThenDay]);
}

/** "from June 16", "from June 16 until year end", "June 16 until Dec 31", "June 16 onwards" */
function ongoing(s: Scanner): TimeSpec | undefined {
  const leadingFrom = s.take(P.from) !== null;
  const from: DateRef | undefined = leadingFrom && s.take(P.now) ? { kind: "relative", days: 0 } : date(s)?.ref;
  if (!from) return undefined;
  if (s.take(P.onwards)) return { kind: "ongoing", from, through: "year_end" };
  const link = s.take(P.until)?.[1];
  if (!link) return leadingFrom ? { kind: "ongoing", from, through: "year_end" } : undefined;
  if (s.take(P.yearEnd)) return { kind: "ongoing", from, through: "year_end" };
  if (link === "to" && !leadingFrom) return undefined; // "June 28 to July 2" is a range of days
  const through = calendarDate(s);
  return through && { kind: "ongoing", from: withSharedYear(from, through), through };
}

/** "June", "late June 2026", "end of June", "mid-June", "mid to late June" */
function monthPart(s: Scanner): TimeSpec | undefined {
  const span = s.take(P.monthSpan);
  const name = span ? `${span[1]}-${span[2]}` : s.take(P.monthPart)?.[1];
  const part = name === undefined ? "whole" : MONTH_PARTS[name];
  const month = monthIndex(s.take(P.month)?.[1]);
  if (!part || month === undefined) return undefined;
  return { kind: "month_part", month, part, ...yearOf(s) };
}

/** "June 28-30", "28-30 June", "June 28 - July 2", "28 Jun - 2 Jul 2026" */
function dayRange(s: Scanner): TimeSpec | undefined {
  return s.attempt(() => dayRangeInMonth(s)) ?? s.attempt(() => dayRangeAcrossMonths(s));
}

function dayRangeInMonth(s: Scanner): TimeSpec | undefined {
  const monthBefore = monthIndex(s.take(P.month)?.[1]);
  const first = s.take(P.day)?.[1];
  if (!first || !s.take(P.rangeSeparator)) return undefined;
  const last = s.take(P.day)?.[1];
  const month = monthBefore ?? monthIndex(s.take(P.month)?.[1]);
  if (!last || month === undefined) return undefined;
  const year = s.take(P.year)?.[1];
  const withYear = year ? { year: Number(year) } : {};
  return {
    kind: "days",
    from: { kind: "calendar", month, day: Number(first), ...withYear },
    through: { kind: "calendar", month, day: Number(last), ...withYear },
  };
}

function dayRangeAcrossMonths(s: Scanner): TimeSpec | undefined {
  const from = calendarDate(s);
  if (!from || !s.take(P.rangeSeparator)) return undefined;
  const through = calendarDate(s);
  return through && { kind: "days", from: withSharedYear(from, through), through };
}

/** "June 28", "Sun 28 Jun 9:00-11:30", "tomorrow 3pm", "next Saturday morning", "today from 15:00" */
function dayWithTime(s: Scanner): TimeSpec | undefined {
  const day = date(s);
  if (!day) return undefined;
  if (!s.atEnd) return timeOfDay(s, day.ref);
  return day.evening ? { kind: "day_part", on: day.ref, part: "evening" } : { kind: "days", from: day.ref };
}

/** "3pm tomorrow", "9:00-11:00 next Saturday" */
function timeThenDay(s: Scanner): TimeSpec | undefined {
  const times = timeRange(s);
  if (!times) return undefined;
  const on = date(s)?.ref;
  return on && { kind: "clock", on, ...times };
}

function timeOfDay(s: Scanner, on: DateRef): TimeSpec | undefined {
  if (s.take(P.wholeDay)) return { kind: "days", from: on };
  const written = s.take(P.dayPart)?.[1];
  const part = DAY_PARTS.find((name) => name === written);
  if (part) return { kind: "day_part", on, part };
  const times = timeRange(s);
  return times && { kind: "clock", on, ...times };
}

interface WrittenTime extends ClockTime {
  meridiem?: "am" | "pm";
  /** written with neither a colon nor am/pm, as the 2 in "2-4pm" */
  bare: boolean;
}

/** "9:00-11:30", "2pm-4pm", "2-4pm", "3pm", "from 15:00", "noon" */
function timeRange(s: Scanner): { start: ClockTime; end?: ClockTime } | undefined {
  const openStart = s.take(P.from) !== null;
  const start = time(s);
  if (!start) return undefined;
  if (openStart || !s.take(P.timeRangeSeparator)) {
    return start.bare ? undefined : { start: { hour: hour24(start.hour, start.meridiem), minute: start.minute } };
  }
  const end = time(s);
  return end && inOrder(start, end);
}

function time(s: Scanner): WrittenTime | undefined {
  if (s.take(P.noon)) return { hour: 12, minute: 0, meridiem: "pm", bare: false };
  const m = s.take(P.clock);
  if (!m) return undefined;
  const meridiem = m[3] ? (m[3].startsWith("a") ? "am" : "pm") : undefined;
  const clock = { hour: Number(m[1]), minute: Number(m[2] ?? 0), bare: !m[2] && !meridiem };
  return meridiem ? { ...clock, meridiem } : clock;
}

/**
 * 24-hour times for a range; an end without am/pm takes the start's when it would otherwise come
 * first ("2pm-4:30"), a start takes the end's unless that puts it after the end ("2-4pm", but "11-1pm").
 */
function inOrder(start: WrittenTime, end: WrittenTime): { start: ClockTime; end: ClockTime } {
  const startAsWritten = hour24(start.hour, start.meridiem);
  const endBorrows = !end.meridiem && start.meridiem === "pm" && end.hour < startAsWritten;
  const endHour = hour24(end.hour, endBorrows ? "pm" : end.meridiem);
  const startBorrows = !start.meridiem && end.meridiem && hour24(start.hour, end.meridiem) <= endHour;
  const startHour = startBorrows ? hour24(start.hour, end.meridiem) : startAsWritten;
  return { start: { hour: startHour, minute: start.minute }, end: { hour: endHour, minute: end.minute } };
}

/** 12am → 0, 12pm → 12, 3pm → 15; an hour past 12 with am/pm stays out of range (13pm → 25). */
function hour24(hour: number, meridiem: "am" | "pm" | undefined): number {
  if (meridiem && hour > 12) return hour + 12;
  if (meridiem === "am") return hour === 12 ? 0 : hour;
  if (meridiem === "pm") return hour === 12 ? 12 : hour + 12;
  return hour;
}

function date(s: Scanner): { ref: DateRef; evening?: boolean } | undefined {
  const calendar = s.attempt(() => calendarDate(s));
  if (calendar) return { ref: calendar };
  const relative = s.take(P.relativeDay)?.[1] ?? "";
  const days = RELATIVE_DAYS[relative];
  if (days !== undefined) return { ref: { kind: "relative", days }, evening: relative === "tonight" };
  const m = s.take(P.weekday);
  const weekday = WEEKDAY_INDEX.indexOf(m?.[2]?.slice(0, 3) ?? "");
  if (weekday < 0) return undefined;
  const thisWeek = m?.[1] === "this" ? { thisWeek: true as const } : {};
  return { ref: { kind: "weekday", weekday, nextWeek: m?.[1] === "next", ...thisWeek } };
}

/** "2026-06-28", "June 28", "June 28th 2026", "28 June", "Sun 28 Jun 2027" */
function calendarDate(s: Scanner): DateRef | undefined {
  s.take(P.weekdayBeforeDate);
  const iso = s.take(P.isoDate);
  if (iso) return { kind: "calendar", year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const monthFirst = s.take(P.monthFirst);
  const dayFirst = monthFirst ? null : s.take(P.dayFirst);
  const month = monthIndex(monthFirst?.[1] ?? dayFirst?.[2]);
  const day = monthFirst?.[2] ?? dayFirst?.[1];
  if (month === undefined || day === undefined) return undefined;
  return { kind: "calendar", month, day: Number(day), ...yearOf(s) };
}

/** "2027", "this year", "next year" after a date, or nothing. */
function yearOf(s: Scanner): { year: number } | { yearOffset: number } | Record<string, never> {
  const year = s.take(P.year)?.[1];
  if (year) return { year: Number(year) };
  const relative = s.take(P.relativeYear)?.[1];
  return relative ? { yearOffset: relative === "next" ? 1 : 0 } : {};
}

/** A range written with the year only at its end ("28 Dec - 2 Jan 2027") gives the start its year too. */
function withSharedYear(from: DateRef, through: DateRef): DateRef {
  if (from.kind !== "calendar" || from.year !== undefined || through.kind !== "calendar" || !through.year) return from;
  return { ...from, year: from.month > through.month ? through.year - 1 : through.year };
}

function monthIndex(name: string | undefined): number | undefined {
  const index = MONTH_INDEX.indexOf(name?.slice(0, 3) ?? "");
  return index < 0 ? undefined : index + 1;
}

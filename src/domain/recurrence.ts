/**
 * Recurring activities (issue 15): "每周六 9:00-11:00 至12月31日", "every Saturday 9-11am 10 times",
 * "每月第一个周日 14:00-16:00", "first Sunday of every month 2-4pm". Pure: takes `now`. A rule is read into a
 * pattern (which days), a time of day (read by the one-off time parser, per day) and an end (a date, a number of
 * times, or — when none is written — the end of the year, said back to the organiser). Each occurrence becomes
 * its own event; a series is at most `MAX_OCCURRENCES` long.
 */
import {
  addDays,
  type CivilDate,
  compareCivil,
  daysInMonth,
  wallClockOf,
  weekdayOf,
  zonedInstant,
} from "./time/calendar.ts";
import { normalizeInput, parseTimeWindow } from "./time/parse.ts";
import { withArabicNumerals } from "./time/parse-zh.ts";
import type { ParseContext, ParseErrorCode } from "./time/spec.ts";
import type { TimeLocale, TimeWindow } from "./time/window.ts";

export const MAX_OCCURRENCES = 100;

/** Which days: every day, a weekday each week, the nth (or last: -1) weekday of each month, a day of each month. */
export type RecurrencePattern =
  | { kind: "daily" }
  | { kind: "weekly"; weekday: number }
  | { kind: "monthly_weekday"; nth: number; weekday: number }
  | { kind: "monthly_day"; day: number };

/** How the end was given: a date, a number of times, or nothing (then the end of the first occurrence's year). */
export type SeriesEnd = "until" | "count" | "year_end";

export interface Series {
  pattern: RecurrencePattern;
  /** each occurrence's window, soonest first (only those not yet over) */
  occurrences: TimeWindow[];
  end: SeriesEnd;
}

export type RecurrenceErrorCode =
  | ParseErrorCode
  /** more than MAX_OCCURRENCES occurrences */
  | "series_too_many"
  /** no occurrence between now and the end */
  | "series_empty";

export type RecurrenceResult =
  | { ok: true; series: Series }
  | { ok: false; error: RecurrenceErrorCode; detail?: string; count?: number };

const WEEKDAYS_ZH: Record<string, number> = { 日: 0, 天: 0, 七: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const NTH_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5 };
const WEEKDAYS_EN = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const NTH_EN: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
  fifth: 5,
  "5th": 5,
  last: -1,
};

const WEEKDAY_EN =
  "(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)s?";
const WEEKDAY_ZH = "(?:周|星期|礼拜)([一二三四五六日天七])";

/** The rule's head (which days), each with the pattern it stands for. Matched at the start of the text. */
const heads: [RegExp, (m: RegExpExecArray) => RecurrencePattern | undefined][] = [
  [/^(?:每一?天|每日|天天)/, () => ({ kind: "daily" })],
  [new RegExp(`^每(?:个|一)?${WEEKDAY_ZH}`), (m) => weekly(WEEKDAYS_ZH[m[1] ?? ""])],
  [
    new RegExp(`^每(?:个)?月(?:的)?第([一二三四五1-5])个?${WEEKDAY_ZH}`),
    (m) => monthlyWeekday(NTH_ZH[m[1] ?? ""], WEEKDAYS_ZH[m[2] ?? ""]),
  ],
  [new RegExp(`^每(?:个)?月(?:的)?最后一个?${WEEKDAY_ZH}`), (m) => monthlyWeekday(-1, WEEKDAYS_ZH[m[1] ?? ""])],
  [/^每(?:个)?月(?:的)?(\d{1,2})[日号]/, (m) => monthlyDay(Number(m[1]))],
  [/^(?:every ?day|each day|daily)(?![a-z])/, () => ({ kind: "daily" })],
  [
    new RegExp(`^(?:every|each) (?:week (?:on )?)?${WEEKDAY_EN}(?![a-z])`),
    (m) => weekly(WEEKDAYS_EN.indexOf(m[1]?.slice(0, 3) ?? "")),
  ],
  [
    new RegExp(`^(?:weekly (?:on )?)${WEEKDAY_EN}(?![a-z])`),
    (m) => weekly(WEEKDAYS_EN.indexOf(m[1]?.slice(0, 3) ?? "")),
  ],
  [
    new RegExp(
      `^(?:(?:on )?(?:the )?|every |each )(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th) ${WEEKDAY_EN}(?: (?:of|in) (?:every|each|the) month)?(?![a-z])`,
    ),
    (m) => monthlyWeekday(NTH_EN[m[1] ?? ""], WEEKDAYS_EN.indexOf(m[2]?.slice(0, 3) ?? "")),
  ],
  [
    /^(?:(?:on )?(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of|in) (?:every|each) month|(?:every month|monthly) on (?:the )?(\d{1,2})(?:st|nd|rd|th)?)(?![a-z\d])/,
    (m) => monthlyDay(Number(m[1] ?? m[2])),
  ],
];

function weekly(weekday: number | undefined): RecurrencePattern | undefined {
  return weekday === undefined || weekday < 0 ? undefined : { kind: "weekly", weekday };
}

function monthlyWeekday(nth: number | undefined, weekday: number | undefined): RecurrencePattern | undefined {
  if (nth === undefined || weekday === undefined || weekday < 0) return undefined;
  return { kind: "monthly_weekday", nth, weekday };
}

function monthlyDay(day: number): RecurrencePattern | undefined {
  return day >= 1 && day <= 31 ? { kind: "monthly_day", day } : undefined;
}

/** The end written last: "共10次" / "10次" / "10 times" / "for 10 weeks"; "至12月31日" / "until 31 December". */
const countTail =
  /(?:(?:共|一共|总共)\s?(\d{1,4})\s?次|(?:^|[\s,，、;；])(?:for )?(\d{1,4}) ?(次|times?|sessions?|occurrences?|weeks?|months?|days?))$/;
const untilWords = /(?:至|到|直到|截至|截止到?|(?<![a-z])(?:until|till|through|ending)(?![a-z]))/g;
const yearEndWords = /^(?:今年)?(?:年底|年末|年终)$|^(?:the )?(?:year[- ]?end|end of (?:the |this )?year)$/;
const units: Record<string, RecurrencePattern["kind"][]> = {
  week: ["weekly"],
  month: ["monthly_weekday", "monthly_day"],
  day: ["daily"],
};

/**
 * Reads a recurring time. Returns null when the text is not a recurrence (then it is a one-off time); an error
 * when it is one that cannot be planned (a bad time, an end before the first day, too many occurrences).
 */
export function parseRecurrence(text: string, ctx: ParseContext): RecurrenceResult | null {
  const input = chineseCounts(withArabicNumerals(normalizeInput(text)));
  for (const [head, read] of heads) {
    const m = head.exec(input);
    if (!m) continue;
    const pattern = read(m);
    if (!pattern) return { ok: false, error: "invalid_date", detail: m[0] };
    return plan(pattern, input.slice(m[0].length).trim(), ctx);
  }
  return null;
}

/** "共十次" → "共10次" (the one-off parser's numeral conversion stops at 年月日点时分). */
function chineseCounts(text: string): string {
  const digits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  return text.replace(/([一二两三四五六七八九]?十?[一二三四五六七八九]?)次$/, (whole, numeral: string) => {
    if (numeral === "") return whole;
    if (!numeral.includes("十")) return `${digits[numeral] ?? numeral}次`;
    const [tens = "", ones = ""] = numeral.split("十");
    return `${(tens ? (digits[tens] ?? 0) : 1) * 10 + (ones ? (digits[ones] ?? 0) : 0)}次`;
  });
}

function plan(pattern: RecurrencePattern, rest: string, ctx: ParseContext): RecurrenceResult {
  let timeText = rest.replace(/^(?:的|,|，)\s?/, "");
  let count: number | undefined;
  let until: CivilDate | "year_end" | undefined;
  const c = countTail.exec(timeText);
  const unit = c?.[3]?.replace(/s$/, "") ?? "";
  if (c && (units[unit]?.includes(pattern.kind) ?? true)) {
    count = Number(c[1] ?? c[2]);
    timeText = timeText.slice(0, c.index).trim();
  }
  if (count === undefined) {
    // the last "至 / until" whose remainder is a day ("9:00至11:00 至12月31日": the second)
    const links = [...timeText.matchAll(untilWords)].reverse();
    for (const link of links) {
      const end = untilDate(timeText.slice(link.index + link[0].length).replace(/(?:为止|止)$/, ""), ctx);
      if (!end) continue;
      until = end;
      timeText = timeText.slice(0, link.index).trim();
      break;
    }
  }
  timeText = timeText.replace(/[,，、;；]$/, "").trim();
  if (count !== undefined && (count < 1 || count > MAX_OCCURRENCES)) {
    return { ok: false, error: "series_too_many", count };
  }
  const today = wallClockOf(ctx.now, ctx.timeZone).date;
  const occurrences: TimeWindow[] = [];
  // a series may not start later than a year from now, nor run beyond five years
  const horizon = addDays(today, 5 * 366);
  let last: CivilDate | undefined = until === "year_end" ? undefined : until;
  for (let day = today; compareCivil(day, horizon) <= 0; day = addDays(day, 1)) {
    if (occurrences.length === 0 && compareCivil(day, addDays(today, 366)) > 0) break;
    if (last && compareCivil(day, last) > 0) break;
    if (!matches(pattern, day)) continue;
    const window = windowOn(day, timeText, ctx);
    if (!window.ok) return window;
    if (window.window.end.getTime() <= ctx.now.getTime()) continue;
    if (occurrences.length === 0 && count === undefined && last === undefined) {
      last = { year: day.year, month: 12, day: 31 }; // no end written: until the end of the first one's year
    }
    occurrences.push(window.window);
    if (count !== undefined && occurrences.length >= count) break;
    if (occurrences.length > MAX_OCCURRENCES) break;
  }
  if (occurrences.length === 0) return { ok: false, error: "series_empty" };
  if (occurrences.length > MAX_OCCURRENCES)
    return { ok: false, error: "series_too_many", count: countUpTo(pattern, occurrences, last) };
  const end: SeriesEnd = count !== undefined ? "count" : until !== undefined ? "until" : "year_end";
  return { ok: true, series: { pattern, occurrences, end } };
}

/** How many days the pattern has from the first occurrence through `last` (for the "too many" message). */
function countUpTo(pattern: RecurrencePattern, occurrences: TimeWindow[], last: CivilDate | undefined): number {
  const first = occurrences[0];
  if (!first || !last) return occurrences.length;
  let n = 0;
  for (let day = wallClockOf(first.start, first.timeZone).date; compareCivil(day, last) <= 0; day = addDays(day, 1)) {
    if (matches(pattern, day)) n++;
  }
  return n;
}

/** The last day of a series: "12月31日", "31 December", "年底" / "year end", "2027-01-31". */
function untilDate(text: string, ctx: ParseContext): CivilDate | "year_end" | undefined {
  if (yearEndWords.test(text.trim())) return "year_end";
  const parsed = parseTimeWindow(text, ctx);
  if (!parsed.ok || parsed.window.precision !== "day") return undefined;
  return wallClockOf(new Date(parsed.window.end.getTime() - 1), ctx.timeZone).date;
}

/** Does the pattern fall on this day? */
export function matches(pattern: RecurrencePattern, day: CivilDate): boolean {
  switch (pattern.kind) {
    case "daily":
      return true;
    case "weekly":
      return weekdayOf(day) === pattern.weekday;
    case "monthly_day":
      return day.day === pattern.day;
    case "monthly_weekday": {
      if (weekdayOf(day) !== pattern.weekday) return false;
      if (pattern.nth === -1) return day.day + 7 > daysInMonth(day.year, day.month);
      return Math.ceil(day.day / 7) === pattern.nth;
    }
  }
}

/** The window of one occurrence: the time of day read on that day by the one-off parser (DST-safe). */
function windowOn(
  day: CivilDate,
  timeText: string,
  ctx: ParseContext,
): { ok: true; window: TimeWindow } | { ok: false; error: RecurrenceErrorCode; detail?: string } {
  const iso = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
  const parsed = parseTimeWindow(timeText ? `${iso} ${timeText}` : iso, { ...ctx, year: day.year });
  if (!parsed.ok) return { ok: false, error: parsed.error, ...(parsed.detail ? { detail: parsed.detail } : {}) };
  // the time part must be a time of that day, not another date ("每周六 6月28日")
  const starts = wallClockOf(parsed.window.start, ctx.timeZone).date;
  if (compareCivil(starts, day) !== 0 || parsed.window.precision === "part_of_month") {
    return { ok: false, error: "not_understood" };
  }
  if (parsed.window.precision === "ongoing") return { ok: false, error: "not_understood" };
  return { ok: true, window: parsed.window };
}

/** The pattern as stored on a series: "daily", "weekly:6", "monthly:1:0", "monthly:-1:6", "monthday:15". */
export function encodePattern(pattern: RecurrencePattern): string {
  switch (pattern.kind) {
    case "daily":
      return "daily";
    case "weekly":
      return `weekly:${pattern.weekday}`;
    case "monthly_weekday":
      return `monthly:${pattern.nth}:${pattern.weekday}`;
    case "monthly_day":
      return `monthday:${pattern.day}`;
  }
}

export function decodePattern(text: string): RecurrencePattern | null {
  if (text === "daily") return { kind: "daily" };
  const [kind, a, b] = text.split(":");
  const n = Number(a);
  if (kind === "weekly" && Number.isInteger(n) && n >= 0 && n <= 6) return { kind: "weekly", weekday: n };
  if (kind === "monthday" && Number.isInteger(n) && n >= 1 && n <= 31) return { kind: "monthly_day", day: n };
  const weekday = Number(b);
  if (
    kind === "monthly" &&
    [1, 2, 3, 4, 5, -1].includes(n) &&
    Number.isInteger(weekday) &&
    weekday >= 0 &&
    weekday <= 6
  )
    return { kind: "monthly_weekday", nth: n, weekday };
  return null;
}

const ZH_WEEKDAY_NAMES = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const ZH_NTH = ["", "第一个", "第二个", "第三个", "第四个", "第五个"];
const EN_WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const EN_NTH = ["", "first", "second", "third", "fourth", "fifth"];

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";
  return `${n}${suffix}`;
}

/** "每周六", "每天", "每月第一个周日", "每月最后一个周六", "每月15日" / "every Saturday", "first Sunday of every month". */
export function describePattern(pattern: RecurrencePattern, locale: TimeLocale): string {
  if (locale === "en") {
    switch (pattern.kind) {
      case "daily":
        return "every day";
      case "weekly":
        return `every ${EN_WEEKDAY_NAMES[pattern.weekday]}`;
      case "monthly_weekday":
        return `${pattern.nth === -1 ? "last" : EN_NTH[pattern.nth]} ${EN_WEEKDAY_NAMES[pattern.weekday]} of every month`;
      case "monthly_day":
        return `the ${ordinal(pattern.day)} of every month`;
    }
  }
  switch (pattern.kind) {
    case "daily":
      return "每天";
    case "weekly":
      return `每${ZH_WEEKDAY_NAMES[pattern.weekday]}`;
    case "monthly_weekday":
      return `每月${pattern.nth === -1 ? "最后一个" : ZH_NTH[pattern.nth]}${ZH_WEEKDAY_NAMES[pattern.weekday]}`;
    case "monthly_day":
      return `每月${pattern.day}日`;
  }
}

/**
 * The same change made to another occurrence: `from` → `to` was typed for one occurrence ("this and all later
 * ones"), and `occurrence` moves by as many days and takes the new wall-clock times (DST-safe, in `to`'s zone).
 */
export function shiftWindow(occurrence: TimeWindow, from: TimeWindow, to: TimeWindow): TimeWindow {
  const wall = (d: Date) => wallClockOf(d, to.timeZone);
  const days = (a: CivilDate, b: CivilDate) => Math.round(compareCivil(a, b) / 86_400_000);
  const fromDay = wallClockOf(from.start, from.timeZone).date;
  const newStart = wall(to.start);
  // the end counted in days after the start (a whole day ends at the next midnight)
  const newEnd = wall(to.end);
  const shift = days(newStart.date, fromDay);
  const day = addDays(wallClockOf(occurrence.start, occurrence.timeZone).date, shift);
  const endDay = addDays(day, days(newEnd.date, newStart.date));
  const start = zonedInstant(day, newStart.minutes, to.timeZone);
  const end = zonedInstant(endDay, newEnd.minutes, to.timeZone);
  return { ...to, start, end };
}

/** How many days `to` starts after `from` on the wall calendar (negative: before). */
export function daysMoved(from: TimeWindow, to: TimeWindow): number {
  const a = wallClockOf(from.start, from.timeZone).date;
  const b = wallClockOf(to.start, to.timeZone).date;
  return Math.round(compareCivil(b, a) / 86_400_000);
}

/** The pattern of occurrences all moved by `days` (每周六 moved a day on is 每周日). */
export function shiftPattern(pattern: RecurrencePattern, days: number): RecurrencePattern {
  const weekday = (w: number) => (((w + days) % 7) + 7) % 7;
  switch (pattern.kind) {
    case "daily":
      return pattern;
    case "weekly":
      return { kind: "weekly", weekday: weekday(pattern.weekday) };
    case "monthly_weekday":
      return { ...pattern, weekday: weekday(pattern.weekday) };
    case "monthly_day":
      return { kind: "monthly_day", day: Math.min(31, Math.max(1, pattern.day + days)) };
  }
}

/**
 * Grammar for Chinese time expressions as written in programme tables and chat:
 * "6月28日（周日）9:00-11:30", "6月28日下午3点半", "6月下旬", "6月16日起至年底", "下周六 9:00-11:00".
 * Expects text already normalized by parse.ts (half-width, one kind of dash, single spaces).
 */
import { parseWhole, type Scanner } from "./scanner.ts";
import type { ClockTime, DateRef, DayPart, MonthPart, TimeSpec } from "./spec.ts";

const WEEKDAY_CHARS = "一二三四五六日天七";
const WEEKDAY_INDEX: Record<string, number> = { 日: 0, 天: 0, 七: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

const P = {
  isoDate: /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?(?!\d)/y,
  monthDay: /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/y,
  numericMonthDay: /(\d{1,2})[./](\d{1,2})(?![\d./])/y,
  dayOnly: /(\d{1,2})[日号]/y,
  relativeDay: /(今天|今日|今晚|明天|明日|明晚|后天)/y,
  relativeYear: /(今年|明年|后年)/y,
  weekday: new RegExp(`(下|这|本)?个?(?:周|星期|礼拜)([${WEEKDAY_CHARS}])`, "y"),
  weekdayNote: new RegExp(`\\(?(?:周|星期|礼拜)[${WEEKDAY_CHARS}]\\)?`, "y"),
  month: /(?:(\d{4})年)?(\d{1,2})月份?(中下旬|上中旬|上旬|中旬|下旬|初|底|末|中)?/y,
  rangeSeparator: /(?:-|至|到)/y,
  today: /(?:即日|今日|今天|现在)/y,
  started: /(?:起|开始)/y,
  ongoingLink: /(?:持续)?(?:至|到|直到)|持续/y,
  yearEnd: /(?:今年)?(?:年底|年末|年终)/y,
  dayPart: /(上午|下午|晚上)/y,
  wholeDay: /(?:全天|整天)/y,
  meridiem: /(上午|早上|中午|下午|傍晚|晚上|凌晨)/y,
  clock: /(\d{1,2})(?::(\d{2})|[点时](?:(半)|(\d{1,2})分?)?)/y,
  bareHourBeforeRange: /(\d{1,2})(?=\s?(?:-|至|到))/y,
  fromTime: /(?:起|开始|以后)/y,
} as const;

const RELATIVE_YEARS: Record<string, number> = { 今年: 0, 明年: 1, 后年: 2 };
const RELATIVE_DAYS: Record<string, number> = { 今天: 0, 今日: 0, 今晚: 0, 明天: 1, 明日: 1, 明晚: 1, 后天: 2 };
const EVENING_WORDS = new Set(["今晚", "明晚"]);

const MONTH_PARTS: Record<string, MonthPart> = {
  初: "early",
  上旬: "early",
  中: "mid",
  中旬: "mid",
  下旬: "late",
  底: "late",
  末: "late",
  上中旬: "early_mid",
  中下旬: "mid_late",
};

const DAY_PARTS: Record<string, DayPart> = { 上午: "morning", 下午: "afternoon", 晚上: "evening" };

export function parseZh(text: string): TimeSpec | undefined {
  return parseWhole(withArabicNumerals(text), [ongoing, monthPart, dayRange, dayWithTime]);
}

/** "6月16日起至年底", "6月16日开始持续到年底", "6月16日起", "即日起至12月31日", "6月16日至年底" */
function ongoing(s: Scanner): TimeSpec | undefined {
  const from: DateRef | undefined = s.take(P.today) ? { kind: "relative", days: 0 } : date(s)?.ref;
  if (!from) return undefined;
  s.take(P.weekdayNote);
  const started = s.take(P.started) !== null;
  if (!s.take(P.ongoingLink)) return started ? { kind: "ongoing", from, through: "year_end" } : undefined;
  if (s.take(P.yearEnd)) return { kind: "ongoing", from, through: "year_end" };
  const through = started ? rangeEnd(s, from) : undefined;
  return through && { kind: "ongoing", from, through };
}

/** "6月", "6月下旬", "2026年6月底", "6月中下旬", "明年6月" */
function monthPart(s: Scanner): TimeSpec | undefined {
  const yearOffset = relativeYear(s);
  const m = s.take(P.month);
  if (!m) return undefined;
  const part = m[3] ? MONTH_PARTS[m[3]] : "whole";
  if (!part) return undefined;
  const year = m[1] ? { year: Number(m[1]) } : yearOffset !== undefined ? { yearOffset } : {};
  return { kind: "month_part", month: Number(m[2]), part, ...year };
}

/** 今年 / 明年 / 后年 before a date: years from this one. */
function relativeYear(s: Scanner): number | undefined {
  return RELATIVE_YEARS[s.take(P.relativeYear)?.[1] ?? ""];
}

/** "6月28日-30日", "6月28日至7月2日" */
function dayRange(s: Scanner): TimeSpec | undefined {
  const from = date(s)?.ref;
  if (!from) return undefined;
  s.take(P.weekdayNote);
  if (!s.take(P.rangeSeparator)) return undefined;
  const through = rangeEnd(s, from);
  s.take(P.weekdayNote);
  return through && { kind: "days", from, through };
}

/** "6月28日", "6月28日 9:00-11:30", "6月28日下午3点", "6月28日上午", "明天下午3点", "下周六 9:00-11:00" */
function dayWithTime(s: Scanner): TimeSpec | undefined {
  const day = date(s);
  if (!day) return undefined;
  const on = day.ref;
  s.take(P.weekdayNote);
  if (s.atEnd) return day.evening ? { kind: "day_part", on, part: "evening" } : { kind: "days", from: on };
  if (s.take(P.wholeDay)) return { kind: "days", from: on };
  const times = s.attempt(() => timeRange(s, day.evening ? "晚上" : undefined));
  if (times) return { kind: "clock", on, ...times };
  const part = DAY_PARTS[s.take(P.dayPart)?.[1] ?? ""];
  return part && { kind: "day_part", on, part };
}

/** A start time, optionally followed by an end time; a start alone may be marked with 起. */
function timeRange(s: Scanner, impliedMeridiem: string | undefined): { start: ClockTime; end?: ClockTime } | undefined {
  const start = time(s, true);
  if (!start) return undefined;
  const meridiem = start.meridiem ?? impliedMeridiem;
  if (!s.take(P.rangeSeparator)) {
    if (start.bare) return undefined;
    s.take(P.fromTime);
    return { start: applyMeridiem(start, meridiem) };
  }
  const end = time(s, false);
  if (!end) return undefined;
  return { start: applyMeridiem(start, meridiem), end: applyMeridiem(end, end.meridiem ?? meridiem) };
}

interface WrittenTime extends ClockTime {
  meridiem?: string;
  /** a bare number such as the 9 in "9-11点", only allowed before a range separator */
  bare: boolean;
}

function time(s: Scanner, allowBare: boolean): WrittenTime | undefined {
  return s.attempt(() => {
    const meridiem = s.take(P.meridiem)?.[1];
    const withMeridiem = meridiem ? { meridiem } : {};
    const m = s.take(P.clock);
    if (m) {
      const minute = m[3] ? 30 : Number(m[2] ?? m[4] ?? 0);
      return { hour: Number(m[1]), minute, bare: false, ...withMeridiem };
    }
    const bare = allowBare ? s.take(P.bareHourBeforeRange) : null;
    return bare ? { hour: Number(bare[1]), minute: 0, bare: true, ...withMeridiem } : undefined;
  });
}

/** 下午3点 → 15:00, 中午12点 → 12:00, 晚上8点 → 20:00; 上午/早上/凌晨 keep the hour. */
function applyMeridiem({ hour, minute }: WrittenTime, meridiem: string | undefined): ClockTime {
  const afternoon = meridiem === "下午" || meridiem === "傍晚" || meridiem === "晚上";
  const pastNoon = afternoon ? hour < 12 : meridiem === "中午" && hour < 6;
  return { hour: pastNoon ? hour + 12 : hour, minute };
}

function date(s: Scanner): { ref: DateRef; evening?: boolean } | undefined {
  const calendar = calendarDate(s);
  if (calendar) return { ref: calendar };
  const relative = s.take(P.relativeDay)?.[1] ?? "";
  const days = RELATIVE_DAYS[relative];
  if (days !== undefined) return { ref: { kind: "relative", days }, evening: EVENING_WORDS.has(relative) };
  const m = s.take(P.weekday);
  const weekday = WEEKDAY_INDEX[m?.[2] ?? ""];
  if (weekday === undefined) return undefined;
  const thisWeek = m?.[1] === "本" || m?.[1] === "这" ? { thisWeek: true as const } : {};
  return { ref: { kind: "weekday", weekday, nextWeek: m?.[1] === "下", ...thisWeek } };
}

function calendarDate(s: Scanner): DateRef | undefined {
  return s.attempt(() => {
    const yearOffset = relativeYear(s);
    const relative = yearOffset !== undefined ? { yearOffset } : {};
    const iso = yearOffset === undefined ? s.take(P.isoDate) : null;
    if (iso) return { kind: "calendar", month: Number(iso[2]), day: Number(iso[3]), year: Number(iso[1]) };
    const m = s.take(P.monthDay);
    if (m) {
      const year = m[1] ? { year: Number(m[1]) } : relative;
      return { kind: "calendar", month: Number(m[2]), day: Number(m[3]), ...year };
    }
    const numeric = s.take(P.numericMonthDay);
    if (!numeric) return undefined;
    return { kind: "calendar", month: Number(numeric[1]), day: Number(numeric[2]), numeric: true, ...relative };
  });
}

/** The last day of a range: a full date, or just "30日" in the month (and year) of `from`. */
function rangeEnd(s: Scanner, from: DateRef): DateRef | undefined {
  const full = calendarDate(s);
  if (full || from.kind !== "calendar") return full;
  const m = s.take(P.dayOnly);
  return m ? { ...from, day: Number(m[1]) } : undefined;
}

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "六月二十八日" → "6月28日", "下午三点半" → "下午3点半"; weekday names such as 周日/星期一 stay. */
export function withArabicNumerals(text: string): string {
  return text.replace(/(?<![周期拜])[零〇一二两三四五六七八九十]+(?=[年月日号点时分])/g, (numeral) => {
    if (!numeral.includes("十")) return [...numeral].map((c) => CHINESE_DIGITS[c] ?? "").join("");
    const [tens = "", ones = ""] = numeral.split("十");
    return String((tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0));
  });
}

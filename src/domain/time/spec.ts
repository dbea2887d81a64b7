/**
 * What a language parser understood from a time expression, before any year, zone or
 * calendar check is applied (see resolve.ts), and the public shape of a parse result.
 */
import type { TimeLocale, TimeWindow } from "./window.ts";

/** A day as written: a calendar date, a day relative to today, or a weekday. */
export type DateRef =
  | { kind: "calendar"; month: number; day: number; year?: number }
  /** 0 = today, 1 = tomorrow … */
  | { kind: "relative"; days: number }
  /** 0 = Sunday … 6 = Saturday; `nextWeek`: in the Monday-based week after this one */
  | { kind: "weekday"; weekday: number; nextWeek: boolean };

export interface ClockTime {
  hour: number;
  minute: number;
}

export type DayPart = "morning" | "afternoon" | "evening";

/** early = days 1–10, mid = 11–20, late = 21–end; combined spans join them. */
export type MonthPart = "early" | "mid" | "late" | "early_mid" | "mid_late" | "whole";

export type TimeSpec =
  /** whole days, from one day through another (inclusive) */
  | { kind: "days"; from: DateRef; through?: DateRef }
  /** a clock time or range on one day; no end means "from start" */
  | { kind: "clock"; on: DateRef; start: ClockTime; end?: ClockTime }
  | { kind: "day_part"; on: DateRef; part: DayPart }
  | { kind: "month_part"; month: number; year?: number; part: MonthPart }
  /** from a day until the end of its year or through a given day */
  | { kind: "ongoing"; from: DateRef; through: DateRef | "year_end" };

export type ParseErrorCode = "empty" | "not_understood" | "invalid_date" | "invalid_time" | "end_before_start";

export interface ParseContext {
  /** IANA zone to read the expression in */
  timeZone: string;
  now: Date;
  /** Year for dates written without one (a campaign's or an import's year). */
  year?: number;
  /** Language of `normalized`; defaults to the language the text was written in. */
  locale?: TimeLocale;
}

export type ParseResult =
  | { ok: true; window: TimeWindow; normalized?: string }
  | { ok: false; error: ParseErrorCode; detail?: string };

export type ParseFailure = Extract<ParseResult, { ok: false }>;

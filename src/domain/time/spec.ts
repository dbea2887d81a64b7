/**
 * What a language parser understood from a time expression, before any year, zone or
 * calendar check is applied (see resolve.ts), and the public shape of a parse result.
 */
import type { CivilDate } from "./calendar.ts";
import type { TimeLocale, TimeWindow } from "./window.ts";

/**
 * A choice made while reading a time that the writer may not have meant, with what was chosen and the
 * other reading: the bot says how it read the time and how to write the other one (ambiguity.ts).
 */
export type TimeNote =
  /** a date without a year whose occurrence this year has just passed: read as next year's */
  | { kind: "next_year"; chosen: CivilDate; passed: CivilDate }
  /** 下周六 / "next Saturday": the day in next week, not the coming one */
  | { kind: "next_week"; chosen: CivilDate; coming: CivilDate }
  /** 周六 / "Saturday" written on a Saturday: today */
  | { kind: "weekday_today"; chosen: CivilDate; following: CivilDate }
  /** 周六 9:00 written on a Saturday after 9:00: next week's */
  | { kind: "weekday_passed"; chosen: CivilDate; today: CivilDate }
  /** "6/7": month first (6月7日), not day first (6 July) */
  | { kind: "month_first"; chosen: CivilDate; other: CivilDate };

/** A day as written: a calendar date, a day relative to today, or a weekday. */
export type DateRef =
  /** `yearOffset`: written relative to this year (今年 0, 明年 1, "next year" 1) */
  | { kind: "calendar"; month: number; day: number; year?: number; yearOffset?: number; numeric?: true }
  /** 0 = today, 1 = tomorrow … */
  | { kind: "relative"; days: number }
  /**
   * 0 = Sunday … 6 = Saturday; `nextWeek`: in the Monday-based week after this one; `thisWeek`: written
   * 本周 / 这周 / "this" (the coming one, today's included even when its time is over)
   */
  | { kind: "weekday"; weekday: number; nextWeek: boolean; thisWeek?: true };

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
  | { kind: "month_part"; month: number; year?: number; yearOffset?: number; part: MonthPart }
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
  /** `notes`: where the reading was a choice the writer may not have meant (see ambiguity.ts) */
  | { ok: true; window: TimeWindow; normalized?: string; notes?: TimeNote[] }
  | { ok: false; error: ParseErrorCode; detail?: string };

export type ParseFailure = Extract<ParseResult, { ok: false }>;

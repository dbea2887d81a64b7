/**
 * An event's time as a window: every event time is stored as a UTC start, a
 * UTC end (exclusive) and a precision, interpreted in an IANA time zone.
 *
 * - exact:         a clock time or range ("6月28日 9:00-11:30", "28 June 14:00"), or a
 *                  half-day as its fixed range ("6月28日上午" = 08:00–12:00)
 * - day:           one or more whole days ("6月28日", "6月28日-30日", "6月28日全天")
 * - part_of_month: a span of days named loosely ("6月下旬", "6月底", "late June")
 * - ongoing:       from a day until a far end ("6月16日开始持续到年底")
 */
export type Precision = "exact" | "day" | "part_of_month" | "ongoing";

export interface TimeWindow {
  /** UTC instant the window opens */
  start: Date;
  /** UTC instant the window closes (exclusive) */
  end: Date;
  precision: Precision;
  /** IANA zone the window was read in, e.g. "Asia/Shanghai" */
  timeZone: string;
  /**
   * Only a start time was given ("6月28日 14:00", "tomorrow 3pm"): `end` is an assumed
   * length (two hours) and should be shown as "from 14:00" rather than as a range.
   */
  openEnded?: boolean;
}

export type TimeLocale = "zh-CN" | "en";

/** True while the window has not yet closed. */
export function isUpcoming(window: TimeWindow, now: Date): boolean {
  return window.end.getTime() > now.getTime();
}

/** Orders windows by start, then by end (shorter first); usable with `Array.prototype.sort`. */
export function compareWindows(a: TimeWindow, b: TimeWindow): number {
  return a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime();
}

/** Length in hours of an exact window; null for day, part-of-month and ongoing windows. */
export function windowHours(window: TimeWindow): number | null {
  if (window.precision !== "exact") return null;
  return (window.end.getTime() - window.start.getTime()) / 3_600_000;
}

/** Says a window the way a person would, in the window's own zone. */
import { wallClockOf } from "./calendar.ts";
import { formatEn } from "./format-en.ts";
import { formatZh } from "./format-zh.ts";
import type { TimeLocale, TimeWindow } from "./window.ts";
import { describeWindow } from "./window-shape.ts";

/**
 * "6月28日 周日 9:00–11:30", "6月下旬", "6月16日起至年底" / "Sun 28 Jun, 9:00–11:30", "late June",
 * "from 16 Jun until year end". The year is named only when it differs from the year of `opts.now`
 * (always, when `now` is not given).
 */
export function formatTimeWindow(window: TimeWindow, locale: TimeLocale, opts: { now?: Date } = {}): string {
  const currentYear = opts.now ? wallClockOf(opts.now, window.timeZone).date.year : undefined;
  const showYear = (year: number): boolean => year !== currentYear;
  const shape = describeWindow(window);
  return locale === "en" ? formatEn(shape, showYear) : formatZh(shape, showYear);
}

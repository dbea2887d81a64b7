/** Chinese phrasing of a window shape: "6月28日 周日 9:00–11:30", "6月下旬", "6月16日起至年底". */
import { type CivilDate, clockText, compareCivil, weekdayOf } from "./calendar.ts";
import type { DayPart, MonthPart } from "./spec.ts";
import type { WindowShape } from "./window-shape.ts";

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const DAY_PARTS: Record<DayPart, string> = { morning: "上午", afternoon: "下午", evening: "晚上" };
const MONTH_PARTS: Record<MonthPart, string> = {
  early: "上旬",
  mid: "中旬",
  late: "下旬",
  early_mid: "上中旬",
  mid_late: "中下旬",
  whole: "",
};

export function formatZh(shape: WindowShape, showYear: (year: number) => boolean): string {
  const date = (d: CivilDate, withYear = showYear(d.year)): string =>
    `${withYear ? `${d.year}年` : ""}${d.month}月${d.day}日`;
  const day = (d: CivilDate): string => `${date(d)} ${WEEKDAYS[weekdayOf(d)]}`;
  /** the last day of a range names its year only when it differs from the first day's */
  const lastDate = (from: CivilDate, through: CivilDate): string =>
    date(through, through.year !== from.year && showYear(through.year));

  switch (shape.kind) {
    case "clock": {
      const start = `${day(shape.day)} ${clockText(shape.start)}`;
      if (shape.end === null) return `${start}起`;
      const endDay = compareCivil(shape.endDay, shape.day) === 0 ? "" : `${day(shape.endDay)} `;
      return `${start}–${endDay}${clockText(shape.end)}`;
    }
    case "day_part":
      return `${day(shape.day)} ${DAY_PARTS[shape.part]}`;
    case "days": {
      const { from, through } = shape;
      if (compareCivil(from, through) === 0) return day(from);
      const sameMonth = from.year === through.year && from.month === through.month;
      return `${date(from)}–${sameMonth ? `${through.day}日` : lastDate(from, through)}`;
    }
    case "month_part":
      return `${showYear(shape.year) ? `${shape.year}年` : ""}${shape.month}月${MONTH_PARTS[shape.part]}`;
    case "ongoing": {
      const { from, through } = shape;
      return `${date(from)}起至${through === "year_end" ? "年底" : lastDate(from, through)}`;
    }
  }
}

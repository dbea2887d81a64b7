/** English phrasing of a window shape: "Sun 28 Jun, 9:00–11:30", "late June", "from 16 Jun until year end". */
import { type CivilDate, clockText, compareCivil, weekdayOf } from "./calendar.ts";
import type { DayPart, MonthPart } from "./spec.ts";
import type { WindowShape } from "./window-shape.ts";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_PARTS: Record<DayPart, string> = { morning: "morning", afternoon: "afternoon", evening: "evening" };
const MONTH_PARTS: Record<MonthPart, string> = {
  early: "early ",
  mid: "mid ",
  late: "late ",
  early_mid: "early to mid ",
  mid_late: "mid to late ",
  whole: "",
};

export function formatEn(shape: WindowShape, showYear: (year: number) => boolean): string {
  const yearSuffix = (year: number, show = showYear(year)): string => (show ? ` ${year}` : "");
  const shortMonth = (month: number): string => MONTHS[month - 1]?.slice(0, 3) ?? "";
  const date = (d: CivilDate, withYear = showYear(d.year)): string =>
    `${d.day} ${shortMonth(d.month)}${yearSuffix(d.year, withYear)}`;
  const day = (d: CivilDate): string => `${WEEKDAYS[weekdayOf(d)]} ${date(d)}`;
  /** a range names its first day's year only when the two years differ; the year otherwise closes it */
  const range = (from: CivilDate, through: CivilDate, separator: string): string =>
    `${date(from, from.year !== through.year && showYear(from.year))}${separator}${date(through)}`;

  switch (shape.kind) {
    case "clock": {
      const start = `${day(shape.day)}, `;
      if (shape.end === null) return `${start}from ${clockText(shape.start)}`;
      if (compareCivil(shape.endDay, shape.day) === 0)
        return `${start}${clockText(shape.start)}–${clockText(shape.end)}`;
      return `${start}${clockText(shape.start)} – ${day(shape.endDay)}, ${clockText(shape.end)}`;
    }
    case "day_part":
      return `${day(shape.day)}, ${DAY_PARTS[shape.part]}`;
    case "days": {
      const { from, through } = shape;
      if (compareCivil(from, through) === 0) return day(from);
      const sameMonth = from.year === through.year && from.month === through.month;
      return sameMonth ? `${from.day}–${date(through)}` : range(from, through, " – ");
    }
    case "month_part":
      return `${MONTH_PARTS[shape.part]}${MONTHS[shape.month - 1]}${yearSuffix(shape.year)}`;
    case "ongoing": {
      const { from, through } = shape;
      if (through === "year_end") return `from ${date(from)} until year end`;
      return `from ${range(from, through, " until ")}`;
    }
  }
}

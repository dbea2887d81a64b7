/**
 * Says a reading choice back to the writer: how a time was read and how to write the other reading.
 * The domain names the message (`time-note-<kind>` in locales/<lang>/time.ftl) and its arguments;
 * the bot layer translates it.
 */
import { addDays, type CivilDate, wallClockOf, weekdayOf, zonedInstant } from "./calendar.ts";
import { formatTimeWindow } from "./format.ts";
import type { TimeNote } from "./spec.ts";
import type { TimeLocale } from "./window.ts";

export interface NoteText {
  key: string;
  args: Record<string, string>;
}

const ZH_WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const EN_WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const EN_MONTHS = [
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

/** A date written out the way the other reading would be typed: "7月6日" / "6 July" (with the year when asked). */
function written(date: CivilDate, locale: TimeLocale, withYear: boolean): string {
  if (locale === "en") return `${date.day} ${EN_MONTHS[date.month - 1]}${withYear ? ` ${date.year}` : ""}`;
  return `${withYear ? `${date.year}年` : ""}${date.month}月${date.day}日`;
}

export function describeNote(note: TimeNote, locale: TimeLocale, timeZone: string, now: Date): NoteText {
  const currentYear = wallClockOf(now, timeZone).date.year;
  /** "11月28日（周六）" / "Sat 28 Nov", with the year when it is not this one */
  const day = (date: CivilDate): string => {
    if (locale === "en") {
      const start = zonedInstant(date, 0, timeZone);
      const end = zonedInstant(addDays(date, 1), 0, timeZone);
      return formatTimeWindow({ start, end, precision: "day", timeZone }, locale, { now });
    }
    return `${written(date, locale, date.year !== currentYear)}（${ZH_WEEKDAYS[weekdayOf(date)]}）`;
  };
  /** "12月5日" / "5 Dec" */
  const plain = (date: CivilDate): string =>
    locale === "en"
      ? `${date.day} ${EN_MONTHS[date.month - 1]?.slice(0, 3)}`
      : written(date, locale, date.year !== currentYear);
  const weekday = (date: CivilDate): string => (locale === "en" ? EN_WEEKDAYS : ZH_WEEKDAYS)[weekdayOf(date)] ?? "";
  const key = `time-note-${note.kind}`;
  switch (note.kind) {
    case "next_year":
      return {
        key,
        args: { chosen: day(note.chosen), passed: day(note.passed), example: written(note.chosen, locale, true) },
      };
    case "next_week":
      return { key, args: { chosen: day(note.chosen), coming: plain(note.coming), weekday: weekday(note.chosen) } };
    case "weekday_today":
      return { key, args: { chosen: plain(note.chosen), weekday: weekday(note.chosen) } };
    case "weekday_passed":
      return { key, args: { chosen: day(note.chosen), weekday: weekday(note.chosen) } };
    case "month_first":
      return {
        key,
        args: {
          chosen: day(note.chosen),
          written: `${note.chosen.month}/${note.chosen.day}`,
          example: written(note.other, locale, false),
        },
      };
  }
}

import { describe, expect, it } from "vitest";
import { describeNote } from "../../../src/domain/time/ambiguity.ts";
import { parseTimeWindow } from "../../../src/domain/time/parse.ts";
import type { TimeNote } from "../../../src/domain/time/spec.ts";
import { Translator } from "../../../src/i18n/translator.ts";

/**
 * Dates as people say them, typed on different days of the year (Asia/Shanghai). A date without a year is
 * its next occurrence; a lone weekday the coming one; 下周 / "next" the week after this one. Each row:
 * the expression and its window (local start and end, end exclusive) on each of the days below.
 */
const days = {
  jan5: "2026-01-05T10:00+08:00", // Monday
  jun1: "2026-06-01T10:00+08:00", // Monday
  jun28: "2026-06-28T15:00+08:00", // Sunday, the campaign day itself, afternoon
  dec1: "2026-12-01T10:00+08:00", // Tuesday (the day: the README's example failed)
  dec5: "2026-12-05T15:00+08:00", // Saturday afternoon
} as const;
type Day = keyof typeof days;
type Window = `${string} ${string}`; // "start end" in local time
type Row = [text: string, windows: Record<Day, Window>];

const same = (w: Window): Record<Day, Window> => ({ jan5: w, jun1: w, jun28: w, dec1: w, dec5: w });
/** this year's until the day is over, then next year's */
const untilJune28 = (thisYear: Window, nextYear: Window): Record<Day, Window> => ({
  jan5: thisYear,
  jun1: thisYear,
  jun28: thisYear,
  dec1: nextYear,
  dec5: nextYear,
});

const rows: Row[] = [
  // the README's example, in both languages
  ["6月28日 9:00-11:30", untilJune28("2026-06-28T09:00 2026-06-28T11:30", "2027-06-28T09:00 2027-06-28T11:30")],
  ["28 June 9:00-11:30", untilJune28("2026-06-28T09:00 2026-06-28T11:30", "2027-06-28T09:00 2027-06-28T11:30")],
  ["6月28日", untilJune28("2026-06-28T00:00 2026-06-29T00:00", "2027-06-28T00:00 2027-06-29T00:00")],
  ["June 28", untilJune28("2026-06-28T00:00 2026-06-29T00:00", "2027-06-28T00:00 2027-06-29T00:00")],
  ["6月28日上午", untilJune28("2026-06-28T08:00 2026-06-28T12:00", "2027-06-28T08:00 2027-06-28T12:00")],
  [
    "7月1日",
    {
      jan5: "2026-07-01T00:00 2026-07-02T00:00",
      jun1: "2026-07-01T00:00 2026-07-02T00:00",
      jun28: "2026-07-01T00:00 2026-07-02T00:00",
      dec1: "2027-07-01T00:00 2027-07-02T00:00",
      dec5: "2027-07-01T00:00 2027-07-02T00:00",
    },
  ],
  // years said in words
  ["明年6月28日", same("2027-06-28T00:00 2027-06-29T00:00")],
  ["今年12月20日", same("2026-12-20T00:00 2026-12-21T00:00")],
  ["June 28 next year", same("2027-06-28T00:00 2027-06-29T00:00")],
  // weekdays
  [
    "下周六上午",
    {
      jan5: "2026-01-17T08:00 2026-01-17T12:00",
      jun1: "2026-06-13T08:00 2026-06-13T12:00",
      jun28: "2026-07-04T08:00 2026-07-04T12:00",
      dec1: "2026-12-12T08:00 2026-12-12T12:00",
      dec5: "2026-12-12T08:00 2026-12-12T12:00",
    },
  ],
  [
    "本周日下午2点",
    {
      jan5: "2026-01-11T14:00 2026-01-11T16:00",
      jun1: "2026-06-07T14:00 2026-06-07T16:00",
      jun28: "2026-06-28T14:00 2026-06-28T16:00",
      dec1: "2026-12-06T14:00 2026-12-06T16:00",
      dec5: "2026-12-06T14:00 2026-12-06T16:00",
    },
  ],
  [
    "周六 9:00-11:00",
    {
      jan5: "2026-01-10T09:00 2026-01-10T11:00",
      jun1: "2026-06-06T09:00 2026-06-06T11:00",
      jun28: "2026-07-04T09:00 2026-07-04T11:00",
      dec1: "2026-12-05T09:00 2026-12-05T11:00",
      dec5: "2026-12-12T09:00 2026-12-12T11:00", // today's is over: next week's
    },
  ],
  [
    "next Saturday 9-11am",
    {
      jan5: "2026-01-17T09:00 2026-01-17T11:00",
      jun1: "2026-06-13T09:00 2026-06-13T11:00",
      jun28: "2026-07-04T09:00 2026-07-04T11:00",
      dec1: "2026-12-12T09:00 2026-12-12T11:00",
      dec5: "2026-12-12T09:00 2026-12-12T11:00",
    },
  ],
  [
    "tomorrow 3pm",
    {
      jan5: "2026-01-06T15:00 2026-01-06T17:00",
      jun1: "2026-06-02T15:00 2026-06-02T17:00",
      jun28: "2026-06-29T15:00 2026-06-29T17:00",
      dec1: "2026-12-02T15:00 2026-12-02T17:00",
      dec5: "2026-12-06T15:00 2026-12-06T17:00",
    },
  ],
  [
    "明天下午3点",
    {
      jan5: "2026-01-06T15:00 2026-01-06T17:00",
      jun1: "2026-06-02T15:00 2026-06-02T17:00",
      jun28: "2026-06-29T15:00 2026-06-29T17:00",
      dec1: "2026-12-02T15:00 2026-12-02T17:00",
      dec5: "2026-12-06T15:00 2026-12-06T17:00",
    },
  ],
  // numbers
  ["12/20", same("2026-12-20T00:00 2026-12-21T00:00")],
  ["2027-06-28 09:00", same("2027-06-28T09:00 2027-06-28T11:00")],
  ["2月29日", same("2028-02-29T00:00 2028-03-01T00:00")], // the next 29 February
  // what programme tables write
  ["6月下旬", untilJune28("2026-06-21T00:00 2026-07-01T00:00", "2027-06-21T00:00 2027-07-01T00:00")],
  ["6月底", untilJune28("2026-06-21T00:00 2026-07-01T00:00", "2027-06-21T00:00 2027-07-01T00:00")],
  ["late June", untilJune28("2026-06-21T00:00 2026-07-01T00:00", "2027-06-21T00:00 2027-07-01T00:00")],
  ["6月16日开始持续到年底", same("2026-06-16T00:00 2027-01-01T00:00")],
  ["from June 16 until year end", same("2026-06-16T00:00 2027-01-01T00:00")],
  [
    "12月28日至1月3日",
    {
      jan5: "2026-12-28T00:00 2027-01-04T00:00",
      jun1: "2026-12-28T00:00 2027-01-04T00:00",
      jun28: "2026-12-28T00:00 2027-01-04T00:00",
      dec1: "2026-12-28T00:00 2027-01-04T00:00",
      dec5: "2026-12-28T00:00 2027-01-04T00:00",
    },
  ],
];

const zone = "Asia/Shanghai";
const iso = (local: string) => new Date(`${local}+08:00`).toISOString();

describe.each(Object.entries(days))("typed on %s", (day, now) => {
  it.each(rows)("%s", (text, windows) => {
    const result = parseTimeWindow(text, { timeZone: zone, now: new Date(now) });
    if (!result.ok) throw new Error(`"${text}" failed: ${result.error} ${result.detail ?? ""}`);
    const [start = "", end = ""] = windows[day as Day].split(" ");
    expect([result.window.start.toISOString(), result.window.end.toISOString()]).toEqual([iso(start), iso(end)]);
  });
});

describe("what is said back when a reading was a choice", () => {
  const notesOf = (text: string, now: string): TimeNote[] => {
    const result = parseTimeWindow(text, { timeZone: zone, now: new Date(now) });
    if (!result.ok) throw new Error(`"${text}" failed`);
    return result.notes ?? [];
  };
  const kinds = (text: string, now: string) => notesOf(text, now).map((n) => n.kind);

  it("a date that just passed is next year's, and says so", () => {
    expect(notesOf("11月28日", days.dec1)).toEqual([
      { kind: "next_year", chosen: { year: 2027, month: 11, day: 28 }, passed: { year: 2026, month: 11, day: 28 } },
    ]);
    expect(kinds("6月28日", days.dec1)).toEqual([]); // months ago: next June is plainly meant
    expect(kinds("2026年11月28日", days.dec1)).toEqual([]);
  });

  it("下周六 / next Saturday is next week's, not the coming one", () => {
    expect(notesOf("下周六上午", days.dec1)).toEqual([
      { kind: "next_week", chosen: { year: 2026, month: 12, day: 12 }, coming: { year: 2026, month: 12, day: 5 } },
    ]);
    expect(kinds("next Saturday 9-11am", days.dec1)).toEqual(["next_week"]);
    expect(kinds("下周一", "2026-12-06T10:00+08:00")).toEqual([]); // on a Sunday they are the same day
  });

  it("a weekday that is today: today, or next week once today's time is over", () => {
    expect(kinds("周六 18:00", days.dec5)).toEqual(["weekday_today"]);
    expect(kinds("周六 9:00-11:00", days.dec5)).toEqual(["weekday_passed"]);
    expect(kinds("本周六 18:00", days.dec5)).toEqual([]);
  });

  it("6/7 is month first; 12/20 cannot be read otherwise", () => {
    expect(notesOf("6/7", days.jan5)).toEqual([
      { kind: "month_first", chosen: { year: 2026, month: 6, day: 7 }, other: { year: 2026, month: 7, day: 6 } },
    ]);
    expect(kinds("12/20", days.jan5)).toEqual([]);
  });

  it("each note reads naturally in both languages and says how to write the other reading", () => {
    const translator = new Translator("zh-CN");
    const t = (text: string, now: string, locale: "zh-CN" | "en") =>
      notesOf(text, now).map((n) => {
        const { key, args } = describeNote(n, locale, zone, new Date(now));
        return translator.t(locale, key, args);
      });
    expect(t("11月28日", days.dec1, "zh-CN")).toEqual([
      "今年的11月28日（周六）已经过去，我理解为2027年11月28日（周日）。如果是别的年份，请写上年份，如「2027年11月28日」。",
    ]);
    expect(t("28 Nov", days.dec1, "en")).toEqual([
      "Sat 28 Nov has passed this year, so I read it as Sun 28 Nov 2027. For another year, write the year, e.g. “28 November 2027”.",
    ]);
    expect(t("下周六上午", days.dec1, "zh-CN")[0]).toContain("本周六");
    expect(t("next Saturday 9-11am", days.dec1, "en")[0]).toContain("“this Saturday”");
    expect(t("6/7", days.jan5, "en")[0]).toContain("“6 July”");
    expect(t("6/7", days.jan5, "zh-CN")[0]).toContain("「7月6日」");
  });
});

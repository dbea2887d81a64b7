import { describe, expect, it } from "vitest";
import {
  decodePattern,
  describePattern,
  encodePattern,
  MAX_OCCURRENCES,
  parseRecurrence,
  shiftWindow,
} from "../../src/domain/recurrence.ts";
import { localStamp } from "../../src/domain/time/calendar.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");
const ctx = { timeZone: "Asia/Shanghai", now };

/** Each occurrence as "start–end" on the local wall clock. */
function occurrences(text: string, c = ctx): string[] {
  const result = parseRecurrence(text, c);
  if (!result?.ok) throw new Error(`${text}: ${JSON.stringify(result)}`);
  return result.series.occurrences.map(
    (w) => `${localStamp(w.start, w.timeZone)}–${localStamp(w.end, w.timeZone).slice(11)}`,
  );
}

const saturdaysInJune = [
  "2026-06-06 09:00–11:00",
  "2026-06-13 09:00–11:00",
  "2026-06-20 09:00–11:00",
  "2026-06-27 09:00–11:00",
];

/** Each expression as typed (on Monday 1 June 2026, 10:00) and the occurrences it plans. */
const rows: [text: string, expected: string[]][] = [
  ["每周六 9:00-11:00 至6月30日", saturdaysInJune],
  ["每周六9:00-11:00至6月30日", saturdaysInJune],
  ["每星期六 上午9点到11点 到6月30日为止", saturdaysInJune],
  ["每周六 9:00至11:00 至6月27日", saturdaysInJune],
  ["every Saturday 9-11am until 30 June", saturdaysInJune],
  ["every Saturday 9:00-11:00 until June 30", saturdaysInJune],
  ["每周六 9:00-11:00 共4次", saturdaysInJune],
  ["每周六 9:00-11:00，共四次", saturdaysInJune],
  ["每周六 9:00-11:00 4次", saturdaysInJune],
  ["every Saturday 9-11am 4 times", saturdaysInJune],
  ["every Saturday 9-11am for 4 weeks", saturdaysInJune],
  ["每月第一个周日 14:00-16:00 共3次", ["2026-06-07 14:00–16:00", "2026-07-05 14:00–16:00", "2026-08-02 14:00–16:00"]],
  [
    "first Sunday of every month 2-4pm 3 times",
    ["2026-06-07 14:00–16:00", "2026-07-05 14:00–16:00", "2026-08-02 14:00–16:00"],
  ],
  [
    "every first Sunday 2pm-4pm for 3 months",
    ["2026-06-07 14:00–16:00", "2026-07-05 14:00–16:00", "2026-08-02 14:00–16:00"],
  ],
  ["每月最后一个周六上午 共2次", ["2026-06-27 08:00–12:00", "2026-07-25 08:00–12:00"]],
  ["last Saturday of every month morning 2 times", ["2026-06-27 08:00–12:00", "2026-07-25 08:00–12:00"]],
  ["每月15日 共2次", ["2026-06-15 00:00–00:00", "2026-07-15 00:00–00:00"]],
  ["15th of every month 2 times", ["2026-06-15 00:00–00:00", "2026-07-15 00:00–00:00"]],
  // today's 18:00 is still to come; today's 7:00 is over
  ["每天 18:00-19:00 共3次", ["2026-06-01 18:00–19:00", "2026-06-02 18:00–19:00", "2026-06-03 18:00–19:00"]],
  ["every day 7am 3 times", ["2026-06-02 07:00–09:00", "2026-06-03 07:00–09:00", "2026-06-04 07:00–09:00"]],
  // today's 9:00-11:00 has begun but not ended: it is the first
  ["每周一 9:00-11:00 共2次", ["2026-06-01 09:00–11:00", "2026-06-08 09:00–11:00"]],
];

describe("recurring times as people write them", () => {
  it.each(rows)("%s", (text, expected) => {
    expect(occurrences(text)).toEqual(expected);
  });

  it("without an end a series runs to the end of the year, and says so", () => {
    const result = parseRecurrence("每周六 9:00-11:00", ctx);
    expect(result?.ok && result.series.end).toBe("year_end");
    const all = occurrences("每周六 9:00-11:00");
    expect(all).toHaveLength(30);
    expect(all.at(-1)).toBe("2026-12-26 09:00–11:00");
    expect(occurrences("every Saturday 9-11am")).toEqual(all);
    // written out, it is a plain end date
    expect(occurrences("每周六 9:00-11:00 至年底")).toEqual(all);
    expect(occurrences("every Saturday 9-11am until year end")).toEqual(all);
    const until = parseRecurrence("每周六 9:00-11:00 至12月31日", ctx);
    expect(until?.ok && until.series.end).toBe("until");
    expect(until?.ok && until.series.occurrences).toHaveLength(30);
  });

  it("a series is at most 100 long: more is refused with how many it would be", () => {
    // 2 June to 31 December (today's 9:00-10:00 has just ended)
    expect(parseRecurrence("每天 9:00-10:00", ctx)).toEqual({ ok: false, error: "series_too_many", count: 213 });
    expect(parseRecurrence("每周六 共200次", ctx)).toEqual({ ok: false, error: "series_too_many", count: 200 });
    expect(parseRecurrence("every day 9am until 31 December", ctx)).toMatchObject({ error: "series_too_many" });
    expect(occurrences(`每天 9:00-10:00 共${MAX_OCCURRENCES}次`)).toHaveLength(MAX_OCCURRENCES);
  });

  it("an end before the first occurrence, a bad time, or another date in the time is refused", () => {
    expect(parseRecurrence("每周六 9:00-11:00 至2026年6月5日", ctx)).toEqual({ ok: false, error: "series_empty" });
    expect(parseRecurrence("每周六 25:00", ctx)).toMatchObject({ ok: false, error: "invalid_time" });
    expect(parseRecurrence("每周六 11:00-9:00", ctx)).toMatchObject({ ok: false, error: "end_before_start" });
    expect(parseRecurrence("每周六 6月28日", ctx)).toMatchObject({ ok: false, error: "not_understood" });
    expect(parseRecurrence("每周六 下旬", ctx)).toMatchObject({ ok: false });
  });

  it("a one-off time is not a recurrence", () => {
    for (const text of ["6月28日 9:00-11:30", "下周六 9:00-11:00", "next Saturday 9-11am", "June 28", "周六"]) {
      expect(parseRecurrence(text, ctx)).toBeNull();
    }
  });

  it("keeps the wall-clock time across a daylight-saving change", () => {
    const london = { timeZone: "Europe/London", now: new Date("2026-10-01T12:00:00Z") };
    expect(occurrences("every Sunday 10-11am until 1 November", london)).toEqual([
      "2026-10-04 10:00–11:00",
      "2026-10-11 10:00–11:00",
      "2026-10-18 10:00–11:00",
      "2026-10-25 10:00–11:00",
      "2026-11-01 10:00–11:00",
    ]);
  });

  it("says the pattern in both languages, and stores it", () => {
    const cases: [string, string, string][] = [
      ["每周六 共2次", "每周六", "every Saturday"],
      ["每天 共2次", "每天", "every day"],
      ["每月第一个周日 共2次", "每月第一个周日", "first Sunday of every month"],
      ["每月最后一个周六 共2次", "每月最后一个周六", "last Saturday of every month"],
      ["每月15号 共2次", "每月15日", "the 15th of every month"],
    ];
    for (const [text, zh, en] of cases) {
      const result = parseRecurrence(text, ctx);
      if (!result?.ok) throw new Error(text);
      const { pattern } = result.series;
      expect(describePattern(pattern, "zh-CN")).toBe(zh);
      expect(describePattern(pattern, "en")).toBe(en);
      expect(decodePattern(encodePattern(pattern))).toEqual(pattern);
    }
    expect(decodePattern("weekly:9")).toBeNull();
    expect(decodePattern("nonsense")).toBeNull();
  });
});

describe("a change to this and all later occurrences", () => {
  const at = (iso: string) => new Date(iso);
  const window = (start: string, end: string, tz = "Asia/Shanghai") => ({
    start: at(start),
    end: at(end),
    precision: "exact" as const,
    timeZone: tz,
  });

  it("moves each occurrence by the same days to the new wall-clock times", () => {
    // Saturday 6 June 14:00-16:00 becomes Sunday 7 June 10:00-12:30: Saturday 13 June becomes Sunday 14 June
    const from = window("2026-06-06T14:00+08:00", "2026-06-06T16:00+08:00");
    const to = window("2026-06-07T10:00+08:00", "2026-06-07T12:30+08:00");
    const later = window("2026-06-13T14:00+08:00", "2026-06-13T16:00+08:00");
    const moved = shiftWindow(later, from, to);
    expect([localStamp(moved.start, "Asia/Shanghai"), localStamp(moved.end, "Asia/Shanghai")]).toEqual([
      "2026-06-14 10:00",
      "2026-06-14 12:30",
    ]);
  });

  it("keeps the wall clock across a daylight-saving change, and whole days stay whole days", () => {
    const tz = "Europe/London";
    const from = window("2026-10-18T09:00Z", "2026-10-18T10:00Z", tz); // 10:00 BST
    const to = window("2026-10-18T10:00Z", "2026-10-18T11:00Z", tz); // 11:00 BST
    const later = window("2026-11-01T10:00Z", "2026-11-01T11:00Z", tz); // 10:00 GMT
    const moved = shiftWindow(later, from, to);
    expect(localStamp(moved.start, tz)).toBe("2026-11-01 11:00");
    const day = {
      start: at("2026-06-06T00:00+08:00"),
      end: at("2026-06-07T00:00+08:00"),
      precision: "day" as const,
      timeZone: "Asia/Shanghai",
    };
    const saturday = window("2026-06-06T14:00+08:00", "2026-06-06T16:00+08:00");
    const whole = shiftWindow(window("2026-06-13T14:00+08:00", "2026-06-13T16:00+08:00"), saturday, day);
    expect([localStamp(whole.start, "Asia/Shanghai"), localStamp(whole.end, "Asia/Shanghai"), whole.precision]).toEqual(
      ["2026-06-13 00:00", "2026-06-14 00:00", "day"],
    );
  });
});

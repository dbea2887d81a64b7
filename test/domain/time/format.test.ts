import { describe, expect, it } from "vitest";
import { formatTimeWindow } from "../../../src/domain/time/format.ts";
import type { TimeWindow } from "../../../src/domain/time/window.ts";

const TZ = "Asia/Shanghai";
const now = new Date("2026-05-20T12:00+08:00");

function window(start: string, end: string, precision: TimeWindow["precision"], extra: Partial<TimeWindow> = {}) {
  return { start: new Date(`${start}+08:00`), end: new Date(`${end}+08:00`), precision, timeZone: TZ, ...extra };
}

type Row = [shape: string, window: TimeWindow, zh: string, en: string];

const rows: Row[] = [
  [
    "clock range",
    window("2026-06-28T09:00", "2026-06-28T11:30", "exact"),
    "6月28日 周日 9:00–11:30",
    "Sun 28 Jun, 9:00–11:30",
  ],
  [
    "start only",
    window("2026-06-28T15:00", "2026-06-28T17:00", "exact", { openEnded: true }),
    "6月28日 周日 15:00起",
    "Sun 28 Jun, from 15:00",
  ],
  [
    "until midnight",
    window("2026-06-28T20:00", "2026-06-29T00:00", "exact"),
    "6月28日 周日 20:00–24:00",
    "Sun 28 Jun, 20:00–24:00",
  ],
  [
    "past midnight",
    window("2026-06-28T22:00", "2026-06-29T02:00", "exact"),
    "6月28日 周日 22:00–6月29日 周一 2:00",
    "Sun 28 Jun, 22:00 – Mon 29 Jun, 2:00",
  ],
  ["morning", window("2026-06-28T08:00", "2026-06-28T12:00", "exact"), "6月28日 周日 上午", "Sun 28 Jun, morning"],
  ["afternoon", window("2026-06-28T13:00", "2026-06-28T18:00", "exact"), "6月28日 周日 下午", "Sun 28 Jun, afternoon"],
  ["evening", window("2026-06-28T18:00", "2026-06-28T21:00", "exact"), "6月28日 周日 晚上", "Sun 28 Jun, evening"],
  ["one day", window("2026-06-28T00:00", "2026-06-29T00:00", "day"), "6月28日 周日", "Sun 28 Jun"],
  ["days in a month", window("2026-06-28T00:00", "2026-07-01T00:00", "day"), "6月28日–30日", "28–30 Jun"],
  ["days across months", window("2026-06-28T00:00", "2026-07-03T00:00", "day"), "6月28日–7月2日", "28 Jun – 2 Jul"],
  [
    "days across the new year",
    window("2026-12-28T00:00", "2027-01-04T00:00", "day"),
    "12月28日–2027年1月3日",
    "28 Dec – 3 Jan 2027",
  ],
  ["early month", window("2026-06-01T00:00", "2026-06-11T00:00", "part_of_month"), "6月上旬", "early June"],
  ["mid month", window("2026-06-11T00:00", "2026-06-21T00:00", "part_of_month"), "6月中旬", "mid June"],
  ["late month", window("2026-06-21T00:00", "2026-07-01T00:00", "part_of_month"), "6月下旬", "late June"],
  ["late February", window("2026-02-21T00:00", "2026-03-01T00:00", "part_of_month"), "2月下旬", "late February"],
  ["mid to late", window("2026-06-11T00:00", "2026-07-01T00:00", "part_of_month"), "6月中下旬", "mid to late June"],
  ["early to mid", window("2026-06-01T00:00", "2026-06-21T00:00", "part_of_month"), "6月上中旬", "early to mid June"],
  ["whole month", window("2026-06-01T00:00", "2026-07-01T00:00", "part_of_month"), "6月", "June"],
  [
    "unnamed span of a month",
    window("2026-06-05T00:00", "2026-06-16T00:00", "part_of_month"),
    "6月5日–15日",
    "5–15 Jun",
  ],
  [
    "until year end",
    window("2026-06-16T00:00", "2027-01-01T00:00", "ongoing"),
    "6月16日起至年底",
    "from 16 Jun until year end",
  ],
  [
    "until a day",
    window("2026-06-16T00:00", "2026-08-01T00:00", "ongoing"),
    "6月16日起至7月31日",
    "from 16 Jun until 31 Jul",
  ],
  [
    "another year's day",
    window("2027-06-28T00:00", "2027-06-29T00:00", "day"),
    "2027年6月28日 周一",
    "Mon 28 Jun 2027",
  ],
  [
    "another year's clock range",
    window("2027-06-28T09:00", "2027-06-28T11:30", "exact"),
    "2027年6月28日 周一 9:00–11:30",
    "Mon 28 Jun 2027, 9:00–11:30",
  ],
  [
    "another year's days",
    window("2027-06-28T00:00", "2027-07-01T00:00", "day"),
    "2027年6月28日–30日",
    "28–30 Jun 2027",
  ],
  [
    "another year's days across months",
    window("2027-06-28T00:00", "2027-07-03T00:00", "day"),
    "2027年6月28日–7月2日",
    "28 Jun – 2 Jul 2027",
  ],
  [
    "another year's month part",
    window("2027-06-21T00:00", "2027-07-01T00:00", "part_of_month"),
    "2027年6月下旬",
    "late June 2027",
  ],
  [
    "another year's ongoing",
    window("2027-06-16T00:00", "2028-01-01T00:00", "ongoing"),
    "2027年6月16日起至年底",
    "from 16 Jun 2027 until year end",
  ],
];

describe("formatTimeWindow", () => {
  it.each(rows)("%s", (_shape, w, zh, en) => {
    expect(formatTimeWindow(w, "zh-CN", { now })).toBe(zh);
    expect(formatTimeWindow(w, "en", { now })).toBe(en);
  });

  it("names the year when no `now` is given", () => {
    const w = window("2026-06-28T00:00", "2026-06-29T00:00", "day");
    expect(formatTimeWindow(w, "zh-CN")).toBe("2026年6月28日 周日");
    expect(formatTimeWindow(w, "en")).toBe("Sun 28 Jun 2026");
  });

  it("speaks in the window's own zone", () => {
    const berlin = { ...window("2026-06-28T09:00", "2026-06-28T11:30", "exact"), timeZone: "Europe/Berlin" };
    expect(formatTimeWindow(berlin, "zh-CN", { now })).toBe("6月28日 周日 3:00–5:30");
    expect(formatTimeWindow(berlin, "en", { now })).toBe("Sun 28 Jun, 3:00–5:30");
  });

  it("takes `now`'s year in the window's zone", () => {
    const w = window("2027-06-28T00:00", "2027-06-29T00:00", "day");
    const newYearsEveUtc = new Date("2026-12-31T17:00:00Z"); // already 2027 in Shanghai
    expect(formatTimeWindow(w, "en", { now: newYearsEveUtc })).toBe("Mon 28 Jun");
  });
});

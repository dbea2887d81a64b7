import { describe, expect, it } from "vitest";
import { atLocalTime, localDate, startOfLocalDay } from "../../../src/domain/time/calendar.ts";
import { compareWindows, isUpcoming, type TimeWindow, windowHours } from "../../../src/domain/time/window.ts";

const TZ = "Asia/Shanghai";

function window(start: string, end: string, precision: TimeWindow["precision"] = "exact"): TimeWindow {
  return { start: new Date(start), end: new Date(end), precision, timeZone: TZ };
}

describe("window helpers", () => {
  it("isUpcoming until the (exclusive) end has passed", () => {
    const w = window("2026-06-28T09:00+08:00", "2026-06-28T11:30+08:00");
    expect(isUpcoming(w, new Date("2026-06-28T08:00+08:00"))).toBe(true);
    expect(isUpcoming(w, new Date("2026-06-28T10:00+08:00"))).toBe(true);
    expect(isUpcoming(w, new Date("2026-06-28T11:30+08:00"))).toBe(false);
  });

  it("compareWindows orders by start, then by end", () => {
    const wholeDay = window("2026-06-28T00:00+08:00", "2026-06-29T00:00+08:00", "day");
    const morning = window("2026-06-28T08:00+08:00", "2026-06-28T12:00+08:00");
    const lateJune = window("2026-06-21T00:00+08:00", "2026-07-01T00:00+08:00", "part_of_month");
    const shortMorning = window("2026-06-28T08:00+08:00", "2026-06-28T09:00+08:00");
    expect([morning, wholeDay, shortMorning, lateJune].sort(compareWindows)).toEqual([
      lateJune,
      wholeDay,
      shortMorning,
      morning,
    ]);
    expect(compareWindows(morning, { ...morning })).toBe(0);
  });

  it("windowHours is the length of exact windows only", () => {
    expect(windowHours(window("2026-06-28T09:00+08:00", "2026-06-28T11:30+08:00"))).toBe(2.5);
    expect(windowHours(window("2026-06-28T00:00+08:00", "2026-06-29T00:00+08:00", "day"))).toBeNull();
    expect(windowHours(window("2026-06-21T00:00+08:00", "2026-07-01T00:00+08:00", "part_of_month"))).toBeNull();
    expect(windowHours(window("2026-06-16T00:00+08:00", "2027-01-01T00:00+08:00", "ongoing"))).toBeNull();
  });
});

describe("local-day helpers", () => {
  it("localDate is the calendar date in the zone", () => {
    expect(localDate(new Date("2026-06-27T16:30:00Z"), TZ)).toBe("2026-06-28");
    expect(localDate(new Date("2026-06-27T15:59:00Z"), TZ)).toBe("2026-06-27");
  });

  it("startOfLocalDay is local midnight", () => {
    expect(startOfLocalDay(new Date("2026-06-28T05:00:00Z"), TZ).toISOString()).toBe("2026-06-27T16:00:00.000Z");
  });

  it("atLocalTime reads a wall time on a local date", () => {
    expect(atLocalTime("2026-06-28", "9:00", TZ).toISOString()).toBe("2026-06-28T01:00:00.000Z");
    expect(atLocalTime("2026-06-28", "23:59", TZ).toISOString()).toBe("2026-06-28T15:59:00.000Z");
  });

  it("atLocalTime rejects what is not a date and time", () => {
    expect(() => atLocalTime("2026-02-30", "9:00", TZ)).toThrow(RangeError);
    expect(() => atLocalTime("2026-06-28", "24:00", TZ)).toThrow(RangeError);
    expect(() => atLocalTime("28.6.2026", "9:00", TZ)).toThrow(RangeError);
  });
});

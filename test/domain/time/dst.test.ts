import { describe, expect, it } from "vitest";
import { atLocalTime, localDate, startOfLocalDay } from "../../../src/domain/time/calendar.ts";
import { formatTimeWindow } from "../../../src/domain/time/format.ts";
import { parseTimeWindow } from "../../../src/domain/time/parse.ts";
import { type TimeWindow, windowHours } from "../../../src/domain/time/window.ts";

// Europe/Berlin in 2026: summer time starts Sun 29 March 02:00 → 03:00, ends Sun 25 October 03:00 → 02:00.
const BERLIN = "Europe/Berlin";
const ctx = { timeZone: BERLIN, now: new Date("2026-02-01T12:00:00Z") };

function parsed(text: string): TimeWindow {
  const result = parseTimeWindow(text, ctx);
  if (!result.ok) throw new Error(`"${text}" failed: ${result.error}`);
  return result.window;
}

const span = (w: TimeWindow): [string, string] => [w.start.toISOString(), w.end.toISOString()];
const hours = (w: TimeWindow): number => (w.end.getTime() - w.start.getTime()) / 3_600_000;

describe("Europe/Berlin across daylight-saving changes", () => {
  it("the spring-forward day is 23 hours long", () => {
    const day = parsed("3月29日");
    expect(span(day)).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(hours(day)).toBe(23);
    expect(span(parsed("March 29"))).toEqual(span(day));
  });

  it("the fall-back day is 25 hours long", () => {
    const day = parsed("10月25日");
    expect(span(day)).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(hours(day)).toBe(25);
  });

  it("clock times take the offset of their own day", () => {
    expect(span(parsed("3月28日 9:00-11:00"))).toEqual(["2026-03-28T08:00:00.000Z", "2026-03-28T10:00:00.000Z"]);
    expect(span(parsed("3月29日 9:00-11:00"))).toEqual(["2026-03-29T07:00:00.000Z", "2026-03-29T09:00:00.000Z"]);
    expect(span(parsed("October 25 9:00-11:00"))).toEqual(["2026-10-25T08:00:00.000Z", "2026-10-25T10:00:00.000Z"]);
  });

  it("a range across the change lasts the real elapsed time", () => {
    const night = parsed("3月29日 1:00-4:00");
    expect(span(night)).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
    expect(windowHours(night)).toBe(2);
    expect(windowHours(parsed("10月25日 1:00-4:00"))).toBe(4);
  });

  it("a wall time skipped by the change moves forward by the gap", () => {
    expect(parsed("3月29日 2:30").start.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("half days, month parts and ongoing windows use local midnights", () => {
    expect(span(parsed("10月25日上午"))).toEqual(["2026-10-25T07:00:00.000Z", "2026-10-25T11:00:00.000Z"]);
    expect(span(parsed("3月下旬"))).toEqual(["2026-03-20T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    expect(span(parsed("from October 16"))).toEqual(["2026-10-15T22:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
  });

  it("formats in local time on both sides of the change", () => {
    const now = ctx.now;
    expect(formatTimeWindow(parsed("3月29日 9:00-11:00"), "zh-CN", { now })).toBe("3月29日 周日 9:00–11:00");
    expect(formatTimeWindow(parsed("3月29日"), "en", { now })).toBe("Sun 29 Mar");
    expect(formatTimeWindow(parsed("10月25日"), "zh-CN", { now })).toBe("10月25日 周日");
    expect(formatTimeWindow(parsed("3月下旬"), "en", { now })).toBe("late March");
    expect(formatTimeWindow(parsed("10月25日上午"), "en", { now })).toBe("Sun 25 Oct, morning");
  });

  it("local-day helpers follow the change", () => {
    expect(startOfLocalDay(new Date("2026-03-29T12:00:00Z"), BERLIN).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfLocalDay(new Date("2026-10-25T12:00:00Z"), BERLIN).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(localDate(new Date("2026-10-24T22:30:00Z"), BERLIN)).toBe("2026-10-25");
    expect(atLocalTime("2026-10-25", "12:00", BERLIN).toISOString()).toBe("2026-10-25T11:00:00.000Z");
    expect(atLocalTime("2026-03-29", "12:00", BERLIN).toISOString()).toBe("2026-03-29T10:00:00.000Z");
  });
});

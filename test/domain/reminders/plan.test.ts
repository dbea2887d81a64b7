import { describe, expect, it } from "vitest";
import { organiserSlots, reminderSlots, summarySlot } from "../../../src/domain/reminders/plan.ts";
import type { TimeWindow } from "../../../src/domain/time/window.ts";

const SHANGHAI = "Asia/Shanghai";
// Europe/Berlin in 2026: summer time starts Sun 29 March 02:00 → 03:00, ends Sun 25 October 03:00 → 02:00.
const BERLIN = "Europe/Berlin";

const win = (start: string, end: string, precision: TimeWindow["precision"], timeZone = SHANGHAI): TimeWindow => ({
  start: new Date(start),
  end: new Date(end),
  precision,
  timeZone,
});
const iso = (slots: { slot: string; dueAt: Date; expiresAt: Date }[]) =>
  slots.map((s) => [s.slot, s.dueAt.toISOString(), s.expiresAt.toISOString()]);

describe("reminder slots", () => {
  it("exact start: each offset before the start, useless once it started", () => {
    // 28 June 09:00 Shanghai = 01:00Z
    const w = win("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z", "exact");
    expect(iso(reminderSlots(w, [1440, 60]))).toEqual([
      ["1440", "2026-06-27T01:00:00.000Z", "2026-06-28T01:00:00.000Z"],
      ["60", "2026-06-28T00:00:00.000Z", "2026-06-28T01:00:00.000Z"],
    ]);
    expect(iso(reminderSlots(w, [90]))[0]?.[1]).toBe("2026-06-27T23:30:00.000Z");
    expect(reminderSlots(w, [])).toEqual([]);
  });

  it("day precision: 09:00 local the day before and 08:00 on the day", () => {
    const w = win("2026-06-27T16:00:00Z", "2026-06-28T16:00:00Z", "day");
    expect(iso(reminderSlots(w, [1440, 60]))).toEqual([
      ["d-1", "2026-06-27T01:00:00.000Z", "2026-06-27T16:00:00.000Z"],
      ["d0", "2026-06-28T00:00:00.000Z", "2026-06-28T16:00:00.000Z"],
    ]);
  });

  it("part of a month: 09:00 local on the day the window opens", () => {
    // 6月下旬 = 21–30 June
    const w = win("2026-06-20T16:00:00Z", "2026-06-30T16:00:00Z", "part_of_month");
    expect(iso(reminderSlots(w, [1440]))).toEqual([["open", "2026-06-21T01:00:00.000Z", "2026-06-21T16:00:00.000Z"]]);
  });

  it("a group that turned reminders off gets none, whatever the precision", () => {
    expect(reminderSlots(win("2026-06-27T16:00:00Z", "2026-06-28T16:00:00Z", "day"), [])).toEqual([]);
  });

  it("Europe/Berlin: a day before is the same wall time across spring-forward and fall-back", () => {
    // Sun 29 March 10:00 CEST = 08:00Z; the day before 10:00 CET = 09:00Z (23 h earlier, not 24)
    const spring = win("2026-03-29T08:00:00Z", "2026-03-29T10:00:00Z", "exact", BERLIN);
    expect(iso(reminderSlots(spring, [1440, 60]))).toEqual([
      ["1440", "2026-03-28T09:00:00.000Z", "2026-03-29T08:00:00.000Z"],
      ["60", "2026-03-29T07:00:00.000Z", "2026-03-29T08:00:00.000Z"],
    ]);
    // Sun 25 October 10:00 CET = 09:00Z; the day before 10:00 CEST = 08:00Z (25 h earlier)
    const autumn = win("2026-10-25T09:00:00Z", "2026-10-25T11:00:00Z", "exact", BERLIN);
    expect(iso(reminderSlots(autumn, [1440]))[0]?.[1]).toBe("2026-10-24T08:00:00.000Z");
    // a day event on the fall-back day: 09:00 CEST on the 24th, 08:00 CET on the 25th
    const day = win("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", "day", BERLIN);
    expect(iso(reminderSlots(day, [1440]))).toEqual([
      ["d-1", "2026-10-24T07:00:00.000Z", "2026-10-24T22:00:00.000Z"],
      ["d0", "2026-10-25T07:00:00.000Z", "2026-10-25T23:00:00.000Z"],
    ]);
  });
});

describe("organiser slots", () => {
  it("the day before, a day before the deadline, and after the end", () => {
    const w = win("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z", "exact");
    expect(iso(organiserSlots(w, new Date("2026-06-26T10:00:00Z")))).toEqual([
      ["day-before", "2026-06-27T01:00:00.000Z", "2026-06-28T01:00:00.000Z"],
      ["deadline", "2026-06-25T10:00:00.000Z", "2026-06-26T10:00:00.000Z"],
      ["attendance", "2026-06-28T03:30:00.000Z", "2026-06-30T16:00:00.000Z"],
    ]);
    expect(organiserSlots(w, null).map((s) => s.slot)).toEqual(["day-before", "attendance"]);
  });
});

describe("summary slot", () => {
  it("at the local time, useful until the local day ends, also on a DST day", () => {
    expect(iso([summarySlot("2026-06-28", "09:00", SHANGHAI)])).toEqual([
      ["2026-06-28", "2026-06-28T01:00:00.000Z", "2026-06-28T16:00:00.000Z"],
    ]);
    expect(iso([summarySlot("2026-03-29", "09:00", BERLIN)])).toEqual([
      ["2026-03-29", "2026-03-29T07:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    ]);
    expect(iso([summarySlot("2026-03-28", "09:00", BERLIN)])[0]?.[1]).toBe("2026-03-28T08:00:00.000Z");
  });
});

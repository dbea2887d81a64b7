import { describe, expect, it } from "vitest";
import {
  formatOffset,
  parseOffsetInput,
  parseStoredOffsets,
  storeOffsets,
} from "../../../src/domain/reminders/offsets.ts";
import { normaliseSummaryTime } from "../../../src/domain/reminders/plan.ts";

describe("reminder offsets", () => {
  it("reads what organisers type", () => {
    expect(parseOffsetInput("24h, 1h")).toEqual([1440, 60]);
    expect(parseOffsetInput("1d2h 30m 90")).toEqual([1560, 90, 30]);
    expect(parseOffsetInput("2h，2h")).toEqual([120]);
    expect(parseOffsetInput("soon")).toBeNull();
    expect(parseOffsetInput("8d")).toBeNull();
    expect(parseOffsetInput("")).toBeNull();
  });

  it("round-trips the stored form and shows compact durations", () => {
    expect(parseStoredOffsets(storeOffsets([60, 1440]))).toEqual([1440, 60]);
    expect(parseStoredOffsets("")).toEqual([]);
    expect(parseStoredOffsets("60,x,-5")).toEqual([60]);
    expect([1440, 90, 60, 5].map(formatOffset)).toEqual(["1d", "1h30m", "1h", "5m"]);
  });

  it("normalises summary times", () => {
    expect(normaliseSummaryTime("7:30")).toBe("07:30");
    expect(normaliseSummaryTime("18：05")).toBe("18:05");
    expect(normaliseSummaryTime("24:00")).toBeNull();
    expect(normaliseSummaryTime("9")).toBeNull();
  });
});

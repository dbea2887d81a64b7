import { describe, expect, it } from "vitest";
import {
  CAPACITY_MAX,
  checkCapacity,
  checkDeadline,
  checkDetails,
  checkPlace,
  checkTime,
  checkTitle,
  DETAILS_MAX,
  type EventDraft,
  type FormContext,
  nextMissing,
  PLACE_MAX,
  parseOneLine,
  TITLE_MAX,
} from "../../src/domain/event-form.ts";
import type { TimeWindow } from "../../src/domain/time/window.ts";

// Tuesday 1 December 2026, 12:00 in Shanghai. (The time parser itself is tested in test/domain/time.)
const now = new Date("2026-12-01T04:00:00Z");
const ctx: FormContext = { timeZone: "Asia/Shanghai", now, locale: "zh-CN" };

/** 28 December 2026, 9:00–11:30 in Shanghai */
const window: TimeWindow = {
  start: new Date("2026-12-28T01:00:00Z"),
  end: new Date("2026-12-28T03:30:00Z"),
  precision: "exact",
  timeZone: "Asia/Shanghai",
};

/** `n` characters that are two UTF-16 units each, so lengths must be counted in characters */
const wide = (n: number) => "😀".repeat(n);

describe("checkTitle", () => {
  it.each([
    ["社区义诊", "社区义诊"],
    ["  社区  义诊\n", "社区 义诊"],
    ["x".repeat(TITLE_MAX), "x".repeat(TITLE_MAX)],
    [wide(TITLE_MAX), wide(TITLE_MAX)],
  ])("accepts %j as %j", (text, title) => {
    expect(checkTitle(text)).toEqual({ ok: true, value: title });
  });

  it.each([
    ["", "form-title-empty"],
    [" \n\t ", "form-title-empty"],
    ["\u200B\u200C\uFEFF", "form-title-invisible"],
  ])("refuses %j with %s", (text, error) => {
    expect(checkTitle(text)).toEqual({ ok: false, field: "title", error });
  });

  it("cuts a title longer than a card holds, with an ellipsis, and says it did", () => {
    const long = checkTitle("x".repeat(TITLE_MAX + 1));
    expect(long).toEqual({ ok: true, value: `${"x".repeat(TITLE_MAX - 1)}…`, shortened: true });
    const emoji = checkTitle(wide(TITLE_MAX + 5));
    expect(emoji.ok && Array.from(emoji.value)).toHaveLength(TITLE_MAX);
    expect(emoji.ok && emoji.shortened).toBe(true);
  });
});

describe("checkTime", () => {
  it("accepts a window that has not ended, as the parser reads it", () => {
    expect(checkTime(" 12月28日  9:00-11:30 ", ctx)).toEqual({ ok: true, value: window });
    expect(checkTime("28 December 9:00-11:30", { ...ctx, locale: "en" })).toEqual({ ok: true, value: window });
  });

  it("accepts a window that is under way: today, or ending a minute from now", () => {
    const today = checkTime("12月1日", ctx);
    expect(today.ok && today.value.precision).toBe("day");
    const ending = checkTime("12月1日 10:00-12:01", ctx);
    expect(ending.ok && ending.value.end).toEqual(new Date("2026-12-01T04:01:00Z"));
  });

  it("reads a date without a year that is over this year as next year's (the README's example on 1 December)", () => {
    const next = checkTime("11月28日", ctx);
    expect(next.ok && next.value.start).toEqual(new Date("2027-11-27T16:00:00Z"));
    const readme = checkTime("6月28日 9:00-11:30", ctx);
    expect(readme.ok && readme.value.start).toEqual(new Date("2027-06-28T01:00:00Z"));
  });

  it.each([
    ["", "form-time-empty", ""],
    ["  ", "form-time-empty", ""],
    ["下个月某天", "form-time-not_understood", "下个月某天"],
    ["12月1日 9:00-11:00", "form-time-past", "12月1日 9:00-11:00"],
    ["12月1日 10:00-12:00", "form-time-past", "12月1日 10:00-12:00"],
    ["2026年11月28日", "form-time-past", "2026年11月28日"],
    ["2025年12月28日  9:00", "form-time-past", "2025年12月28日 9:00"],
  ])("refuses %j with %s, echoing %j", (text, error, value) => {
    expect(checkTime(text, ctx)).toEqual({ ok: false, field: "time", error, value });
  });
});

describe("checkPlace", () => {
  it.each([
    ["社区服务中心", { place: "社区服务中心", online: false }],
    ["  阳光社区 \n 活动室 ", { place: "阳光社区 活动室", online: false }],
    ["线上", { place: null, online: true }],
    ["线上活动", { place: null, online: true }],
    [" Online ", { place: null, online: true }],
    ["Virtual", { place: null, online: true }],
    ["p".repeat(PLACE_MAX), { place: "p".repeat(PLACE_MAX), online: false }],
    [wide(PLACE_MAX), { place: wide(PLACE_MAX), online: false }],
  ])("accepts %j", (text, value) => {
    expect(checkPlace(text)).toEqual({ ok: true, value });
  });

  it("cuts a place longer than a card holds at a word boundary, with an ellipsis", () => {
    const words = "Room 12 ".repeat(60); // 480 characters
    const result = checkPlace(words);
    expect(result.ok && result.shortened).toBe(true);
    const place = result.ok ? (result.value.place ?? "") : "";
    expect(Array.from(place).length).toBeLessThanOrEqual(PLACE_MAX);
    expect(place).toMatch(/Room 12…$/);
  });

  it.each([
    ["", "form-place-empty"],
    ["   ", "form-place-empty"],
  ])("refuses %j with %s", (text, error) => {
    expect(checkPlace(text)).toEqual({ ok: false, field: "place", error });
  });
});

describe("checkDetails", () => {
  it.each([
    ["", ""],
    ["  免费量血压\n\n带上医保卡  ", "免费量血压\n\n带上医保卡"],
    ["d".repeat(DETAILS_MAX), "d".repeat(DETAILS_MAX)],
    [wide(DETAILS_MAX), wide(DETAILS_MAX)],
  ])("accepts %j, keeping its line breaks", (text, details) => {
    expect(checkDetails(text)).toEqual({ ok: true, value: details });
  });

  it("refuses more than the maximum with form-details-too-long", () => {
    expect(checkDetails("d".repeat(DETAILS_MAX + 1))).toEqual({
      ok: false,
      field: "details",
      error: "form-details-too-long",
    });
  });
});

describe("checkCapacity", () => {
  it.each([
    ["20", 20],
    [" 20 ", 20],
    ["２０", 20],
    ["20人", 20],
    ["30名", 30],
    ["20 people", 20],
    ["1 place", 1],
    ["12 Places", 12],
    ["1", 1],
    [String(CAPACITY_MAX), CAPACITY_MAX],
    ["", null],
    ["不限", null],
    ["不限名额", null],
    ["无", null],
    ["-", null],
    ["Unlimited", null],
    ["no limit", null],
    ["∞", null],
  ])("accepts %j as %j", (text, capacity) => {
    expect(checkCapacity(text)).toEqual({ ok: true, value: capacity });
  });

  it.each([
    ["二十", "form-capacity-not-number"],
    ["2.5", "form-capacity-not-number"],
    ["-3", "form-capacity-not-number"],
    ["20 左右", "form-capacity-not-number"],
    ["0", "form-capacity-range"],
    ["0人", "form-capacity-range"],
    [String(CAPACITY_MAX + 1), "form-capacity-range"],
  ])("refuses %j with %s, echoing it", (text, error) => {
    expect(checkCapacity(text)).toEqual({ ok: false, field: "capacity", error, value: text });
  });
});

describe("checkDeadline", () => {
  it.each([
    ["", null],
    ["无", null],
    ["没有", null],
    ["None", null],
    ["no deadline", null],
    // a clock time is that instant; a day is the end of that day
    ["12月20日 18:00", new Date("2026-12-20T10:00:00Z")],
    ["12月20日", new Date("2026-12-20T16:00:00Z")],
    ["12月1日 12:01", new Date("2026-12-01T04:01:00Z")],
    // up to the event's end, inclusive
    ["12月28日 11:30", window.end],
  ])("accepts %j as %j", (text, deadline) => {
    expect(checkDeadline(text, window, ctx)).toEqual({ ok: true, value: deadline });
  });

  it.each([
    ["随便", "form-time-not_understood"],
    ["12月1日 10:00", "form-deadline-past"],
    ["12月1日 12:00", "form-deadline-past"],
    ["12月28日 11:31", "form-deadline-after-event"],
    ["12月28日", "form-deadline-after-event"],
    ["12月29日", "form-deadline-after-event"],
  ])("refuses %j with %s, echoing it", (text, error) => {
    expect(checkDeadline(text, window, ctx)).toEqual({ ok: false, field: "deadline", error, value: text });
  });
});

describe("parseOneLine", () => {
  const good = ["社区义诊", "12月28日 9:00-11:30", "社区服务中心", "20", "12月20日 18:00"];
  const line = (parts: string[]) => parts.join(" | ");
  const fields = (text: string) => parseOneLine(text, ctx).errors.map((e) => [e.field, e.error]);

  it("fills the draft from every part, with either bar and the deadline optional", () => {
    const full = {
      title: "社区义诊",
      window,
      timeText: "12月28日 9:00-11:30",
      place: "社区服务中心",
      online: false,
      capacity: 20,
      deadline: new Date("2026-12-20T10:00:00Z"),
    };
    expect(parseOneLine(line(good), ctx)).toEqual({ draft: full, errors: [], shortened: [] });
    expect(parseOneLine(good.join("｜"), ctx)).toEqual({ draft: full, errors: [], shortened: [] });
    expect(parseOneLine(line(good.slice(0, 4)), ctx)).toEqual({
      draft: { ...full, deadline: null },
      errors: [],
      shortened: [],
    });
    expect(parseOneLine("茶摊|12月28日 9:00-11:30|线上|不限", ctx).draft).toMatchObject({
      place: null,
      online: true,
      capacity: null,
    });
  });

  it.each([
    [0, "", "title", "form-title-empty", "title"],
    [1, "某天", "time", "form-time-not_understood", "window"],
    [2, "", "place", "form-place-empty", "place"],
    [3, "很多", "capacity", "form-capacity-not-number", "capacity"],
    [4, "12月29日", "deadline", "form-deadline-after-event", "deadline"],
  ])("one bad part (#%i = %j) names only that part: %s", (index, bad, field, error, key) => {
    const parts = good.map((part, i) => (i === index ? bad : part));
    const result = parseOneLine(line(parts), ctx);
    expect(result.errors.map((e) => [e.field, e.error])).toEqual([[field, error]]);
    // the good parts are kept, so the organiser fixes only the bad one
    const kept: Record<string, unknown> = { title: "社区义诊", place: "社区服务中心", capacity: 20 };
    delete kept[key];
    expect(result.draft).toMatchObject(kept);
    expect(result.draft).not.toHaveProperty(key);
  });

  it("does not check the deadline when the time is bad, since it depends on the event's end", () => {
    const parts = [good[0], "昨天之前", good[2], good[3], "随便"] as string[];
    expect(fields(line(parts))).toEqual([["time", "form-time-not_understood"]]);
  });

  it("a line with only a title asks for the time and the place", () => {
    expect(fields("只有标题")).toEqual([
      ["time", "form-time-empty"],
      ["place", "form-place-empty"],
    ]);
    expect(parseOneLine("只有标题", ctx).draft).toEqual({ title: "只有标题", capacity: null });
  });

  it("reports every bad part, in the form's order", () => {
    expect(fields(line(["", "某天", "", "0", "x"]))).toEqual([
      ["title", "form-title-empty"],
      ["time", "form-time-not_understood"],
      ["place", "form-place-empty"],
      ["capacity", "form-capacity-range"],
    ]);
  });
});

describe("nextMissing", () => {
  it("asks for title, time, place, details, capacity and deadline in that order", () => {
    const steps: [EventDraft, ReturnType<typeof nextMissing>][] = [
      [{}, "title"],
      [{ title: "社区义诊" }, "time"],
      [{ title: "社区义诊", window }, "place"],
      [{ title: "社区义诊", window, place: "社区服务中心", online: false }, "details"],
      [{ title: "社区义诊", window, place: "社区服务中心", online: false, details: "" }, "capacity"],
      [{ title: "社区义诊", window, place: "社区服务中心", online: false, details: "", capacity: 20 }, "deadline"],
      [
        { title: "社区义诊", window, place: "社区服务中心", online: false, details: "", capacity: 20, deadline: null },
        null,
      ],
    ];
    for (const [draft, missing] of steps) expect(nextMissing(draft), JSON.stringify(draft)).toBe(missing);
  });

  it("counts an online event, no details, no limit and no deadline as answered", () => {
    expect(nextMissing({ title: "t", window, online: true })).toBe("details");
    expect(nextMissing({ title: "t", window, place: null })).toBe("details");
    expect(nextMissing({ title: "t", window, online: true, details: null })).toBe("capacity");
    expect(nextMissing({ title: "t", window, online: true, details: null, capacity: null })).toBe("deadline");
    expect(nextMissing({ title: "t", window, online: true, details: null, capacity: null, deadline: null })).toBe(null);
  });

  it("asks for the earliest missing part even when later ones are filled", () => {
    expect(nextMissing({ window, place: "p", details: "", capacity: 1, deadline: null })).toBe("title");
    expect(nextMissing({ title: "t", place: "p", details: "", capacity: 1, deadline: null })).toBe("time");
    expect(nextMissing({ title: "t", window, details: "", capacity: 1, deadline: null })).toBe("place");
    expect(nextMissing({ title: "t", window, place: "p", capacity: 1, deadline: null })).toBe("details");
    expect(nextMissing({ title: "t", window, place: "p", details: "", deadline: null })).toBe("capacity");
  });
});

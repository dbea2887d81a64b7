import { describe, expect, it } from "vitest";
import { campaignWindow, campaignYear } from "../../src/domain/campaign-window.ts";
import type { TimeWindow } from "../../src/domain/time/index.ts";
import { creditedHours, parseHours, totalHours } from "../../src/domain/volunteer-hours.ts";
import { Translator } from "../../src/i18n/translator.ts";
import { summariseProgramme } from "../../src/imports/programme-summary.ts";
import { parseProgrammeTable } from "../../src/imports/programme-table.ts";
import { attendanceView } from "../../src/views/attendance-views.ts";
import { decodeCallback } from "../../src/views/callback-data.ts";
import { type CampaignLine, campaignView } from "../../src/views/campaign-views.ts";
import { MESSAGE_LIMIT } from "../../src/views/html.ts";
import { importPreviewView, rowErrorText } from "../../src/views/import-views.ts";
import { zhProgramme } from "../imports/programme-fixtures.ts";

const zone = "Asia/Shanghai";
const now = new Date("2026-06-01T02:00:00Z");
const translator = new Translator("zh-CN");
const v = { t: translator.for("zh-CN"), locale: "zh-CN" as const, now, timeZone: zone };

function win(start: string, end: string, precision: TimeWindow["precision"] = "exact"): TimeWindow {
  return { start: new Date(start), end: new Date(end), precision, timeZone: zone };
}

describe("campaign window and year", () => {
  it("is the local day most one-day activities share, yearly on request", () => {
    const windows = [
      win("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z"),
      win("2026-06-27T16:00:00Z", "2026-06-28T16:00:00Z", "day"),
      win("2026-06-30T16:00:00Z", "2026-07-01T16:00:00Z", "day"),
      win("2026-06-15T16:00:00Z", "2026-12-31T16:00:00Z", "ongoing"),
    ];
    expect(campaignWindow(windows, zone, true)).toEqual({
      start: new Date("2026-06-27T16:00:00Z"),
      end: new Date("2026-06-28T16:00:00Z"),
      recurrence: "yearly:06-28",
    });
  });

  it("spans all activities when none fits in one day, and is null without activities", () => {
    const windows = [win("2026-06-20T16:00:00Z", "2026-06-30T16:00:00Z", "part_of_month")];
    expect(campaignWindow(windows, zone, true)).toEqual({
      start: new Date("2026-06-20T16:00:00Z"),
      end: new Date("2026-06-30T16:00:00Z"),
      recurrence: null,
    });
    expect(campaignWindow([], zone, false)).toBeNull();
  });

  it("a yearly campaign's year is this year until its day is over, then next year", () => {
    const yearly = { startsAt: new Date("2024-06-27T16:00:00Z"), recurrence: "yearly:06-28" };
    expect(campaignYear(yearly, new Date("2026-06-28T15:59:00Z"), zone)).toBe(2026);
    expect(campaignYear(yearly, new Date("2026-06-28T16:00:00Z"), zone)).toBe(2027);
    expect(campaignYear({ ...yearly, recurrence: null }, now, zone)).toBe(2024);
  });
});

describe("volunteer hours", () => {
  it("reads hours as organisers type them", () => {
    expect(["2.5", "2,5", "3小时", "3 h", "1.5 hours", "４"].map(parseHours)).toEqual([2.5, 2.5, 3, 3, 1.5, 4]);
    expect(["", "0", "-1", "三小时", "1001", "2.5.1", "2 days"].map(parseHours)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("credits a person's hours, else the event's, else an exact window's length", () => {
    const exact = win("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z");
    const day = win("2026-06-27T16:00:00Z", "2026-06-28T16:00:00Z", "day");
    expect([creditedHours(1, 3, exact), creditedHours(null, 3, exact), creditedHours(null, null, exact)]).toEqual([
      1, 3, 2.5,
    ]);
    expect(creditedHours(null, null, day)).toBeNull();
    expect(totalHours([2.5, null, 1 / 3, 1 / 3, 1 / 3])).toBe(3.5);
  });
});

describe("campaign view", () => {
  const line = (i: number, district: string | null): CampaignLine => ({
    event: {
      id: i,
      title: `活动${i}：${"很长的名称".repeat(8)}`,
      place: `地点${i}`,
      online: false,
      startsAt: new Date("2026-06-28T01:00:00Z"),
      endsAt: new Date("2026-06-28T03:00:00Z"),
      precision: "exact",
      openEnded: false,
      timeZone: zone,
      capacity: 20,
      status: "published",
    },
    organisation: `组织${i % 7}`,
    district,
    confirmed: i % 20,
    waitlisted: 0,
  });
  const campaign = {
    id: 7,
    name: "社会组织公益日",
    startsAt: new Date("2026-06-27T16:00:00Z"),
    endsAt: new Date("2026-06-28T16:00:00Z"),
    recurrence: "yearly:06-28",
  };

  it("pages a big programme so each page fits a message and every activity appears once", () => {
    const lines = Array.from({ length: 150 }, (_, i) => line(i, i % 3 === 0 ? null : `区${i % 4}`));
    const first = campaignView(campaign, lines, 0, v);
    const pageCount = Number(/第 1\/(\d+) 页/.exec(first.text)?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    const pages = Array.from({ length: pageCount }, (_, p) => campaignView(campaign, lines, p, v));
    for (const page of pages) {
      expect(page.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      // a page that continues a district says which one, and which organisation, before its first activity
      const firstActivity = page.text.indexOf("· 活动");
      expect(page.text.lastIndexOf("📍", firstActivity)).toBeGreaterThan(-1);
      expect(page.text.lastIndexOf("组织", firstActivity)).toBeGreaterThan(page.text.lastIndexOf("📍", firstActivity));
    }
    const all = pages.map((p) => p.text).join("\n");
    for (let i = 0; i < 150; i++) expect(all.split(`活动${i}：`).length - 1).toBe(1);
    expect(first.text.split("\n")[0]).toBe("<b>社会组织公益日</b> · 6月28日 周日（每年）");
    expect(first.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(["▶"]);
    const next = first.reply_markup?.inline_keyboard[0]?.[0];
    expect(decodeCallback(next && "callback_data" in next ? next.callback_data : "")).toEqual({
      action: "campaignPage",
      id: 7,
      arg: 1,
    });
    expect(pages.at(-1)?.text.lastIndexOf("全市及其他")).toBeGreaterThan(-1);
  });

  it("escapes user text", () => {
    const evil = { ...line(1, "<b>区</b>"), organisation: "A & B" };
    const text = campaignView({ ...campaign, name: "<i>x</i>" }, [evil], 0, v).text;
    expect(text).toContain("&lt;i&gt;x&lt;/i&gt;");
    expect(text).toContain("&lt;b&gt;区&lt;/b&gt;");
    expect(text).toContain("A &amp; B");
  });
});

describe("import preview and attendance sheet", () => {
  it("summarises counts by day and lists row errors with their numbers (English)", () => {
    const table = parseProgrammeTable(Buffer.from(zhProgramme), { timeZone: zone, now, year: 2026 });
    if (!table.ok) throw new Error("fixture did not parse");
    const t = translator.for("en");
    const view = importPreviewView(
      {
        pendingId: 5,
        fileName: "<plan>.csv",
        summary: summariseProgramme(table),
        campaignName: "Public-welfare day",
        organisation: { id: 1, name: "City" },
        others: [{ id: 2, name: "District" }],
        campaigns: [{ id: 3, name: "Offered only without a campaign" }],
      },
      t,
    );
    expect(view.text).toContain("&lt;plan&gt;.csv");
    expect(view.text).toContain("10 activities, 6 on 6/28, 1 on 7/1, 2 over several days");
    expect(view.text).toContain("· row 12: time “时间待定” not understood");
    expect(view.reply_markup?.inline_keyboard.map((r) => r.map((b) => b.text))).toEqual([
      ["Import 9", "Cancel"],
      ["Import and post the cards to each organisation's groups"],
      ["Import for District"],
    ]);
    expect(rowErrorText({ row: 4, field: "row", code: "too_few_cells" }, t)).toBe("row 4: the row has too few cells");
  });

  it("marks each person and offers the event's length only once hours were set by hand", () => {
    const person = (id: number, status: string) => ({
      id,
      status,
      user: { firstName: `人${id}`, lastName: null, username: null },
    });
    const event = { id: 3, title: "义诊", hours: null, window: win("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z") };
    const sheet = attendanceView(event, [person(1, "attended"), person(2, "no_show"), person(3, "confirmed")], 0, v);
    expect(sheet.text).toContain("已参加 1/3 人");
    expect(sheet.text).toContain("每人志愿时长：<b>2.5 小时</b>");
    const labels = sheet.reply_markup?.inline_keyboard.map((r) => r.map((b) => b.text));
    expect(labels).toEqual([["✅ 1. 人1"], ["❌ 2. 人2"], ["⬜ 3. 人3"], ["报名的人都参加了"], ["设置时长"]]);
    const byHand = attendanceView({ ...event, hours: 4 }, [person(1, "attended")], 0, v);
    expect(byHand.reply_markup?.inline_keyboard.at(-1)?.map((b) => b.text)).toEqual([
      "时长 = 活动时长（2.5 小时）",
      "设置时长",
    ]);
  });
});

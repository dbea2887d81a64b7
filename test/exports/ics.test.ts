import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { TimeWindow } from "../../src/domain/time/window.ts";
import { buildCalendar, type IcsEvent } from "../../src/exports/ics.ts";

const zone = "Asia/Shanghai";
const stamp = new Date("2026-06-01T08:30:15.123Z");

function window(start: string, end: string, precision: TimeWindow["precision"]): TimeWindow {
  return { start: new Date(start), end: new Date(end), precision, timeZone: zone };
}

const clinic: IcsEvent = {
  uid: "event-1@yiqi",
  sequence: 2,
  title: "社区义诊, 量血压; 测血糖",
  description: "第一行\n第二行, 带逗号; 分号 \\ 反斜杠",
  location: "幸福社区服务中心",
  url: "https://example.org/e/1",
  // 6月28日 9:00-11:30 in Shanghai
  window: window("2026-06-28T01:00:00Z", "2026-06-28T03:30:00Z", "exact"),
  status: "CONFIRMED",
  stamp,
};

// 6月28日, whole day in Shanghai: local midnight is 16:00 UTC the day before
const outreach: IcsEvent = {
  uid: "event-2@yiqi",
  sequence: 0,
  title: "垃圾分类宣传",
  window: window("2026-06-27T16:00:00Z", "2026-06-28T16:00:00Z", "day"),
  status: "CANCELLED",
  stamp,
};

// 6月下旬: June 21 to June 30 inclusive
const lateJune: IcsEvent = {
  uid: "event-3@yiqi",
  sequence: 1,
  title: "爱心茶摊",
  window: window("2026-06-20T16:00:00Z", "2026-06-30T16:00:00Z", "part_of_month"),
  status: "CONFIRMED",
  stamp,
};

function parseEvents(ics: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent");
}

function onlyEvent(event: IcsEvent): ICAL.Component {
  const [vevent] = parseEvents(buildCalendar({ prodId: "-//Yiqi//Yiqi//EN", events: [event] }));
  if (!vevent) throw new Error("no VEVENT");
  return vevent;
}

describe("buildCalendar", () => {
  it("writes the calendar properties with CRLF line endings", () => {
    const ics = buildCalendar({ prodId: "-//Yiqi//Yiqi 0.1//ZH", name: "公益日, 2026", events: [clinic] });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//Yiqi//Yiqi 0.1//ZH");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    // ical.js does not know X-WR-CALNAME's type and keeps it raw; calendar apps read it as TEXT
    expect(ics).toContain("\r\nX-WR-CALNAME:公益日\\, 2026\r\n");
  });

  it("leaves out X-WR-CALNAME without a name", () => {
    expect(buildCalendar({ prodId: "p", events: [] })).not.toContain("X-WR-CALNAME");
  });

  it("writes an exact window as UTC date-times", () => {
    const vevent = onlyEvent(clinic);
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe("event-1@yiqi");
    expect(event.sequence).toBe(2);
    expect(event.summary).toBe("社区义诊, 量血压; 测血糖");
    expect(event.location).toBe("幸福社区服务中心");
    expect(event.description).toBe("第一行\n第二行, 带逗号; 分号 \\ 反斜杠");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://example.org/e/1");
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-06-28T01:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2026-06-28T03:30:00.000Z");
    expect(event.startDate.zone?.tzid).toBe("UTC");
    const dtstamp = vevent.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(dtstamp.toString()).toBe("2026-06-01T08:30:15Z");
  });

  it("escapes commas, semicolons, backslashes and newlines in TEXT", () => {
    const ics = buildCalendar({ prodId: "p", events: [clinic] });
    expect(ics).toContain("SUMMARY:社区义诊\\, 量血压\\; 测血糖\r\n");
    expect(ics).toContain("DESCRIPTION:第一行\\n第二行\\, 带逗号\\; 分号 \\\\ 反斜杠\r\n");
  });

  it("writes a day window as an all-day date in the window's zone", () => {
    const vevent = onlyEvent(outreach);
    const event = new ICAL.Event(vevent);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2026-06-28");
    expect(event.endDate.toString()).toBe("2026-06-29");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.sequence).toBe(0);
    expect(event.location).toBeNull();
  });

  it("writes part-of-month and ongoing windows with an exclusive end date", () => {
    const late = new ICAL.Event(onlyEvent(lateJune));
    expect([late.startDate.toString(), late.endDate.toString()]).toEqual(["2026-06-21", "2026-07-01"]);
    const ongoing = new ICAL.Event(
      onlyEvent({ ...lateJune, window: window("2026-06-15T16:00:00Z", "2026-12-31T16:00:00Z", "ongoing") }),
    );
    expect([ongoing.startDate.toString(), ongoing.endDate.toString()]).toEqual(["2026-06-16", "2027-01-01"]);
    const ics = buildCalendar({ prodId: "p", events: [lateJune] });
    expect(ics).toContain("DTSTART;VALUE=DATE:20260621\r\nDTEND;VALUE=DATE:20260701\r\n");
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const description = "为辖区老年人提供免费测量血压、血糖，健康咨询与用药指导；".repeat(8);
    const ics = buildCalendar({ prodId: "p", events: [{ ...clinic, description }] });
    const lines = ics.split("\r\n");
    for (const line of lines) {
      expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
      expect(line).not.toContain("\uFFFD");
    }
    const continuations = lines.filter((line) => line.startsWith(" "));
    expect(continuations.length).toBeGreaterThan(5);
    expect(new ICAL.Event(onlyEvent({ ...clinic, description })).description).toBe(description);
  });

  it("writes several events in order", () => {
    const events = parseEvents(buildCalendar({ prodId: "p", events: [clinic, outreach, lateJune] }));
    expect(events.map((vevent) => vevent.getFirstPropertyValue("uid"))).toEqual([
      "event-1@yiqi",
      "event-2@yiqi",
      "event-3@yiqi",
    ]);
  });
});

import { localDate, type TimeWindow } from "../domain/time/index.ts";

export interface IcsEvent {
  /** stable across exports so calendar apps update the event instead of adding a copy */
  uid: string;
  /** raise on every change (RFC 5545 §3.8.7.4) */
  sequence: number;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  window: TimeWindow;
  status: "CONFIRMED" | "CANCELLED";
  /** when this version of the event was produced */
  stamp: Date;
}

export interface IcsCalendar {
  prodId: string;
  name?: string;
  events: IcsEvent[];
}

const MAX_LINE_OCTETS = 75;
const DAY_MS = 86_400_000;

/** An RFC 5545 iCalendar file (METHOD:PUBLISH) with CRLF line endings and folded lines. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${escapeText(calendar.prodId)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
  ];
  if (calendar.name !== undefined) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

function eventLines(event: IcsEvent): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    ...windowLines(event.window),
    `SUMMARY:${escapeText(event.title)}`,
  ];
  if (event.description !== undefined) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location !== undefined) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url !== undefined) lines.push(`URL:${stripControls(event.url)}`);
  lines.push(`STATUS:${event.status}`, "END:VEVENT");
  return lines;
}

/** Exact windows as UTC date-times; looser ones as all-day dates in the window's zone, end exclusive. */
function windowLines(window: TimeWindow): string[] {
  if (window.precision === "exact") {
    return [`DTSTART:${utcDateTime(window.start)}`, `DTEND:${utcDateTime(window.end)}`];
  }
  const startDay = localDate(window.start, window.timeZone);
  const lastDay = localDate(new Date(window.end.getTime() - 1), window.timeZone);
  return [`DTSTART;VALUE=DATE:${compactDate(startDay)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(lastDay))}`];
}

/** "2026-06-30" → "2026-07-01" */
function nextDay(ymd: string): string {
  return new Date(Date.parse(ymd + "T00:00:00Z") + DAY_MS).toISOString().slice(0, 10);
}

function compactDate(ymd: string): string {
  return ymd.replaceAll("-", "");
}

function utcDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}/, "")
    .replace(/[-:]/g, "");
}

function stripControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "");
}

/** RFC 5545 §3.3.11 TEXT: escape backslash, semicolon, comma and line breaks; drop other controls. */
function escapeText(text: string): string {
  return stripControls(text.replace(/[\\;,]/g, (c) => "\\" + c).replace(/\r\n|\r|\n/g, "\\n"));
}

/** Fold at 75 octets (§3.1) without splitting a UTF-8 sequence; continuation lines start with a space. */
function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_LINE_OCTETS) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n");
}

/**
 * Civil (wall-calendar) dates and their conversion to instants in an IANA zone.
 * Date arithmetic is done on plain civil dates so that DST never shifts a day.
 */

/** A date on the wall calendar; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 24 * 60;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidCivilDate({ year, month, day }: CivilDate): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function toUtcMidnight({ year, month, day }: CivilDate): number {
  return Date.UTC(year, month - 1, day);
}

function fromUtcMidnight(ms: number): CivilDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * MS_PER_DAY);
}

/** Same day `months` months later (negative: earlier), clamped to the month's last day. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareCivil(a: CivilDate, b: CivilDate): number {
  return toUtcMidnight(a) - toUtcMidnight(b);
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOf(date: CivilDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function formatYmd({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Minutes after midnight as a wall-clock time: 540 → "9:00", 1440 → "24:00". */
export function clockText(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

/**
 * One formatter per zone, made once: creating an Intl.DateTimeFormat (which
 * `Date#toLocaleString` and dayjs's timezone plugin do on every call) costs
 * tens of microseconds, and card rendering, imports and reminder planning
 * convert thousands of instants.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of `ms` in `tz`. */
function wallFields(
  ms: number,
  tz: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(tz).formatToParts(ms)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** The zone's offset from UTC at instant `ms`, in minutes (Asia/Shanghai: 480). */
function offsetMinutes(ms: number, tz: string): number {
  const w = wallFields(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
}

/** The civil date and minutes after midnight that `instant` shows on a wall clock in `tz`. */
export function wallClockOf(instant: Date, tz: string): { date: CivilDate; minutes: number } {
  const w = wallFields(instant.getTime(), tz);
  return { date: { year: w.year, month: w.month, day: w.day }, minutes: w.hour * 60 + w.minute };
}

/**
 * The instant at `minutes` after local midnight of `date` in `tz`; 1440 is the next midnight.
 * A wall time skipped by a DST change moves forward by the change (02:30 → 03:30); a repeated
 * one resolves to its later occurrence (the same choices as dayjs's timezone plugin).
 */
export function zonedInstant(date: CivilDate, minutes: number, tz: string): Date {
  const day = addDays(date, Math.floor(minutes / MINUTES_PER_DAY));
  const rest = minutes % MINUTES_PER_DAY;
  const wall = Date.UTC(day.year, day.month - 1, day.day, Math.floor(rest / 60), rest % 60);
  const first = offsetMinutes(wall, tz);
  let guess = wall - first * 60_000;
  const second = offsetMinutes(guess, tz);
  if (first === second) return new Date(guess);
  guess -= (second - first) * 60_000;
  const third = offsetMinutes(guess, tz);
  if (second === third) return new Date(guess);
  return new Date(wall - Math.min(second, third) * 60_000);
}

/** The local calendar date of `date` in `tz`, as "YYYY-MM-DD". */
export function localDate(date: Date, tz: string): string {
  return formatYmd(wallClockOf(date, tz).date);
}

/** The instant local midnight began on the local day containing `date` in `tz`. */
export function startOfLocalDay(date: Date, tz: string): Date {
  return zonedInstant(wallClockOf(date, tz).date, 0, tz);
}

/** The instant of wall time `hhmm` ("9:00", "14:30") on local day `dateYmd` ("2026-06-28") in `tz`. */
export function atLocalTime(dateYmd: string, hhmm: string, tz: string): Date {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateYmd);
  const timeMatch = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!dateMatch || !timeMatch) throw new RangeError(`Expected YYYY-MM-DD and HH:MM, got "${dateYmd}" "${hhmm}"`);
  const date = { year: Number(dateMatch[1]), month: Number(dateMatch[2]), day: Number(dateMatch[3]) };
  const hour = Number(timeMatch[1]);
  const minute = Number(timeMatch[2]);
  if (!isValidCivilDate(date) || hour > 23 || minute > 59) {
    throw new RangeError(`Not a valid local date and time: "${dateYmd}" "${hhmm}"`);
  }
  return zonedInstant(date, hour * 60 + minute, tz);
}

/** "2026-06-28 09:05" on the wall clock of `tz` (spreadsheets, reports). */
export function localStamp(instant: Date, tz: string): string {
  const w = wallFields(instant.getTime(), tz);
  return `${formatYmd(w)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** ISO 8601 on the zone's wall clock with its offset: "2026-06-28T09:00:00+08:00". */
export function isoWithOffset(instant: Date, tz: string): string {
  const w = wallFields(instant.getTime(), tz);
  const offset = offsetMinutes(instant.getTime(), tz);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${formatYmd(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * When reminders and summaries fall due, and until when they are still worth
 * sending. Pure: every function takes the event window (or the group's
 * settings) and returns instants; nothing here reads a clock.
 *
 * - exact start: each offset before the start (default 24 h and 1 h). Whole
 *   days are counted on the wall calendar, so "1 day before 10:00" is 10:00
 *   the day before also across a daylight-saving change; the rest is elapsed time.
 * - day precision: 09:00 local the day before, and 08:00 on the day.
 * - part of a month (and ongoing windows): 09:00 local on the day the window opens.
 * A reminder is useless once the event has started (for fuzzy windows, once
 * the day it was meant for is over); a summary once its local day has ended.
 */
import { addDays, wallClockOf, zonedInstant } from "../time/calendar.ts";
import type { TimeWindow } from "../time/window.ts";

/** One planned send: `slot` names it inside its idempotency key. */
export interface Slot {
  slot: string;
  dueAt: Date;
  expiresAt: Date;
}

const DAY_BEFORE_AT = 9 * 60;
const ON_THE_DAY_AT = 8 * 60;
const WINDOW_OPENS_AT = 9 * 60;
/** How long after the end an organiser may still be asked to confirm attendance. */
const ATTENDANCE_ASK_DAYS = 3;

const earlier = (a: Date, b: Date): Date => (a.getTime() <= b.getTime() ? a : b);

/** The instant `days` days before `instant` at the same wall-clock time in `tz`. */
function daysBefore(instant: Date, days: number, tz: string): Date {
  const { date, minutes } = wallClockOf(instant, tz);
  return zonedInstant(addDays(date, -days), minutes, tz);
}

/** `minutes` before an instant: whole days on the wall calendar, the rest as elapsed time. */
export function beforeStart(start: Date, minutes: number, tz: string): Date {
  const days = Math.floor(minutes / 1440);
  const base = days > 0 ? daysBefore(start, days, tz) : start;
  return new Date(base.getTime() - (minutes % 1440) * 60_000);
}

/** The local wall time `minutes` after midnight, `dayShift` days from the local day of `instant`. */
function localDayAt(instant: Date, dayShift: number, minutes: number, tz: string): Date {
  return zonedInstant(addDays(wallClockOf(instant, tz).date, dayShift), minutes, tz);
}

/** When the local day containing `instant` ends (the next local midnight). */
export function endOfLocalDay(instant: Date, tz: string): Date {
  return localDayAt(instant, 1, 0, tz);
}

const useful = (s: Slot): boolean => s.dueAt.getTime() < s.expiresAt.getTime();

/** Reminders for an event: `offsets` apply to exact starts; other precisions have fixed local times. */
export function reminderSlots(window: TimeWindow, offsets: readonly number[]): Slot[] {
  if (offsets.length === 0) return [];
  const { start, end, timeZone: tz } = window;
  const firstDayOver = earlier(end, endOfLocalDay(start, tz));
  let slots: Slot[];
  switch (window.precision) {
    case "exact":
      slots = offsets.map((m) => ({ slot: String(m), dueAt: beforeStart(start, m, tz), expiresAt: start }));
      break;
    case "day":
      slots = [
        { slot: "d-1", dueAt: localDayAt(start, -1, DAY_BEFORE_AT, tz), expiresAt: start },
        { slot: "d0", dueAt: localDayAt(start, 0, ON_THE_DAY_AT, tz), expiresAt: firstDayOver },
      ];
      break;
    case "part_of_month":
    case "ongoing":
      slots = [{ slot: "open", dueAt: localDayAt(start, 0, WINDOW_OPENS_AT, tz), expiresAt: firstDayOver }];
      break;
  }
  return slots.filter(useful);
}

/** What organisers are told, and when. */
export type OrganiserNotice = "day-before" | "deadline" | "attendance";

/**
 * Organiser reminders: the day before (sign-up counts), a day before the
 * sign-up deadline (sent only if places are still free, decided at send
 * time), and after the end (confirm attendance).
 */
export function organiserSlots(window: TimeWindow, signupDeadline: Date | null): (Slot & { slot: OrganiserNotice })[] {
  const { start, end, timeZone: tz } = window;
  const dayBefore = window.precision === "exact" ? daysBefore(start, 1, tz) : localDayAt(start, -1, DAY_BEFORE_AT, tz);
  const slots: (Slot & { slot: OrganiserNotice })[] = [{ slot: "day-before", dueAt: dayBefore, expiresAt: start }];
  if (signupDeadline) {
    slots.push({
      slot: "deadline",
      dueAt: daysBefore(signupDeadline, 1, tz),
      expiresAt: earlier(signupDeadline, end),
    });
  }
  slots.push({ slot: "attendance", dueAt: end, expiresAt: localDayAt(end, ATTENDANCE_ASK_DAYS, 0, tz) });
  return slots.filter(useful);
}

/** A group's daily summary for local day `date` ("2026-06-28") at local `hhmm`, useful until that day ends. */
export function summarySlot(date: string, hhmm: string, tz: string): Slot {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = hhmm.split(":").map(Number) as [number, number];
  const civil = { year, month, day };
  return {
    slot: date,
    dueAt: zonedInstant(civil, hour * 60 + minute, tz),
    expiresAt: zonedInstant(addDays(civil, 1), 0, tz),
  };
}

/** Is a summary time such as "09:00" or "7:30" valid? Returns it normalised ("07:30") or null. */
export function normaliseSummaryTime(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${m[2]}`;
}

/** Delivery kinds, keys and payloads the scheduler writes into the outbox. */

import type { NewDelivery } from "../delivery/outbox.ts";
import type { Slot } from "../domain/reminders/plan.ts";

export const REMINDER = "reminder";
export const MEMBER_REMINDER = "member-reminder";
export const ORGANISER_REMINDER = "organiser-reminder";
export const SUMMARY = "summary";

/** Every reminder kind of an event (what a time change or a cancellation retires). */
export const eventReminderKinds = [REMINDER, MEMBER_REMINDER, ORGANISER_REMINDER];

/** The event start the reminder was planned for: a reminder planned for another start is not sent. */
interface EventArgs {
  eventId: number;
  slot: string;
  start: string;
}

export function groupReminder(eventId: number, start: Date, chatId: bigint, s: Slot): NewDelivery {
  const args: EventArgs = { eventId, slot: s.slot, start: start.toISOString() };
  return {
    key: `${REMINDER}:${eventId}:${s.slot}:${chatId}`,
    kind: REMINDER,
    chatId,
    payload: { render: REMINDER, args },
    dueAt: s.dueAt,
    expiresAt: s.expiresAt,
    eventId,
  };
}

export function memberReminder(eventId: number, start: Date, userId: bigint, s: Slot): NewDelivery {
  const args: EventArgs = { eventId, slot: s.slot, start: start.toISOString() };
  return {
    key: `${MEMBER_REMINDER}:${eventId}:${s.slot}:${userId}`,
    kind: MEMBER_REMINDER,
    chatId: userId,
    payload: { render: MEMBER_REMINDER, args },
    dueAt: s.dueAt,
    expiresAt: s.expiresAt,
    eventId,
  };
}

export function organiserReminder(eventId: number, start: Date, userId: bigint, s: Slot): NewDelivery {
  const args: EventArgs = { eventId, slot: s.slot, start: start.toISOString() };
  return {
    key: `${ORGANISER_REMINDER}:${eventId}:${s.slot}:${userId}`,
    kind: ORGANISER_REMINDER,
    chatId: userId,
    payload: { render: ORGANISER_REMINDER, args },
    dueAt: s.dueAt,
    expiresAt: s.expiresAt,
    eventId,
  };
}

export function summary(chatId: bigint, s: Slot): NewDelivery {
  return {
    key: `${SUMMARY}:${chatId}:${s.slot}`,
    kind: SUMMARY,
    chatId,
    payload: { render: SUMMARY, args: { date: s.slot } },
    dueAt: s.dueAt,
    expiresAt: s.expiresAt,
  };
}

/** Render arguments of an event reminder, checked (payloads are JSON from the database). */
export function eventArgs(args: Record<string, unknown>): EventArgs | null {
  const { eventId, slot, start } = args;
  if (typeof eventId !== "number" || typeof slot !== "string" || typeof start !== "string") return null;
  return { eventId, slot, start };
}

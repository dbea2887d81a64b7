import { type TimeWindow, windowHours } from "./time/index.ts";

/** Most hours one person can be credited for one event. */
export const MAX_EVENT_HOURS = 1000;

/**
 * Hours credited to one attendee: set for that person, else set for the event, else the
 * length of an exact window; null when nobody set them for a day-long or looser window.
 */
export function creditedHours(
  personHours: number | null,
  eventHours: number | null,
  window: TimeWindow,
): number | null {
  return personHours ?? eventHours ?? windowHours(window);
}

/** "2.5", "2,5", "3小时", "3 h", "1.5 hours" → hours rounded to a quarter; null when not a sensible number. */
export function parseHours(text: string): number | null {
  const match = /^\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:h|hrs?|hours?|小时|个小时|时)?\s*$/i.exec(text.normalize("NFKC"));
  const digits = match?.[1];
  if (digits === undefined) return null;
  const hours = Math.round(Number(digits.replace(",", ".")) * 4) / 4;
  return hours > 0 && hours <= MAX_EVENT_HOURS ? hours : null;
}

/** Sums hours, keeping two decimals at most. */
export function totalHours(values: (number | null)[]): number {
  return Math.round(values.reduce<number>((sum, h) => sum + (h ?? 0), 0) * 100) / 100;
}

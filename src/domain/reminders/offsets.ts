/**
 * Reminder offsets: minutes before an exact start, stored on a chat as
 * "1440,60". People type them as "24h, 1h", "1d 30m" or "90".
 */
export const DEFAULT_OFFSETS: readonly number[] = [1440, 60];

/** The longest offset a group may choose: a week. */
export const MAX_OFFSET_MINUTES = 7 * 1440;

/** Offsets as stored ("1440,60"); empty or malformed parts are ignored. Largest first, no duplicates. */
export function parseStoredOffsets(stored: string): number[] {
  const values = stored
    .split(",")
    .map((part) => Number(part.trim()))
    .filter((n) => Number.isInteger(n) && n > 0 && n <= MAX_OFFSET_MINUTES);
  return [...new Set(values)].sort((a, b) => b - a);
}

export function storeOffsets(offsets: readonly number[]): string {
  return offsets.join(",");
}

const UNIT_MINUTES: Record<string, number> = { d: 1440, h: 60, m: 1 };

/**
 * What an organiser typed ("24h, 1h", "1d 2h", "90") as offsets in minutes; null when
 * any part is not a duration between a minute and a week.
 */
export function parseOffsetInput(text: string): number[] | null {
  const parts = text
    .toLowerCase()
    .split(/[,，\s]+/)
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  const offsets: number[] = [];
  for (const part of parts) {
    const minutes = parseDuration(part);
    if (minutes === null || minutes <= 0 || minutes > MAX_OFFSET_MINUTES) return null;
    offsets.push(minutes);
  }
  return [...new Set(offsets)].sort((a, b) => b - a);
}

function parseDuration(part: string): number | null {
  if (/^\d+$/.test(part)) return Number(part);
  if (!/^(\d+[dhm])+$/.test(part)) return null;
  let total = 0;
  for (const [, amount, unit] of part.matchAll(/(\d+)([dhm])/g)) {
    total += Number(amount) * (UNIT_MINUTES[unit ?? ""] ?? 0);
  }
  return total;
}

/** An offset as a compact duration: 1440 → "1d", 90 → "1h30m", 60 → "1h". */
export function formatOffset(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days ? `${days}d` : ""}${hours ? `${hours}h` : ""}${rest ? `${rest}m` : ""}`;
}

/**
 * When one person wants their reminders. A member either follows the times
 * of the group the event belongs to (the default), chooses their own offsets,
 * or turns their reminders off. Pure: the planner and the settings menu both
 * read these rules.
 */
import { DEFAULT_OFFSETS, parseStoredOffsets, storeOffsets } from "./offsets.ts";

/** What a person chose: the group's times, their own offsets, or none. */
export type PersonalReminders = { kind: "group" } | { kind: "own"; offsets: number[] } | { kind: "none" };

/** The choices the private /settings menu offers as buttons, in order (their index is the button's id). */
export const PERSONAL_PRESETS: readonly PersonalReminders[] = [
  { kind: "group" },
  { kind: "own", offsets: [1440, 120] },
  { kind: "own", offsets: [1440] },
  { kind: "own", offsets: [120] },
  { kind: "own", offsets: [60] },
  { kind: "none" },
];

/** A person's stored columns as their choice. Stored offsets that read as nothing mean the group's times. */
export function personalReminders(user: { remindersOn: boolean; reminderOffsets: string | null }): PersonalReminders {
  if (!user.remindersOn) return { kind: "none" };
  const offsets = user.reminderOffsets === null ? [] : parseStoredOffsets(user.reminderOffsets);
  return offsets.length > 0 ? { kind: "own", offsets } : { kind: "group" };
}

/** A choice as the person's stored columns. */
export function storePersonalReminders(choice: PersonalReminders): {
  remindersOn: boolean;
  reminderOffsets: string | null;
} {
  switch (choice.kind) {
    case "none":
      return { remindersOn: false, reminderOffsets: null };
    case "group":
      return { remindersOn: true, reminderOffsets: null };
    case "own":
      return { remindersOn: true, reminderOffsets: storeOffsets(choice.offsets) };
  }
}

/**
 * The group-wide times a member who follows the group gets for an event of an organisation: the times of
 * its first linked group (the lowest chat id, so every planner picks the same one), else the default.
 */
export function groupDefaultOffsets(groupOffsets: readonly string[]): number[] {
  const [first] = groupOffsets;
  const offsets = first === undefined ? [] : parseStoredOffsets(first);
  return offsets.length > 0 ? offsets : [...DEFAULT_OFFSETS];
}

/** The offsets a person is reminded at, given the group's times for the event. Empty: no reminders. */
export function offsetsFor(choice: PersonalReminders, groupTimes: readonly number[]): readonly number[] {
  switch (choice.kind) {
    case "none":
      return [];
    case "group":
      return groupTimes;
    case "own":
      return choice.offsets;
  }
}

/** Are two choices the same (a preset button is shown as chosen)? */
export function sameChoice(a: PersonalReminders, b: PersonalReminders): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== "own" || b.kind !== "own" || storeOffsets(a.offsets) === storeOffsets(b.offsets);
}

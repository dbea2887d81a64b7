/**
 * The choices the group /settings menu offers as buttons (a button's id is the index here). Anything else
 * can still be typed: `/settings reminders 2d,3h`, `/settings summary 7:45`.
 */
export const GROUP_OFFSET_PRESETS: readonly (readonly number[])[] = [[1440, 60], [1440, 120], [1440], [120], [60]];
/** The button after the presets: the group gets no reminders. */
export const GROUP_REMINDERS_OFF = GROUP_OFFSET_PRESETS.length;

export const SUMMARY_TIME_PRESETS: readonly string[] = ["07:00", "08:00", "09:00", "12:00", "18:00", "20:00"];
/** The buttons after the times: summary off, and the summary on days with nothing new (yes / no). */
export const SUMMARY_OFF = SUMMARY_TIME_PRESETS.length;
export const SUMMARY_QUIET_YES = SUMMARY_OFF + 1;
export const SUMMARY_QUIET_NO = SUMMARY_OFF + 2;

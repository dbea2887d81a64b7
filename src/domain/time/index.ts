/** Event time windows: parsing fuzzy times, saying them, and comparing them. */
export { describeNote, type NoteText } from "./ambiguity.ts";
export { atLocalTime, localDate, startOfLocalDay } from "./calendar.ts";
export { formatTimeWindow } from "./format.ts";
export { parseTimeWindow } from "./parse.ts";
export type { ParseContext, ParseErrorCode, ParseResult, TimeNote } from "./spec.ts";
export {
  compareWindows,
  isUpcoming,
  type Precision,
  type TimeLocale,
  type TimeWindow,
  windowHours,
} from "./window.ts";

import { decodePattern, describePattern } from "../domain/recurrence.ts";
import { encodeCallback } from "./callback-data.ts";
import type { ViewContext } from "./event-views.ts";
import { type Button, callbackButton } from "./view.ts";

/** Where an occurrence of a recurring activity stands: its pattern, how many are left from it on, the last one. */
export interface SeriesShown {
  /** as stored on the series (domain/recurrence.ts `encodePattern`) */
  pattern: string;
  /** live occurrences from this one on, this one included */
  left: number;
  lastStart: Date;
  /** false: no "sign up for all" (the event asks questions at sign-up, answered for each date) */
  signUpAll?: boolean;
}

/** "每周六" / "every Saturday". */
export function patternText(pattern: string, v: Pick<ViewContext, "locale">): string {
  const decoded = decodePattern(pattern);
  return decoded ? describePattern(decoded, v.locale) : "";
}

/** "12月26日" / "26 Dec" on the wall calendar of `timeZone`. */
export function shortDate(date: Date, timeZone: string, v: Pick<ViewContext, "locale">): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, month: "short", day: "numeric" }).formatToParts(date);
  const day = parts.find((p) => p.type === "day")?.value ?? "";
  if (v.locale === "en") return `${day} ${parts.find((p) => p.type === "month")?.value ?? ""}`;
  const month = new Intl.DateTimeFormat("en-GB", { timeZone, month: "numeric" }).format(date);
  return `${Number(month)}月${Number(day)}日`;
}

/** "🔁 每周六 · 本次起还有 30 次（至12月26日）" on the card and in the /events list. */
export function seriesLine(s: SeriesShown, timeZone: string, v: ViewContext): string {
  const last = shortDate(s.lastStart, timeZone, v);
  return v.t("series-line", { rule: patternText(s.pattern, v), count: s.left, final: last });
}

/** The card's "sign up for all upcoming" and "cancel all upcoming" buttons, while more than this one is left. */
export function seriesRows(eventId: number, s: SeriesShown | null | undefined, v: ViewContext): Button[][] {
  if (!s || s.left <= 1 || s.signUpAll === false) return [];
  return [
    [
      callbackButton(v.t("btn-signup-series", { count: s.left }), encodeCallback("signUpSeries", eventId)),
      callbackButton(v.t("btn-cancel-series"), encodeCallback("cancelSeries", eventId)),
    ],
  ];
}

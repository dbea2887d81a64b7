import { parseTimeWindow } from "./time/parse.ts";
import type { TimeWindow } from "./time/window.ts";

/**
 * Validation of each part of an event as an organiser types it (pure; takes
 * `now`). Every failure names its field and a message key, so the user can fix
 * just that part.
 */
export type FormField = "title" | "time" | "place" | "details" | "capacity" | "deadline";

export type FieldResult<T> = { ok: true; value: T } | { ok: false; field: FormField; error: string; value?: string };

export interface FormContext {
  timeZone: string;
  now: Date;
  locale: "zh-CN" | "en";
}

export const TITLE_MAX = 200;
export const PLACE_MAX = 300;
export const DETAILS_MAX = 3000;
export const CAPACITY_MAX = 100_000;

const onlineWords = new Set(["线上", "线上活动", "网上", "online", "online event", "virtual"]);
const unlimitedWords = new Set(["不限", "不限名额", "无限", "无", "-", "unlimited", "no limit", "none", "∞"]);
const noDeadlineWords = new Set(["无", "不限", "没有", "-", "none", "no", "no deadline"]);

const clean = (text: string) => text.replace(/\s+/g, " ").trim();

export function checkTitle(text: string): FieldResult<string> {
  const title = clean(text);
  if (!title) return { ok: false, field: "title", error: "form-title-empty" };
  if (Array.from(title).length > TITLE_MAX) return { ok: false, field: "title", error: "form-title-too-long" };
  return { ok: true, value: title };
}

export function checkTime(text: string, ctx: FormContext): FieldResult<TimeWindow> {
  const parsed = parseTimeWindow(text, { timeZone: ctx.timeZone, now: ctx.now, locale: ctx.locale });
  if (!parsed.ok) return { ok: false, field: "time", error: `form-time-${parsed.error}`, value: clean(text) };
  if (parsed.window.end.getTime() <= ctx.now.getTime())
    return { ok: false, field: "time", error: "form-time-past", value: clean(text) };
  return { ok: true, value: parsed.window };
}

export function checkPlace(text: string): FieldResult<{ place: string | null; online: boolean }> {
  const place = clean(text);
  if (!place) return { ok: false, field: "place", error: "form-place-empty" };
  if (onlineWords.has(place.toLowerCase())) return { ok: true, value: { place: null, online: true } };
  if (Array.from(place).length > PLACE_MAX) return { ok: false, field: "place", error: "form-place-too-long" };
  return { ok: true, value: { place, online: false } };
}

export function checkDetails(text: string): FieldResult<string> {
  const details = text.trim();
  if (Array.from(details).length > DETAILS_MAX) return { ok: false, field: "details", error: "form-details-too-long" };
  return { ok: true, value: details };
}

export function checkCapacity(text: string): FieldResult<number | null> {
  const value = clean(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(人|个|名|places?|people)$/i, "")
    .trim();
  if (value === "" || unlimitedWords.has(value.toLowerCase())) return { ok: true, value: null };
  if (!/^\d+$/.test(value))
    return { ok: false, field: "capacity", error: "form-capacity-not-number", value: clean(text) };
  const n = Number(value);
  if (n < 1 || n > CAPACITY_MAX)
    return { ok: false, field: "capacity", error: "form-capacity-range", value: clean(text) };
  return { ok: true, value: n };
}

/** A deadline is an instant: a clock time, or a day (then the end of that day). It must be before the event ends. */
export function checkDeadline(text: string, window: TimeWindow, ctx: FormContext): FieldResult<Date | null> {
  const value = clean(text);
  if (value === "" || noDeadlineWords.has(value.toLowerCase())) return { ok: true, value: null };
  const parsed = parseTimeWindow(value, { timeZone: ctx.timeZone, now: ctx.now, locale: ctx.locale });
  if (!parsed.ok) return { ok: false, field: "deadline", error: `form-time-${parsed.error}`, value };
  const at = parsed.window.precision === "exact" ? parsed.window.start : parsed.window.end;
  if (at.getTime() <= ctx.now.getTime()) return { ok: false, field: "deadline", error: "form-deadline-past", value };
  if (at.getTime() > window.end.getTime())
    return { ok: false, field: "deadline", error: "form-deadline-after-event", value };
  return { ok: true, value: at };
}

export interface EventDraft {
  title?: string;
  window?: TimeWindow;
  timeText?: string;
  place?: string | null;
  online?: boolean;
  details?: string | null;
  capacity?: number | null;
  deadline?: Date | null;
}

export interface OneLineResult {
  draft: EventDraft;
  errors: Extract<FieldResult<unknown>, { ok: false }>[];
}

/** `标题 | 6月28日 9:00-11:30 | 地点 | 20 [| 截止]` — each part checked on its own. */
export function parseOneLine(text: string, ctx: FormContext): OneLineResult {
  const [title = "", time = "", place = "", capacity = "", deadline = ""] = text.split(/\s*[|｜]\s*/);
  const draft: EventDraft = {};
  const errors: OneLineResult["errors"] = [];
  const t = checkTitle(title);
  if (t.ok) draft.title = t.value;
  else errors.push(t);
  const w = checkTime(time, ctx);
  if (w.ok) {
    draft.window = w.value;
    draft.timeText = clean(time);
  } else errors.push(w);
  const p = checkPlace(place);
  if (p.ok) Object.assign(draft, p.value);
  else errors.push(p);
  const c = checkCapacity(capacity);
  if (c.ok) draft.capacity = c.value;
  else errors.push(c);
  if (draft.window) {
    const d = checkDeadline(deadline, draft.window, ctx);
    if (d.ok) draft.deadline = d.value;
    else errors.push(d);
  }
  return { draft, errors };
}

/** The next part the guided conversation still needs. */
export function nextMissing(draft: EventDraft): FormField | null {
  if (draft.title === undefined) return "title";
  if (draft.window === undefined) return "time";
  if (draft.place === undefined && draft.online === undefined) return "place";
  if (draft.details === undefined) return "details";
  if (draft.capacity === undefined) return "capacity";
  if (draft.deadline === undefined) return "deadline";
  return null;
}

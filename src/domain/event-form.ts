import type { TelegramId } from "../telegram-id.ts";
import { parseQuestions, type QuestionInput } from "./questions.ts";
import { encodePattern, MAX_OCCURRENCES as MAX_SERIES, parseRecurrence, type SeriesEnd } from "./recurrence.ts";
import { parseRoles, placesOfRoles, type RoleInput } from "./roles.ts";
import { cleanText, cutToFit, isInvisible } from "./text-hygiene.ts";
import { parseTimeWindow } from "./time/parse.ts";
import type { TimeNote } from "./time/spec.ts";
import type { TimeWindow } from "./time/window.ts";

/**
 * Validation of each part of an event as an organiser types it (pure; takes
 * `now`). Every failure names its field and a message key, so the user can fix
 * just that part.
 */
export type FormField =
  | "title"
  | "time"
  | "place"
  | "details"
  | "capacity"
  | "deadline"
  | "roles"
  | "guests"
  | "questions"
  | "offer";

/** `shortened`: the text was longer than fits on a card and was cut (the reply says so). */
export type FieldResult<T> = { ok: true; value: T; shortened?: true } | FieldError;

/** A part that is not valid: which, the message key, and the text as typed (for the message). */
export interface FieldError {
  ok: false;
  field: FormField;
  error: string;
  value?: string;
  /** more arguments of the message (a series' count and the most it may have) */
  args?: Record<string, number>;
}

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

/** Bidi overrides and control characters removed, white space collapsed (domain/text-hygiene.ts). */
const clean = (text: string) => cleanText(text, Number.MAX_SAFE_INTEGER).replace(/\s+/g, " ").trim();

export function checkTitle(text: string): FieldResult<string> {
  const title = clean(text);
  if (!title) return { ok: false, field: "title", error: "form-title-empty" };
  if (isInvisible(title)) return { ok: false, field: "title", error: "form-title-invisible" };
  const cut = cutToFit(title, TITLE_MAX);
  return cut.shortened ? { ok: true, value: cut.value, shortened: true } : { ok: true, value: title };
}

export function checkTime(text: string, ctx: FormContext): FieldResult<TimeWindow> {
  const parsed = parseTimeWindow(text, { timeZone: ctx.timeZone, now: ctx.now, locale: ctx.locale });
  if (!parsed.ok) return { ok: false, field: "time", error: `form-time-${parsed.error}`, value: clean(text) };
  if (parsed.window.end.getTime() <= ctx.now.getTime())
    return { ok: false, field: "time", error: "form-time-past", value: clean(text) };
  return { ok: true, value: parsed.window };
}

/** A recurring activity as the draft keeps it: which days, how many occurrences, how its end was given. */
export interface SeriesDraft {
  pattern: string;
  count: number;
  end: SeriesEnd;
}

/**
 * A time, or a recurring time ("每周六 9:00-11:00 至12月31日", domain/recurrence.ts): then `window` is the first
 * occurrence's and `series` says the rest (the occurrences are read again from the text when the event is made).
 */
export function checkTimeOrSeries(
  text: string,
  ctx: FormContext,
): FieldResult<{ window: TimeWindow; series?: SeriesDraft }> {
  const recurrence = parseRecurrence(text, { timeZone: ctx.timeZone, now: ctx.now, locale: ctx.locale });
  if (recurrence === null) {
    const one = checkTime(text, ctx);
    return one.ok ? { ok: true, value: { window: one.value } } : one;
  }
  if (!recurrence.ok) {
    const args = recurrence.count === undefined ? {} : { args: { count: recurrence.count, max: MAX_SERIES } };
    return { ok: false, field: "time", error: `form-time-${recurrence.error}`, value: clean(text), ...args };
  }
  const { pattern, occurrences, end } = recurrence.series;
  const [first] = occurrences;
  if (!first) return { ok: false, field: "time", error: "form-time-series_empty", value: clean(text) };
  return {
    ok: true,
    value: { window: first, series: { pattern: encodePattern(pattern), count: occurrences.length, end } },
  };
}

/** The readings of a time worth saying back (a date read as next year's, 下周六 as next week's …). */
export function timeNotes(text: string, ctx: FormContext): TimeNote[] {
  const parsed = parseTimeWindow(text, { timeZone: ctx.timeZone, now: ctx.now, locale: ctx.locale });
  return parsed.ok ? (parsed.notes ?? []) : [];
}

export function checkPlace(text: string): FieldResult<{ place: string | null; online: boolean }> {
  const place = clean(text);
  if (!place) return { ok: false, field: "place", error: "form-place-empty" };
  if (isInvisible(place)) return { ok: false, field: "place", error: "form-place-invisible" };
  if (onlineWords.has(place.toLowerCase())) return { ok: true, value: { place: null, online: true } };
  const cut = cutToFit(place, PLACE_MAX);
  return cut.shortened
    ? { ok: true, value: { place: cut.value, online: false }, shortened: true }
    : { ok: true, value: { place, online: false } };
}

export function checkDetails(text: string): FieldResult<string> {
  const details = cleanText(text, Number.MAX_SAFE_INTEGER, { multiline: true });
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

export const GUESTS_MAX = 5;

/** How many guests (+1, +2…) a member may bring: 0 to 5; "+2" and "2人" read as 2, "不" / "no" as 0. */
export function checkGuests(text: string): FieldResult<number> {
  const value = clean(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/^[+＋]/, "")
    .replace(/(人|位|名|guests?)$/i, "")
    .trim();
  if (value === "" || noDeadlineWords.has(value.toLowerCase()) || value === "不可以" || value === "不能") {
    return { ok: true, value: 0 };
  }
  if (!/^\d+$/.test(value) || Number(value) > GUESTS_MAX)
    return { ok: false, field: "guests", error: "form-guests-range", value: clean(text) };
  return { ok: true, value: Number(value) };
}

/** Roles with their own places (domain/roles.ts); "无" / "none" = no roles. */
export function checkRoles(text: string): FieldResult<RoleInput[]> {
  const result = parseRoles(text);
  if (result.ok) return { ok: true, value: result.roles };
  return { ok: false, field: "roles", error: `form-${result.error}`, value: result.value ?? clean(text) };
}

/** Questions asked in private after the tap (domain/questions.ts); "无" / "none" = none. */
export function checkQuestions(text: string): FieldResult<QuestionInput[]> {
  const result = parseQuestions(text);
  if (result.ok) return { ok: true, value: result.questions };
  return { ok: false, field: "questions", error: `form-${result.error}`, value: result.value ?? clean(text) };
}

export const OFFER_MINUTES_MIN = 10;
export const OFFER_MINUTES_MAX = 48 * 60;
const offerOffWords = new Set(["无", "不", "否", "关", "关闭", "自动", "off", "no", "none", "auto", "automatic"]);
const offerOnWords = new Set(["是", "开", "开启", "要", "yes", "on"]);

/**
 * How long a freed place is offered to the first on the waitlist: "2小时", "90分钟", "1.5h", "45 min"; "是" / "yes"
 * for the default two hours; "自动" / "off" (or nothing) for automatic promotion, as without offers.
 */
export function checkOffer(text: string): FieldResult<number | null> {
  const value = clean(text)
    .replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .toLowerCase();
  if (value === "" || offerOffWords.has(value)) return { ok: true, value: null };
  if (offerOnWords.has(value)) return { ok: true, value: 120 };
  const match = /^(\d+(?:\.\d+)?)\s*(小时|个小时|钟头|h|hrs?|hours?|分钟|分|m|mins?|minutes?)?$/.exec(value);
  const unit = match?.[2] ?? "小时";
  const minutes = match ? Math.round(Number(match[1]) * (/^(分|m)/.test(unit) ? 1 : 60)) : Number.NaN;
  if (!(minutes >= OFFER_MINUTES_MIN && minutes <= OFFER_MINUTES_MAX)) {
    return { ok: false, field: "offer", error: "form-offer-range", value: clean(text) };
  }
  return { ok: true, value: minutes };
}

export interface EventDraft {
  title?: string;
  window?: TimeWindow;
  timeText?: string;
  /** a recurring activity: `window` is its first occurrence */
  series?: SeriesDraft;
  place?: string | null;
  online?: boolean;
  details?: string | null;
  capacity?: number | null;
  deadline?: Date | null;
  /** roles with their own places; then the event's places are theirs */
  roles?: RoleInput[];
  /** guests a member may bring */
  guests?: number;
  /** questions asked in private after the tap */
  questions?: QuestionInput[];
  /** minutes a freed place is offered to the first on the waitlist; null = promoted automatically */
  offerMinutes?: number | null;
}

export interface OneLineResult {
  draft: EventDraft;
  errors: FieldError[];
  /** parts that were too long for a card and were cut (to be said in the reply) */
  shortened: FormField[];
}

/**
 * `标题 | 6月28日 9:00-11:30 | 地点 | 20 [| 截止]` — each part checked on its own. The places part may be
 * roles instead of a number: `义诊 | 6月28日 | 洞桥 | 义诊医生 2 · 家具维修 3`, and may end in `+2`: each
 * member may bring up to two guests.
 */
export function parseOneLine(text: string, ctx: FormContext): OneLineResult {
  const [title = "", time = "", place = "", places = "", deadline = ""] = text.split(/\s*[|｜]\s*/);
  // "30 +2": 30 places, and each member may bring up to 2 guests
  const plus = /\s*[+＋]\s*([0-9０-９])\s*$/.exec(places);
  const capacity = plus ? places.slice(0, plus.index) : places;
  const draft: EventDraft = {};
  const errors: OneLineResult["errors"] = [];
  const shortened: FormField[] = [];
  const t = checkTitle(title);
  if (t.ok && t.shortened) shortened.push("title");
  if (t.ok) draft.title = t.value;
  else errors.push(t);
  const w = checkTimeOrSeries(time, ctx);
  if (w.ok) {
    draft.window = w.value.window;
    draft.timeText = clean(time);
    if (w.value.series) draft.series = w.value.series;
  } else errors.push(w);
  const p = checkPlace(place);
  if (p.ok && p.shortened) shortened.push("place");
  if (p.ok) Object.assign(draft, p.value);
  else errors.push(p);
  const c = checkCapacity(capacity);
  // roles in the places part: several items, or one with its places ("很多" alone stays a wrong number)
  const listed = /[·•・、,，;；/]/.test(capacity);
  const r = c.ok ? null : checkRoles(capacity);
  if (c.ok) draft.capacity = c.value;
  else if (r?.ok && r.value.length > 0 && (listed || r.value.some((role) => role.capacity !== null))) {
    draft.roles = r.value;
    draft.capacity = placesOfRoles(r.value);
  } else errors.push(r && !r.ok && listed ? r : c);
  if (plus) {
    const g = checkGuests(plus[1] ?? "");
    if (g.ok) draft.guests = g.value;
    else errors.push(g);
  }
  if (draft.window) {
    const d = checkDeadline(deadline, draft.window, ctx);
    if (d.ok) draft.deadline = d.value;
    else errors.push(d);
  }
  return { draft, errors, shortened };
}

/** What one edited part changes on an existing event (the events service's `EventPatch` accepts it). */
export interface EventFormPatch {
  title?: string;
  window?: TimeWindow;
  timeText?: string | null;
  place?: string | null;
  online?: boolean;
  content?: string | null;
  capacity?: number | null;
  signupDeadline?: Date | null;
  roles?: RoleInput[];
  maxGuests?: number;
  questions?: QuestionInput[];
  offerMinutes?: number | null;
}

/** The value each part holds once its text is valid. */
interface FieldValues {
  title: string;
  time: { window: TimeWindow; series?: SeriesDraft };
  place: { place: string | null; online: boolean };
  details: string | null;
  capacity: number | null;
  deadline: Date | null;
  roles: RoleInput[];
  guests: number;
  questions: QuestionInput[];
  offer: number | null;
}

/** Everything about one part of the form, in one place. */
interface FieldRule<T> {
  /** reads the typed text; `current` is the draft so far (or the event being edited) */
  check(text: string, current: EventDraft, form: FormContext): FieldResult<T>;
  /** the draft with a valid value in it */
  put(draft: EventDraft, value: T, text: string): EventDraft;
  /** what a valid value changes on an existing event (/edit) */
  patch(value: T, text: string): EventFormPatch;
  /** the guided form still has to ask for it */
  missing(draft: EventDraft): boolean;
  /**
   * An optional part's button: its answer number (the callback `arg`: buttons in old messages carry it, so keep
   * it; 0 and 1 are the time step's), its label (a message key) and the value it stands for.
   */
  skip?: { answer: number; label: string; value: T };
}

const rules: { [F in FormField]: FieldRule<FieldValues[F]> } = {
  title: {
    check: checkTitle,
    put: (draft, title) => ({ ...draft, title }),
    patch: (title) => ({ title }),
    missing: (draft) => draft.title === undefined,
  },
  time: {
    check: (text, _current, form) => checkTimeOrSeries(text, form),
    put: (draft, { window, series }, text) => ({
      ...withoutSeries(draft),
      window,
      timeText: text.trim(),
      ...(series ? { series } : {}),
    }),
    // a recurring time's `series` is in the answer's draft: /edit decides what it does to the event
    patch: ({ window }, text) => ({ window, timeText: text.trim() }),
    missing: (draft) => draft.window === undefined,
  },
  place: {
    check: checkPlace,
    put: (draft, { place, online }) => ({ ...draft, place, online }),
    patch: ({ place, online }) => ({ place, online }),
    missing: (draft) => draft.place === undefined && draft.online === undefined,
  },
  details: {
    check: (text) => {
      const result = checkDetails(text);
      return result.ok ? { ok: true, value: result.value || null } : result;
    },
    put: (draft, details) => ({ ...draft, details }),
    patch: (content) => ({ content }),
    missing: (draft) => draft.details === undefined,
    skip: { answer: 2, label: "form-btn-skip", value: null },
  },
  capacity: {
    check: checkCapacity,
    put: (draft, capacity) => ({ ...draft, capacity }),
    patch: (capacity) => ({ capacity }),
    missing: (draft) => draft.capacity === undefined,
    skip: { answer: 3, label: "form-btn-unlimited", value: null },
  },
  deadline: {
    check: (text, current, form) =>
      current.window
        ? checkDeadline(text, current.window, form)
        : { ok: false, field: "deadline", error: "form-time-not_understood" },
    put: (draft, deadline) => ({ ...draft, deadline }),
    patch: (signupDeadline) => ({ signupDeadline }),
    missing: (draft) => draft.deadline === undefined,
    skip: { answer: 4, label: "form-btn-no-deadline", value: null },
  },
  // never asked in turn: the guided form offers it as a button before posting, /edit as one of the parts
  roles: {
    check: checkRoles,
    put: (draft, roles) => ({ ...draft, roles, ...(roles.length > 0 ? { capacity: placesOfRoles(roles) } : {}) }),
    patch: (roles) => ({ roles, ...(roles.length > 0 ? { capacity: placesOfRoles(roles) } : {}) }),
    missing: () => false,
    skip: { answer: 5, label: "roles-btn-none", value: [] },
  },
  // never asked in turn either: a button before posting, and a part in /edit
  guests: {
    check: checkGuests,
    put: (draft, guests) => ({ ...draft, guests }),
    patch: (maxGuests) => ({ maxGuests }),
    missing: () => false,
    skip: { answer: 6, label: "guests-btn-none", value: 0 },
  },
  // not asked in turn either: a button before posting, and a part in /edit
  questions: {
    check: checkQuestions,
    put: (draft, questions) => ({ ...draft, questions }),
    patch: (questions) => ({ questions }),
    missing: () => false,
    skip: { answer: 7, label: "questions-btn-none", value: [] },
  },
  offer: {
    check: checkOffer,
    put: (draft, offerMinutes) => ({ ...draft, offerMinutes }),
    patch: (offerMinutes) => ({ offerMinutes }),
    missing: () => false,
    skip: { answer: 8, label: "offer-btn-off", value: null },
  },
};

function withoutSeries({ series: _series, ...draft }: EventDraft): EventDraft {
  return draft;
}

/** The parts in the order the guided form asks for them (also the order /edit offers them). */
export const formFields: readonly FormField[] = [
  "title",
  "time",
  "place",
  "details",
  "capacity",
  "deadline",
  "roles",
  "guests",
  "questions",
  "offer",
];

export function isFormField(step: string): step is FormField {
  return formFields.some((field) => field === step);
}

/** The next part the guided conversation still needs. */
export function nextMissing(draft: EventDraft): FormField | null {
  return formFields.find((field) => rules[field].missing(draft)) ?? null;
}

/** A typed answer for one part: the draft with it, and what it changes on an event; or what is wrong. */
export type FieldAnswer = { ok: true; draft: EventDraft; patch: EventFormPatch; shortened?: true } | FieldError;

export function answerField<F extends FormField>(
  field: F,
  text: string,
  current: EventDraft,
  form: FormContext,
): FieldAnswer {
  const rule: FieldRule<FieldValues[F]> = rules[field];
  const result = rule.check(text, current, form);
  if (!result.ok) return result;
  const answer = {
    ok: true as const,
    draft: rule.put(current, result.value, text),
    patch: rule.patch(result.value, text),
  };
  return result.shortened ? { ...answer, shortened: true } : answer;
}

/** The button that leaves an optional part out: its answer number and label (message key). */
export function skipButton(field: FormField): { answer: number; label: string } | null {
  const skip = rules[field].skip;
  return skip ? { answer: skip.answer, label: skip.label } : null;
}

/** The part a skip button's answer number belongs to. */
export function skippedField(answer: number): FormField | null {
  return formFields.find((field) => rules[field].skip?.answer === answer) ?? null;
}

/** The draft with an optional part left out (null when the part has no skip button). */
export function skipField<F extends FormField>(field: F, draft: EventDraft): EventDraft | null {
  const rule: FieldRule<FieldValues[F]> = rules[field];
  return rule.skip ? rule.put(draft, rule.skip.value, "") : null;
}

/** The fields of a new event (the events service's `EventInput`). */
export interface NewEventFields extends Required<EventFormPatch> {
  organisationId: number;
  createdById: TelegramId;
  campaignId: number | null;
}

/** One way from a finished draft to a new event (with who creates it and what it joins); null without title or time. */
export function eventInputFromDraft(
  draft: EventDraft,
  owner: { organisationId: number; createdById: TelegramId; campaignId?: number | null },
): NewEventFields | null {
  const { title, window } = draft;
  if (title === undefined || window === undefined) return null;
  return {
    organisationId: owner.organisationId,
    title,
    window,
    timeText: draft.timeText ?? null,
    place: draft.place ?? null,
    online: draft.online ?? false,
    content: draft.details ?? null,
    capacity: draft.roles?.length ? placesOfRoles(draft.roles) : (draft.capacity ?? null),
    signupDeadline: draft.deadline ?? null,
    roles: draft.roles ?? [],
    maxGuests: draft.guests ?? 0,
    questions: draft.questions ?? [],
    offerMinutes: draft.offerMinutes ?? null,
    createdById: owner.createdById,
    campaignId: owner.campaignId ?? null,
  };
}

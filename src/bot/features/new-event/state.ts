import type { EventDraft, FormField } from "../../../domain/event-form.ts";
import type { TimeWindow } from "../../../domain/time/window.ts";
import { conversationKind } from "../../../services/conversations.ts";
import { parseTelegramId, type TelegramId } from "../../../telegram-id.ts";

/** A draft as stored: its instants as ISO strings (the conversation is stored as JSON). */
export interface StoredDraft extends Omit<EventDraft, "window" | "deadline"> {
  window?: Omit<TimeWindow, "start" | "end"> & { start: string; end: string };
  deadline?: string | null;
}

/** Where the guided /newevent stands. Steps: "org", a form field, "time-confirm", "groups". */
export interface NewEventState {
  /** absent while the organisation is being chosen */
  orgId?: number;
  draft: StoredDraft;
  /** group chats to post to */
  groups?: TelegramId[];
  /** the campaign (e.g. the public-welfare day) the event joins, if any */
  campaignId?: number | null;
  /** the group the organiser came from: the one to post to unless they choose otherwise */
  fromChat?: TelegramId;
}

/** A guided /newevent past choosing the organisation. */
export type StartedState = NewEventState & { orgId: number };

export function started(state: NewEventState): state is StartedState {
  return state.orgId !== undefined;
}

/**
 * Where /edit stands. Step: the form field being typed, "scope" (the answer waits for "this one or all later
 * ones?"), or "notify" (the answer waits for "tell the members?").
 */
export interface EditState {
  eventId: number;
  /** at "notify": the part and the text typed for it, applied once the organiser chose */
  field?: FormField;
  text?: string;
  /** an occurrence of a recurring activity: this one only, or this and every later one */
  scope?: "one" | "future";
}

/**
 * Version 2: group ids are Telegram ids (bigint) and the state is stored in a
 * versioned envelope. Rows from before (no version) get "please start again".
 */
export const newEventKind = conversationKind<NewEventState>("newevent", 2);

/** Version 2: only the event is kept (before: a whole new-event state with an empty draft). */
export const editKind = conversationKind<EditState>("edit", 2);

export function storeDraft(d: EventDraft): StoredDraft {
  const { window, deadline, ...rest } = d;
  return {
    ...rest,
    ...(window ? { window: { ...window, start: window.start.toISOString(), end: window.end.toISOString() } } : {}),
    ...(deadline !== undefined ? { deadline: deadline?.toISOString() ?? null } : {}),
  };
}

export function loadDraft(s: StoredDraft): EventDraft {
  const { window, deadline, ...rest } = s;
  return {
    ...rest,
    ...(window ? { window: { ...window, start: new Date(window.start), end: new Date(window.end) } } : {}),
    ...(deadline !== undefined ? { deadline: deadline === null ? null : new Date(deadline) } : {}),
  };
}

/** The group of a `new_<chat id>` deep link (see `newEventLink`). */
export function groupOfLink(payload: string): TelegramId | null {
  const digits = /^new_(-?\d+)$/.exec(payload)?.[1];
  return digits === undefined ? null : parseTelegramId(digits);
}

/** The deep-link payload that continues a group's /newevent in the private chat. */
export function newEventLink(groupId: TelegramId): string {
  return `new_${groupId}`;
}

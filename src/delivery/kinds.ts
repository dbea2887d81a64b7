/**
 * Every kind of delivery the bot sends on its own, declared once: its
 * idempotency key, its guarantee, when it stops being useful, and whether it
 * is rendered at send time (by the renderer of the same name, see render.ts)
 * or stored as a ready Bot API call. The outbox (crash recovery), the
 * planners and the notifier (building rows), and the sender's renderer
 * (reading them back) all go through this table: a new kind is one entry
 * here plus, if rendered, its renderer.
 *
 * Guarantees (see outbox.ts for how they are kept):
 * - at-most-once: scheduled messages into groups and reminders. A second copy
 *   is noise in every member's chat and cannot be taken back; a crash between
 *   sending and bookkeeping loses that one message instead.
 * - at-least-once: personal notices someone must not miss (a place from the
 *   waitlist, a cancellation). An interrupted one is sent again.
 */
import type { Slot } from "../domain/reminders/plan.ts";
import type { TelegramId } from "../telegram-id.ts";

export type Guarantee = "at-most-once" | "at-least-once";

/** A Bot API call ready to make: method name and its parameters (`chat_id` is added when it is sent). */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
}

/** A row for the outbox, as the registry builds it (outbox.ts inserts it). */
export interface NewDelivery {
  key: string;
  kind: DeliveryKind;
  chatId: TelegramId;
  /** a ready Bot API call, or the arguments its renderer takes at send time */
  payload: ApiCall | { render: RenderedKind; args: unknown };
  dueAt: Date;
  /** after this instant the delivery is no longer useful: it becomes `missed` instead of being sent */
  expiresAt: Date | null;
  eventId: number | null;
}

/** Render arguments of an event reminder: the event start it was planned for (a reminder for another start is not sent). */
export interface ReminderArgs {
  eventId: number;
  slot: string;
  start: string;
}

export interface SummaryArgs {
  /** the group's local date the summary is for */
  date: string;
}

/** One reminder of an event, to a group, a member or an organiser, at one slot before the start. */
export interface ReminderPlan {
  eventId: number;
  start: Date;
  to: TelegramId;
  slot: Slot;
}

export interface SummaryPlan {
  chatId: TelegramId;
  slot: Slot;
}

/** A waitlisted member got a place: told privately, or in the group where they signed up if they never started the bot. */
export interface PromotionPlan {
  eventId: number;
  userId: TelegramId;
  /** the sign-up's tap order: promoted again after signing up again is a new notice */
  seq: number;
  to: TelegramId;
  eventEndsAt: Date;
  now: Date;
  call: ApiCall;
}

export interface CancellationPlan {
  eventId: number;
  to: TelegramId;
  now: Date;
  call: ApiCall;
}

/** An organiser changed an event's time or place and chose to tell the people signed up (services/change-notices.ts). */
export interface ChangeNoticePlan {
  eventId: number;
  /** the event's edit number: each edit is told once */
  sequence: number;
  to: TelegramId;
  /** a group's notice is split into parts of at most 40 mentions */
  part: number;
  eventEndsAt: Date;
  now: Date;
  call: ApiCall;
}

/** A freed place offered to the first on the waitlist (events with offers): rendered when sent, dropped once the offer is over. */
export interface OfferPlan {
  eventId: number;
  userId: TelegramId;
  /** the sign-up's tap order: an offer after signing up again is a new notice */
  seq: number;
  /** the member privately, or the group where they signed up if they never started the bot */
  to: TelegramId;
  now: Date;
  /** when the offer ends (then the notice is useless) */
  until: Date;
}

export interface OfferArgs {
  eventId: number;
  userId: string;
  seq: number;
}

/** A place held for someone was given up (questions not answered, offer not accepted in time): they are told. */
export interface ReleasePlan {
  eventId: number;
  userId: TelegramId;
  seq: number;
  to: TelegramId;
  eventEndsAt: Date;
  now: Date;
  call: ApiCall;
}

interface KindSpec<In> {
  guarantee: Guarantee;
  /** the idempotency key: planning the same delivery twice (a restart, two instances) inserts one row */
  key(input: In): string;
  /** when the delivery stops being useful (then it is `missed`); null: never */
  expiresAt(input: In): Date | null;
  /** where and when it goes, and the event it is about (replanning and cancelling find it by that) */
  address(input: In): { chatId: TelegramId; dueAt: Date; eventId: number | null };
}

/** Rendered when it is sent, so places left, waitlist positions and settings are current. */
interface RenderedSpec<In, Args> extends KindSpec<In> {
  args(input: In): Args;
  /** the stored arguments read back (payloads are JSON from the database); null when malformed */
  parseArgs(json: unknown): Args | null;
}

/** Its payload is a Bot API call built when it was planned. */
interface ReadySpec<In> extends KindSpec<In> {
  call(input: In): ApiCall;
}

/** One field of a JSON value read back from the database (undefined when it is not an object or has no such field). */
export function jsonField(json: unknown, name: string): unknown {
  return typeof json === "object" && json !== null && name in json ? Reflect.get(json, name) : undefined;
}

function parseReminderArgs(json: unknown): ReminderArgs | null {
  const [eventId, slot, start] = [jsonField(json, "eventId"), jsonField(json, "slot"), jsonField(json, "start")];
  if (typeof eventId !== "number" || typeof slot !== "string" || typeof start !== "string") return null;
  return { eventId, slot, start };
}

function eventReminder(kind: string): RenderedSpec<ReminderPlan, ReminderArgs> {
  return {
    guarantee: "at-most-once",
    key: (r) => `${kind}:${r.eventId}:${r.slot.slot}:${r.to}`,
    // useless once the event started (or, for an organiser's attendance prompt, long after it ended)
    expiresAt: (r) => r.slot.expiresAt,
    address: (r) => ({ chatId: r.to, dueAt: r.slot.dueAt, eventId: r.eventId }),
    args: (r) => ({ eventId: r.eventId, slot: r.slot.slot, start: r.start.toISOString() }),
    parseArgs: parseReminderArgs,
  };
}

const rendered = {
  /** `reminder:<event>:<slot>:<group>`: into a group, with the event's card */
  reminder: eventReminder("reminder"),
  /** `member-reminder:<event>:<slot>:<user>`: privately, to someone signed up */
  "member-reminder": eventReminder("member-reminder"),
  /** `organiser-reminder:<event>:<notice>:<user>`: privately, to an organiser (day before, deadline, attendance) */
  "organiser-reminder": eventReminder("organiser-reminder"),
  /** `summary:<group>:<local date>`: the daily summary; useless once its local day ended */
  summary: {
    guarantee: "at-most-once",
    key: (s: SummaryPlan) => `summary:${s.chatId}:${s.slot.slot}`,
    expiresAt: (s: SummaryPlan) => s.slot.expiresAt,
    address: (s: SummaryPlan) => ({ chatId: s.chatId, dueAt: s.slot.dueAt, eventId: null }),
    args: (s: SummaryPlan): SummaryArgs => ({ date: s.slot.slot }),
    parseArgs: (json: unknown): SummaryArgs | null => {
      const date = jsonField(json, "date");
      return typeof date === "string" ? { date } : null;
    },
  },
  /** `offer:<event>:<user>:<seq>`: Accept / Decline, shown only while the offer is open */
  offer: {
    guarantee: "at-least-once",
    key: (o: OfferPlan) => `offer:${o.eventId}:${o.userId}:${o.seq}`,
    expiresAt: (o: OfferPlan) => o.until,
    address: (o: OfferPlan) => ({ chatId: o.to, dueAt: o.now, eventId: o.eventId }),
    args: (o: OfferPlan): OfferArgs => ({ eventId: o.eventId, userId: String(o.userId), seq: o.seq }),
    parseArgs: (json: unknown): OfferArgs | null => {
      const [eventId, userId, seq] = [jsonField(json, "eventId"), jsonField(json, "userId"), jsonField(json, "seq")];
      if (typeof eventId !== "number" || typeof userId !== "string" || typeof seq !== "number") return null;
      return /^\d+$/.test(userId) ? { eventId, userId, seq } : null;
    },
  },
} satisfies Record<string, RenderedSpec<never, unknown>>;

const ready = {
  /** `promotion:<event>:<user>:<seq>`: useless once the event ended */
  promotion: {
    guarantee: "at-least-once",
    key: (p: PromotionPlan) => `promotion:${p.eventId}:${p.userId}:${p.seq}`,
    expiresAt: (p: PromotionPlan) => p.eventEndsAt,
    address: (p: PromotionPlan) => ({ chatId: p.to, dueAt: p.now, eventId: p.eventId }),
    call: (p: PromotionPlan) => p.call,
  },
  /** `event-cancelled:<event>:<chat>`: to everyone signed up and every group that shows the event; never expires */
  "event-cancelled": {
    guarantee: "at-least-once",
    key: (c: CancellationPlan) => `event-cancelled:${c.eventId}:${c.to}`,
    expiresAt: () => null,
    address: (c: CancellationPlan) => ({ chatId: c.to, dueAt: c.now, eventId: c.eventId }),
    call: (c: CancellationPlan) => c.call,
  },
  /** `event-changed:<event>:<edit>:<chat>:<part>`: "time/place changed, old → new"; useless once the event ended */
  "event-changed": {
    guarantee: "at-least-once",
    key: (c: ChangeNoticePlan) => `event-changed:${c.eventId}:${c.sequence}:${c.to}:${c.part}`,
    expiresAt: (c: ChangeNoticePlan) => c.eventEndsAt,
    address: (c: ChangeNoticePlan) => ({ chatId: c.to, dueAt: c.now, eventId: c.eventId }),
    call: (c: ChangeNoticePlan) => c.call,
  },
  /** `released:<event>:<user>:<seq>`: "your held place was released"; useless once the event ended */
  released: {
    guarantee: "at-least-once",
    key: (r: ReleasePlan) => `released:${r.eventId}:${r.userId}:${r.seq}`,
    expiresAt: (r: ReleasePlan) => r.eventEndsAt,
    address: (r: ReleasePlan) => ({ chatId: r.to, dueAt: r.now, eventId: r.eventId }),
    call: (r: ReleasePlan) => r.call,
  },
} satisfies Record<string, ReadySpec<never>>;

type Rendered = typeof rendered;
type Ready = typeof ready;
export type RenderedKind = keyof Rendered;
export type ReadyKind = keyof Ready;
export type DeliveryKind = RenderedKind | ReadyKind;

/** What each rendered kind's renderer receives. */
export type RenderArgs = { [K in RenderedKind]: NonNullable<ReturnType<Rendered[K]["parseArgs"]>> };
/** What planning a delivery of each kind takes. */
export type RenderedInput = { [K in RenderedKind]: Parameters<Rendered[K]["key"]>[0] };
export type ReadyInput = { [K in ReadyKind]: Parameters<Ready[K]["key"]>[0] };

// The same tables, typed per kind, so that code generic over a kind keeps input, arguments and renderer together.
const renderedSpecs: { [K in RenderedKind]: RenderedSpec<RenderedInput[K], RenderArgs[K]> } = rendered;
const readySpecs: { [K in ReadyKind]: ReadySpec<ReadyInput[K]> } = ready;

function build<In>(kind: DeliveryKind, spec: KindSpec<In>, input: In, payload: NewDelivery["payload"]): NewDelivery {
  return { kind, key: spec.key(input), payload, expiresAt: spec.expiresAt(input), ...spec.address(input) };
}

/** The outbox row for a delivery of a kind rendered at send time. */
export function planRendered<K extends RenderedKind>(kind: K, input: RenderedInput[K]): NewDelivery {
  const spec = renderedSpecs[kind];
  return build(kind, spec, input, { render: kind, args: spec.args(input) });
}

/** The outbox row for a delivery whose payload is a ready Bot API call. */
export function planReady<K extends ReadyKind>(kind: K, input: ReadyInput[K]): NewDelivery {
  const spec = readySpecs[kind];
  return build(kind, spec, input, spec.call(input));
}

export function isDeliveryKind(kind: string): kind is DeliveryKind {
  return Object.hasOwn(rendered, kind) || Object.hasOwn(ready, kind);
}

export function isRenderedKind(kind: DeliveryKind): kind is RenderedKind {
  return Object.hasOwn(rendered, kind);
}

/** A rendered kind's stored arguments, checked; null when they do not fit the kind. */
export function parseRenderArgs<K extends RenderedKind>(kind: K, json: unknown): RenderArgs[K] | null {
  return renderedSpecs[kind].parseArgs(json);
}

export function guaranteeOf(kind: DeliveryKind): Guarantee {
  return isRenderedKind(kind) ? renderedSpecs[kind].guarantee : readySpecs[kind].guarantee;
}

export const DELIVERY_KINDS: readonly DeliveryKind[] = [
  ...Object.keys(rendered).filter(isDeliveryKind),
  ...Object.keys(ready).filter(isDeliveryKind),
];

/** Kinds an interrupted send is repeated for (the rest are not sent again). */
export const atLeastOnceKinds: readonly DeliveryKind[] = DELIVERY_KINDS.filter(
  (k) => guaranteeOf(k) === "at-least-once",
);

/** Every reminder of an event (what a new start time or a cancellation retires). */
export const eventReminderKinds = [
  "reminder",
  "member-reminder",
  "organiser-reminder",
] as const satisfies RenderedKind[];

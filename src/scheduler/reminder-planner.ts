import type { NewDelivery, Outbox } from "../delivery/outbox.ts";
import { DEFAULT_OFFSETS, parseStoredOffsets } from "../domain/reminders/offsets.ts";
import { organiserSlots, reminderSlots, type Slot } from "../domain/reminders/plan.ts";
import type { Logger } from "../log.ts";
import type { ChangeFeed } from "../services/changes.ts";
import type { Db } from "../store/database.ts";
import { windowOf } from "../views/event-views.ts";
import { eventReminderKinds, groupReminder, memberReminder, organiserReminder, REMINDER } from "./deliveries.ts";

/** Events are planned once they start within this long (a week of offsets plus a day before). */
const LOOKAHEAD_MS = 8 * 86_400_000;
/** Sign-ups are planned for this long after the first tap of a burst, all together. */
const SIGNUP_PLANNING_DELAY_MS = 2000;
/**
 * `updatedAt` is written by each instance's own clock: a sweep looks back this far past the newest change it
 * saw, so an event changed on an instance whose clock runs a little behind is still picked up.
 */
const SWEEP_OVERLAP_MS = 5 * 60_000;
const BATCH = 500;
const DAY_MS = 86_400_000;
const LIVE = ["published", "closed"] as const;
const GROUP_TYPES = ["group", "supergroup"];

const plannedEvent = {
  id: true,
  organisationId: true,
  startsAt: true,
  endsAt: true,
  precision: true,
  timeZone: true,
  openEnded: true,
  signupDeadline: true,
  createdById: true,
} as const;

type PlannedEvent = {
  id: number;
  organisationId: number;
  startsAt: Date;
  endsAt: Date;
  precision: "exact" | "day" | "part_of_month" | "ongoing";
  timeZone: string;
  openEnded: boolean;
  signupDeadline: Date | null;
  createdById: bigint | null;
};

export interface PlannerDeps {
  db: Db;
  outbox: Outbox;
  logger: Logger;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

const notPast = (now: Date) => (s: Slot) => s.dueAt.getTime() >= now.getTime();

/**
 * Writes the reminders of upcoming events into the outbox: to the groups of
 * the event's organisation (at their offsets), to members who signed up, and
 * to its organisers. Idempotent: a reminder's key is planned once, so sweeps,
 * restarts and other instances may plan the same event again. Slots already
 * due when an event is planned (it was created or moved at the last minute)
 * are skipped; rows planned earlier that fell due during downtime are left to
 * the outbox's recovery (sent if still useful, else `missed`).
 */
export class ReminderPlanner {
  /** the last sweep's horizon (null before the first sweep) */
  private horizon: Date | null = null;
  /** events updated at or after this were not yet seen by a sweep */
  private seenUpdatedAt: Date | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** events whose whole list changed, and members who signed up themselves, since the last planning pass */
  private readonly signedUp = new Set<number>();
  private readonly newMembers = new Map<number, Set<bigint>>();
  private signedUpTimer: NodeJS.Timeout | null = null;
  private clock: () => Date = () => new Date();

  constructor(private readonly deps: PlannerDeps) {}

  /**
   * Plans every event that entered the look-ahead window or changed since the last sweep. Rows planned
   * before a restart stay in the outbox, so the first sweep only looks a day back (day-precision reminders
   * on the day itself) and at the last day's changes. Two index range reads, then the events by id.
   */
  async sweep(now: Date): Promise<number> {
    const { db } = this.deps;
    const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
    const newest = (await db.event.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }))
      ?.updatedAt;
    const live = { status: { in: [...LIVE] }, endsAt: { gt: now } };
    const enteredAfter = this.horizon ?? new Date(now.getTime() - DAY_MS);
    const changedSince = this.seenUpdatedAt
      ? new Date(this.seenUpdatedAt.getTime() - SWEEP_OVERLAP_MS)
      : newest && new Date(newest.getTime() - DAY_MS);
    const [entered, changed] = await Promise.all([
      db.event.findMany({ where: { ...live, startsAt: { gt: enteredAfter, lte: horizon } }, select: { id: true } }),
      changedSince
        ? db.event.findMany({
            where: { ...live, startsAt: { lte: horizon }, updatedAt: { gte: changedSince } },
            select: { id: true },
          })
        : [],
    ]);
    const ids = [...new Set([...entered, ...changed].map((e) => e.id))].sort((a, b) => a - b);
    let planned = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const events = await db.event.findMany({
        where: { id: { in: ids.slice(i, i + BATCH) } },
        select: plannedEvent,
      });
      planned += await this.planEvents(events, now);
    }
    this.horizon = horizon;
    if (newest) this.seenUpdatedAt = newest;
    return planned;
  }

  /** Plans one event's reminders now (it changed, or someone signed up). */
  async planEvent(eventId: number, now: Date): Promise<number> {
    return this.planEventIds([eventId], now);
  }

  /** A group changed its reminder settings: its pending reminders are replaced by a new plan. */
  async replanChat(chatId: bigint, now: Date): Promise<number> {
    await this.deps.outbox.retire({ chatId }, [REMINDER], "reminder settings changed");
    const chat = await this.deps.db.chat.findUnique({ where: { id: chatId }, select: { organisationId: true } });
    if (!chat?.organisationId) return 0;
    const events = await this.deps.db.event.findMany({
      where: {
        organisationId: chat.organisationId,
        status: { in: [...LIVE] },
        endsAt: { gt: now },
        startsAt: { lte: new Date(now.getTime() + LOOKAHEAD_MS) },
      },
      select: plannedEvent,
    });
    return this.planEvents(events, now);
  }

  /**
   * Follows changes: a new start time retires every reminder of the event
   * (pending ones are dropped; sent ones free their key so the new time gets
   * its own) and plans afresh; a sign-up plans that member's reminders. The
   * work runs in the background so a tap stays fast; `settle` waits for it.
   */
  listen(changes: ChangeFeed, now: () => Date): void {
    this.clock = now;
    changes.on("eventChanged", async ({ eventId, timeChanged }) => {
      if (timeChanged) await this.deps.outbox.retire({ eventId }, eventReminderKinds, "event time changed", true);
      await this.planEvent(eventId, now());
    });
    // A burst of taps on one event plans it once: planning an event covers all its members, so doing it
    // on every tap would cost O(members) per tap.
    changes.on("signupsChanged", ({ eventId, userId }) => {
      if (userId === undefined) this.signedUp.add(eventId);
      else this.newMembers.set(eventId, (this.newMembers.get(eventId) ?? new Set()).add(userId));
      if (this.signedUpTimer) return;
      this.signedUpTimer = setTimeout(() => this.planSignedUp(now()), SIGNUP_PLANNING_DELAY_MS);
      this.signedUpTimer.unref?.();
    });
  }

  /** Plans the events whose sign-ups changed since the last time, in one pass. */
  private planSignedUp(now: Date): void {
    if (this.signedUpTimer) clearTimeout(this.signedUpTimer);
    this.signedUpTimer = null;
    const ids = [...this.signedUp];
    const members = new Map([...this.newMembers].filter(([eventId]) => !this.signedUp.has(eventId)));
    this.signedUp.clear();
    this.newMembers.clear();
    if (ids.length === 0 && members.size === 0) return;
    const work = Promise.all([this.planEventIds(ids, now), this.planMembers(members, now)]).catch((error: unknown) => {
      this.deps.logger.error({ err: error, eventIds: ids }, "could not plan reminders after sign-ups");
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /**
   * Member reminders for members who just signed up: the group's and the
   * organisers' reminders do not depend on who signed up, so a tap plans only
   * the tapper's own.
   */
  private async planMembers(members: Map<number, Set<bigint>>, now: Date): Promise<number> {
    if (members.size === 0) return 0;
    const { db } = this.deps;
    // Plain IN lists, filtered to the exact pairs here: an OR of one condition per member makes a query
    // that Prisma's compiler takes tens of milliseconds over, on the thread that answers taps.
    const userIds = [...new Set([...members.values()].flatMap((ids) => [...ids]))];
    const reachable = await db.user.findMany({
      where: { id: { in: userIds }, startedBot: true, remindersOn: true },
      select: { id: true },
    });
    if (reachable.length === 0) return 0;
    const [events, candidates] = await Promise.all([
      db.event.findMany({
        where: {
          id: { in: [...members.keys()] },
          status: { in: [...LIVE] },
          endsAt: { gt: now },
          startsAt: { lte: new Date(now.getTime() + LOOKAHEAD_MS) },
        },
        select: plannedEvent,
      }),
      db.signup.findMany({
        where: {
          eventId: { in: [...members.keys()] },
          userId: { in: reachable.map((u) => u.id) },
          status: { in: ["confirmed", "waitlisted"] },
        },
        select: { eventId: true, userId: true },
      }),
    ]);
    const signups = candidates.filter((c) => members.get(c.eventId)?.has(c.userId));
    const signupsOf = groupBy(signups, (s) => s.eventId);
    const deliveries: NewDelivery[] = [];
    for (const e of events) {
      const mine = signupsOf.get(e.id) ?? [];
      if (mine.length === 0) continue;
      const slots = reminderSlots(windowOf(e), DEFAULT_OFFSETS).filter(notPast(now));
      for (const m of mine) for (const s of slots) deliveries.push(memberReminder(e.id, e.startsAt, m.userId, s));
    }
    return this.deps.outbox.enqueue(deliveries, now);
  }

  private async planEventIds(eventIds: number[], now: Date): Promise<number> {
    if (eventIds.length === 0) return 0;
    const events = await this.deps.db.event.findMany({
      where: {
        id: { in: eventIds },
        status: { in: [...LIVE] },
        endsAt: { gt: now },
        startsAt: { lte: new Date(now.getTime() + LOOKAHEAD_MS) },
      },
      select: plannedEvent,
    });
    return this.planEvents(events, now);
  }

  /** Waits for background planning started by `listen`. */
  async settle(): Promise<void> {
    if (this.signedUp.size > 0 || this.newMembers.size > 0) this.planSignedUp(this.clock());
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async planEvents(events: PlannedEvent[], now: Date): Promise<number> {
    if (events.length === 0) return 0;
    const { db } = this.deps;
    const orgIds = [...new Set(events.map((e) => e.organisationId))];
    const eventIds = events.map((e) => e.id);
    const [groups, signups, named, admins] = await Promise.all([
      db.chat.findMany({
        where: { organisationId: { in: orgIds }, active: true, remindersOn: true, type: { in: GROUP_TYPES } },
        select: { id: true, organisationId: true, reminderOffsets: true },
      }),
      db.signup.findMany({
        where: {
          eventId: { in: eventIds },
          status: { in: ["confirmed", "waitlisted"] },
          user: { startedBot: true, remindersOn: true },
        },
        select: { eventId: true, userId: true },
      }),
      db.organiser.findMany({
        where: { organisationId: { in: orgIds }, user: { startedBot: true } },
        select: { organisationId: true, userId: true },
      }),
      db.chatAdmin.findMany({
        where: { chat: { organisationId: { in: orgIds }, active: true } },
        select: { userId: true, chat: { select: { organisationId: true } } },
      }),
    ]);
    const creatorIds = events.flatMap((e) => (e.createdById === null ? [] : [e.createdById]));
    const reachable = new Set(
      (
        await db.user.findMany({
          where: { id: { in: [...new Set([...creatorIds, ...admins.map((a) => a.userId)])] }, startedBot: true },
          select: { id: true },
        })
      ).map((u) => u.id),
    );

    const organisersOf = new Map<number, Set<bigint>>();
    const addOrganiser = (orgId: number, userId: bigint) =>
      organisersOf.set(orgId, (organisersOf.get(orgId) ?? new Set()).add(userId));
    for (const n of named) addOrganiser(n.organisationId, n.userId);
    for (const a of admins) if (reachable.has(a.userId)) addOrganiser(a.chat.organisationId!, a.userId);

    const groupsOf = groupBy(groups, (g) => g.organisationId!);
    const signupsOf = groupBy(signups, (s) => s.eventId);
    const deliveries: NewDelivery[] = [];
    const upcoming = notPast(now);
    for (const e of events) {
      // slots are computed only for events that have someone to remind (time-zone arithmetic is not free)
      const window = windowOf(e);
      const slotsByOffsets = new Map<string, Slot[]>();
      for (const g of groupsOf.get(e.organisationId) ?? []) {
        let slots = slotsByOffsets.get(g.reminderOffsets);
        if (!slots) {
          slots = reminderSlots(window, parseStoredOffsets(g.reminderOffsets)).filter(upcoming);
          slotsByOffsets.set(g.reminderOffsets, slots);
        }
        for (const s of slots) deliveries.push(groupReminder(e.id, e.startsAt, g.id, s));
      }
      const members = signupsOf.get(e.id) ?? [];
      const memberSlots = members.length > 0 ? reminderSlots(window, DEFAULT_OFFSETS).filter(upcoming) : [];
      for (const m of members) {
        for (const s of memberSlots) deliveries.push(memberReminder(e.id, e.startsAt, m.userId, s));
      }
      const organisers = new Set(organisersOf.get(e.organisationId));
      if (e.createdById !== null && reachable.has(e.createdById)) organisers.add(e.createdById);
      const noticeSlots = organisers.size > 0 ? organiserSlots(window, e.signupDeadline).filter(upcoming) : [];
      for (const userId of organisers) {
        for (const s of noticeSlots) deliveries.push(organiserReminder(e.id, e.startsAt, userId, s));
      }
    }
    return this.deps.outbox.enqueue(deliveries, now);
  }
}

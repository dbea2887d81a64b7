import { eventReminderKinds } from "../delivery/kinds.ts";
import { Outage } from "../delivery/outage.ts";
import type { Outbox } from "../delivery/outbox.ts";
import type { Logger } from "../log.ts";
import type { ChangeFeed } from "../services/changes.ts";
import { chunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { TapPath } from "../store/tap-path.ts";
import type { TelegramId } from "../telegram-id.ts";
import { LOOKAHEAD_MS, plannableEvents } from "./live-events.ts";
import { eventReminders, memberReminders, type PlannedEvent, plannedEvent } from "./reminder-audience.ts";

/** Sign-ups are planned for this long after the first tap of a burst, all together. */
const SIGNUP_PLANNING_DELAY_MS = 2000;
/**
 * `updatedAt` is written by each instance's own clock: a sweep looks back this far past the newest change it
 * saw, so an event changed on an instance whose clock runs a little behind is still picked up.
 */
const SWEEP_OVERLAP_MS = 5 * 60_000;
const BATCH = 500;
const DAY_MS = 86_400_000;

export interface PlannerDeps {
  db: Db;
  /** who of the people who just signed up can be reminded (store/tap-path.ts `remindable`) */
  people: Pick<TapPath, "remindable">;
  outbox: Outbox;
  logger: Logger;
}

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
  /**
   * The changes the last sweep planned (event → its `updatedAt`): the look back past the newest change finds the
   * same events minute after minute, and one already planned at that `updatedAt` is not planned again until it
   * changes again (planning it was every reminder of it, with its audience, re-inserted every minute).
   */
  private plannedChanges = new Map<number, number>();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** events whose whole list changed, and members who signed up themselves, since the last planning pass */
  private readonly signedUp = new Set<number>();
  private readonly newMembers = new Map<number, Set<TelegramId>>();
  private signedUpTimer: NodeJS.Timeout | null = null;
  private settling = false;
  private clock: () => Date = () => new Date();
  /** planning after sign-ups failed (a database outage): logged once, the work kept and tried again */
  private readonly outage: Outage;

  constructor(private readonly deps: PlannerDeps) {
    this.outage = new Outage(deps.logger, "planning reminders after sign-ups", { firstMs: 2000, maxMs: 30_000 });
  }

  /**
   * Plans every event that entered the look-ahead window or changed since the last sweep. Rows planned
   * before a restart stay in the outbox, so the first sweep only looks a day back (day-precision reminders
   * on the day itself) and at the last day's changes. Two index range reads, then the events by id.
   */
  async sweep(now: Date): Promise<number> {
    const { db } = this.deps;
    const newest = (await db.event.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } }))
      ?.updatedAt;
    const enteredAfter = this.horizon ?? new Date(now.getTime() - DAY_MS);
    const changedSince = this.seenUpdatedAt
      ? new Date(this.seenUpdatedAt.getTime() - SWEEP_OVERLAP_MS)
      : newest && new Date(newest.getTime() - DAY_MS);
    const [entered, changed] = await Promise.all([
      db.event.findMany({ where: plannableEvents(now, { startsAt: { gt: enteredAfter } }), select: { id: true } }),
      changedSince
        ? db.event.findMany({
            where: plannableEvents(now, { updatedAt: { gte: changedSince } }),
            select: { id: true, updatedAt: true },
          })
        : [],
    ]);
    const fresh = changed.filter((e) => this.plannedChanges.get(e.id) !== e.updatedAt.getTime());
    const ids = [...new Set([...entered, ...fresh].map((e) => e.id))].sort((a, b) => a - b);
    let planned = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      const events = await db.event.findMany({
        where: { id: { in: ids.slice(i, i + BATCH) } },
        select: plannedEvent,
      });
      planned += await this.planEvents(events, now);
    }
    this.horizon = new Date(now.getTime() + LOOKAHEAD_MS);
    if (newest) this.seenUpdatedAt = newest;
    this.plannedChanges = new Map(changed.map((e) => [e.id, e.updatedAt.getTime()]));
    return planned;
  }

  /** Plans one event's reminders now (it changed, or someone signed up). */
  async planEvent(eventId: number, now: Date): Promise<number> {
    return this.planEventIds([eventId], now);
  }

  /**
   * A group changed its reminder settings: its pending reminders are replaced by a new plan, and so are the
   * members' of its organisation's events (those who follow the group's times get the new ones; the others
   * get theirs again).
   */
  async replanChat(chatId: TelegramId, now: Date): Promise<number> {
    const { outbox, db } = this.deps;
    await outbox.retire({ chatId }, ["reminder"], "reminder settings changed");
    const chat = await db.chat.findUnique({ where: { id: chatId }, select: { organisationId: true } });
    if (!chat?.organisationId) return 0;
    const events = await db.event.findMany({
      where: plannableEvents(now, { organisationId: chat.organisationId }),
      select: plannedEvent,
    });
    for (const ids of chunks(
      events.map((e) => e.id),
      BATCH,
    )) {
      await outbox.retire({ eventIds: ids }, ["member-reminder"], "group reminder times changed");
    }
    return this.planEvents(events, now);
  }

  /**
   * A member chose other reminder times (or none): their pending reminders are dropped and their upcoming
   * sign-ups planned again at the new times. Two statements and one planning pass, however many sign-ups.
   */
  async replanMember(userId: TelegramId, now: Date): Promise<number> {
    await this.deps.outbox.retire({ chatId: userId }, ["member-reminder"], "member reminder times changed");
    const signups = await this.deps.db.signup.findMany({
      where: { userId, status: { in: ["confirmed", "waitlisted"] }, event: plannableEvents(now) },
      select: { eventId: true },
    });
    return this.planMembers(new Map(signups.map((s) => [s.eventId, new Set([userId])])), now);
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
      this.schedulePlanning(SIGNUP_PLANNING_DELAY_MS);
    });
  }

  private schedulePlanning(ms: number): void {
    if (this.signedUpTimer) return;
    this.signedUpTimer = setTimeout(() => this.planSignedUp(this.clock()), ms);
    this.signedUpTimer.unref?.();
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
    const work = this.outage
      .run(() => Promise.all([this.planEventIds(ids, now), this.planMembers(members, now)]))
      .then((backoff) => {
        if (backoff === 0) return;
        // the database is away: keep what was to be planned and try again (planning twice inserts once)
        for (const id of ids) this.signedUp.add(id);
        for (const [eventId, users] of members) {
          const pending = this.newMembers.get(eventId) ?? new Set<TelegramId>();
          for (const u of users) pending.add(u);
          this.newMembers.set(eventId, pending);
        }
        if (!this.settling) this.schedulePlanning(backoff);
      });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async planMembers(members: Map<number, Set<TelegramId>>, now: Date): Promise<number> {
    return this.deps.outbox.enqueue(await memberReminders(this.deps.db, this.deps.people, members, now), now);
  }

  private async planEventIds(eventIds: number[], now: Date): Promise<number> {
    let planned = 0;
    for (const ids of chunks(eventIds, BATCH)) {
      const events = await this.deps.db.event.findMany({
        where: plannableEvents(now, { id: { in: ids } }),
        select: plannedEvent,
      });
      planned += await this.planEvents(events, now);
    }
    return planned;
  }

  /** Waits for background planning started by `listen`. */
  async settle(): Promise<void> {
    this.settling = true;
    try {
      if (this.signedUp.size > 0 || this.newMembers.size > 0) this.planSignedUp(this.clock());
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    } finally {
      this.settling = false;
    }
  }

  private async planEvents(events: PlannedEvent[], now: Date): Promise<number> {
    return this.deps.outbox.enqueue(await eventReminders(this.deps.db, events, now), now);
  }
}

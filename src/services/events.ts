import { boundedCache } from "../cache.ts";
import { LIVE_STATUSES } from "../domain/event-status.ts";
import { type QuestionInput, storeOptions } from "../domain/questions.ts";
import type { RoleInput } from "../domain/roles.ts";
import type { TimeWindow } from "../domain/time/window.ts";
import type { CardPath } from "../store/card-path.ts";
import type { Db } from "../store/database.ts";
import { Prisma, type Sql } from "../store/sql.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import { eventsInScope, eventsInScopeSql, type OrgScope } from "./org-scope.ts";
import type { SignupService } from "./signups.ts";

/** How many upcoming events past the page `/events` counts before it says "more than" (see `upcoming`). */
export const COUNT_AHEAD = 1000;

export interface EventInput {
  organisationId: number;
  title: string;
  content?: string | null;
  audience?: string | null;
  place?: string | null;
  online?: boolean;
  timeText?: string | null;
  window: TimeWindow;
  capacity?: number | null;
  signupDeadline?: Date | null;
  createdById?: TelegramId | null;
  campaignId?: number | null;
  organisers?: { name: string; organisationId: number | null }[];
  importKey?: string | null;
  /** roles with their own places (an event without roles has one pool of places) */
  roles?: RoleInput[];
  /** guests a member may bring (0 = none) */
  maxGuests?: number;
  /** questions asked in private after the tap (at most three) */
  questions?: QuestionInput[];
  /** minutes a freed place is offered to the first on the waitlist; null = promoted automatically */
  offerMinutes?: number | null;
}

/** A question as stored (options one per line). */
export const questionRow = (q: QuestionInput, position: number) => ({
  position,
  kind: q.kind,
  prompt: q.prompt,
  options: storeOptions(q.options),
});

export type EventPatch = Partial<Omit<EventInput, "organisationId" | "createdById" | "importKey">>;

export type EventWithOrg = NonNullable<Awaited<ReturnType<EventService["get"]>>>;

/** Events: create, edit, cancel, close/reopen, and the upcoming list of an organisation tree. */
/** What an event is read with wherever it is shown: its organisation and its co-hosts in order. */
const EVENT_DETAIL = { organisation: true, organisers: { orderBy: { position: "asc" } } } as const;

/** Events whose card details `getMany` keeps (a card flush looks at 200 at most). */
const DETAILS_KEPT = 1000;

export class EventService {
  /** card details read earlier, each with the version it was read at (see `getMany`) */
  private readonly details = boundedCache<number, { version: string; event: EventWithOrg }>({ max: DETAILS_KEPT });

  constructor(
    private readonly db: Db,
    private readonly signups: SignupService,
    private readonly changes: ChangeFeed,
    private readonly versions: Pick<CardPath, "eventVersions">,
  ) {}

  async create(input: EventInput) {
    return this.db.event.create({ data: eventData(input) });
  }

  /**
   * A recurring activity: the series and one event per occurrence (each with its own places, roles and sign-ups),
   * in one transaction. A sign-up deadline is kept as the same time before each occurrence's start.
   */
  async createSeries(input: EventInput, series: { pattern: string; ruleText: string; windows: TimeWindow[] }) {
    const [first] = series.windows;
    if (!first) return [];
    const lead = input.signupDeadline ? input.window.start.getTime() - input.signupDeadline.getTime() : null;
    return this.db.$transaction(
      async (tx) => {
        const { id: seriesId } = await tx.eventSeries.create({
          data: { organisationId: input.organisationId, pattern: series.pattern, ruleText: series.ruleText },
        });
        const events = [];
        for (const window of series.windows) {
          const signupDeadline = lead === null ? null : new Date(window.start.getTime() - lead);
          events.push(
            await tx.event.create({ data: { ...eventData({ ...input, window, signupDeadline }), seriesId } }),
          );
        }
        return events;
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
  }

  /**
   * A one-off event made recurring (/edit): it stays the first occurrence (with its sign-ups; its time is set by
   * the edit), and the later `windows` become events like it (title, place, places, roles, guests, deadline as the
   * same time before the start). Returns the ids of the new occurrences.
   */
  async extendIntoSeries(eventId: number, series: { pattern: string; ruleText: string; windows: TimeWindow[] }) {
    const event = await this.db.event.findUnique({
      where: { id: eventId },
      include: { organisers: { orderBy: { position: "asc" } }, roles: { orderBy: { position: "asc" } } },
    });
    if (!event || event.seriesId !== null) return [];
    const input: EventInput = {
      organisationId: event.organisationId,
      title: event.title,
      content: event.content,
      audience: event.audience,
      place: event.place,
      online: event.online,
      timeText: event.timeText,
      window: { start: event.startsAt, end: event.endsAt, precision: event.precision, timeZone: event.timeZone },
      capacity: event.capacity,
      signupDeadline: event.signupDeadline,
      createdById: event.createdById,
      campaignId: event.campaignId,
      organisers: event.organisers.map((o) => ({ name: o.name, organisationId: o.organisationId })),
      roles: event.roles.map((r) => ({ name: r.name, capacity: r.capacity })),
      maxGuests: event.maxGuests,
    };
    const lead = event.signupDeadline ? event.startsAt.getTime() - event.signupDeadline.getTime() : null;
    const created = await this.db.$transaction(
      async (tx) => {
        const { id: seriesId } = await tx.eventSeries.create({
          data: { organisationId: event.organisationId, pattern: series.pattern, ruleText: series.ruleText },
        });
        await tx.event.update({ where: { id: eventId }, data: { seriesId } });
        const ids: number[] = [];
        for (const window of series.windows) {
          if (window.start.getTime() <= event.startsAt.getTime()) continue;
          const signupDeadline = lead === null ? null : new Date(window.start.getTime() - lead);
          const row = await tx.event.create({ data: { ...eventData({ ...input, window, signupDeadline }), seriesId } });
          ids.push(row.id);
        }
        return ids;
      },
      { maxWait: 30_000, timeout: 60_000 },
    );
    await this.changes.emit("eventChanged", { eventId, timeChanged: false });
    return created;
  }

  /** Occurrences moved to other days become a series of their own with the new pattern (the earlier ones stay). */
  async moveToNewSeries(seriesId: number, eventIds: number[], pattern: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const old = await tx.eventSeries.findUnique({ where: { id: seriesId } });
      if (!old) return;
      const { id } = await tx.eventSeries.create({
        data: { organisationId: old.organisationId, pattern, ruleText: old.ruleText },
      });
      await tx.event.updateMany({ where: { id: { in: eventIds }, seriesId }, data: { seriesId: id } });
    });
    // every card of both parts follows (each says its own rule and how many are left)
    const earlier = await this.db.event.findMany({ where: { seriesId }, select: { id: true } });
    for (const eventId of [...earlier.map((e) => e.id), ...eventIds]) {
      await this.changes.emit("eventChanged", { eventId, timeChanged: false });
    }
  }

  /** An event's questions in order (empty without questions). */
  questions(eventId: number) {
    return this.db.eventQuestion.findMany({ where: { eventId }, orderBy: { position: "asc" } });
  }

  /** An event's roles in order (empty without roles). */
  roles(eventId: number) {
    return this.db.eventRole.findMany({ where: { eventId }, orderBy: { position: "asc" } });
  }

  get(id: number) {
    return this.db.event.findUnique({ where: { id }, include: EVENT_DETAIL });
  }

  /** Several events with what `get` includes, in one round (a flush of cards renders many at once). */
  /**
   * Events with their details (those gone are left out), for the card refresher's flushes: details read
   * earlier are reused while the event's version (store/card-path.ts `eventVersions`) is the same, so a flush
   * whose events did not change reads one short statement instead of three Prisma queries (issue 12: 21 ms of
   * the thread that answers taps for 200 events). The version is read first: details read after it are at
   * least as new, and a change after it shows as a new version next time. Two changes within one millisecond
   * would share a version; every change marks the event's cards again, so at worst its next flush still
   * shows the first.
   */
  async getMany(ids: number[]): Promise<EventWithOrg[]> {
    const versions = await this.versions.eventVersions(ids);
    const found: EventWithOrg[] = [];
    const unread = new Map<number, string>();
    for (const { id, version } of versions) {
      const kept = this.details.get(id);
      if (kept?.version === version) found.push(kept.event);
      else unread.set(id, version);
    }
    if (unread.size === 0) return found;
    for (const event of await this.db.event.findMany({
      where: { id: { in: [...unread.keys()] } },
      include: EVENT_DETAIL,
    })) {
      this.details.set(event.id, { version: unread.get(event.id) as string, event });
      found.push(event);
    }
    return found;
  }

  async update(id: number, patch: EventPatch, now: Date) {
    const before = await this.db.event.findUnique({ where: { id } });
    if (!before) return null;
    const { window, organisers, roles, questions, ...rest } = patch;
    if (roles) await this.replaceRoles(id, roles);
    if (questions) await this.replaceQuestions(id, questions);
    const updated = await this.db.event.update({
      where: { id },
      data: {
        ...rest,
        ...(window
          ? {
              startsAt: window.start,
              endsAt: window.end,
              precision: window.precision,
              openEnded: window.openEnded ?? false,
              timeZone: window.timeZone,
            }
          : {}),
        ...(organisers
          ? { organisers: { deleteMany: {}, create: organisers.map((o, position) => ({ ...o, position })) } }
          : {}),
        sequence: { increment: 1 },
      },
    });
    const timeChanged =
      updated.startsAt.getTime() !== before.startsAt.getTime() || updated.endsAt.getTime() !== before.endsAt.getTime();
    const grew = (updated.capacity ?? Number.POSITIVE_INFINITY) > (before.capacity ?? Number.POSITIVE_INFINITY);
    if (grew || roles) await this.signups.fillFreePlaces(id, now);
    await this.changes.emit("eventChanged", { eventId: id, timeChanged });
    await this.changes.emit("signupsChanged", { eventId: id });
    return updated;
  }

  /** Sets an event's questions: one that stays the same (kind and wording) keeps its answers; the rest are replaced. */
  private async replaceQuestions(eventId: number, questions: QuestionInput[]): Promise<void> {
    const existing = await this.questions(eventId);
    await this.db.$transaction(async (tx) => {
      for (const q of existing)
        await tx.eventQuestion.update({ where: { id: q.id }, data: { position: -1 - q.position } });
      const kept: number[] = [];
      for (const [position, q] of questions.entries()) {
        const same = existing.find((e) => e.kind === q.kind && e.prompt === q.prompt && !kept.includes(e.id));
        if (same) {
          await tx.eventQuestion.update({ where: { id: same.id }, data: questionRow(q, position) });
          kept.push(same.id);
        } else await tx.eventQuestion.create({ data: { eventId, ...questionRow(q, position) } });
      }
      await tx.eventQuestion.deleteMany({ where: { eventId, id: { notIn: kept }, position: { lt: 0 } } });
    });
  }

  /**
   * Sets an event's roles: a role keeps its sign-ups when its name stays (its places may change); new names are
   * added; a role left out is removed, its sign-ups (if any) moving to the first remaining role. Roles on an event
   * that had none take its sign-ups into the first role; no roles at all makes it one pool again.
   */
  private async replaceRoles(eventId: number, roles: RoleInput[]): Promise<void> {
    const existing = await this.db.eventRole.findMany({ where: { eventId }, orderBy: { position: "asc" } });
    await this.db.$transaction(async (tx) => {
      // positions are unique per event: move the old ones out of the way first
      for (const r of existing) await tx.eventRole.update({ where: { id: r.id }, data: { position: -1 - r.position } });
      const ids: number[] = [];
      for (const [position, role] of roles.entries()) {
        const same = existing.find((r) => r.name === role.name);
        const row = same
          ? await tx.eventRole.update({ where: { id: same.id }, data: { position, capacity: role.capacity } })
          : await tx.eventRole.create({ data: { eventId, position, ...role } });
        ids.push(row.id);
      }
      const gone = existing.filter((r) => !ids.includes(r.id)).map((r) => r.id);
      const first = ids[0] ?? null;
      await tx.signup.updateMany({
        where: { eventId, OR: [{ roleId: null }, { roleId: { in: gone } }] },
        data: { roleId: first },
      });
      if (gone.length > 0) await tx.eventRole.deleteMany({ where: { id: { in: gone } } });
    });
  }

  /** `quiet`: nobody is told of this one alone (several occurrences cancelled together are told once). */
  async cancel(id: number, opts: { quiet?: boolean } = {}): Promise<boolean> {
    const { count } = await this.db.event.updateMany({
      where: { id, status: { notIn: ["cancelled", "completed"] } },
      data: { status: "cancelled", sequence: { increment: 1 } },
    });
    if (count === 0) return false;
    await this.changes.emit("eventCancelled", { eventId: id, ...(opts.quiet ? { quiet: true } : {}) });
    await this.changes.emit("signupsChanged", { eventId: id });
    return true;
  }

  /** Close or reopen sign-ups; returns false when the event is not in a state that allows it. */
  async setSignupsOpen(id: number, open: boolean): Promise<boolean> {
    const { count } = await this.db.event.updateMany({
      where: { id, status: open ? "closed" : "published" },
      data: { status: open ? "published" : "closed" },
    });
    if (count > 0) await this.changes.emit("signupsChanged", { eventId: id });
    return count > 0;
  }

  /** Public (anyone with the link sees the card and may sign up) or for the members of its groups only. */
  async setPublic(id: number, isPublic: boolean): Promise<boolean> {
    const { count } = await this.db.event.updateMany({ where: { id }, data: { isPublic } });
    return count > 0;
  }

  /**
   * Where an occurrence of a recurring activity stands: its series' pattern, and the live occurrences from it on
   * (itself included when live), soonest first. Null for an event that is not part of a series.
   */
  async seriesPlace(eventId: number, now: Date) {
    const event = await this.db.event.findUnique({
      where: { id: eventId },
      select: { seriesId: true, startsAt: true, series: { select: { pattern: true } } },
    });
    if (!event?.seriesId || !event.series) return null;
    const rest = await this.db.event.findMany({
      where: {
        seriesId: event.seriesId,
        status: { in: [...LIVE_STATUSES] },
        endsAt: { gt: now },
        startsAt: { gte: event.startsAt },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: { id: true, startsAt: true },
    });
    return {
      seriesId: event.seriesId,
      pattern: event.series.pattern,
      ids: rest.map((r) => r.id),
      lastStart: rest.at(-1)?.startsAt ?? event.startsAt,
    };
  }

  /** The live occurrences of a series before this one that have not ended (their cards say how many are left). */
  async earlierLive(seriesId: number, eventId: number, now: Date): Promise<number[]> {
    const event = await this.db.event.findUnique({ where: { id: eventId }, select: { startsAt: true } });
    if (!event) return [];
    const rows = await this.db.event.findMany({
      where: { seriesId, status: { in: [...LIVE_STATUSES] }, endsAt: { gt: now }, startsAt: { lt: event.startsAt } },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /**
   * Upcoming (not yet ended) events the scope shows, soonest first; of a recurring activity only its
   * next occurrence, with how many are left (`series`: by series id, the count and the last one's start).
   * `total` counts at most COUNT_AHEAD events past the page (`more`: there are more than that): a city hub has
   * 36,000 upcoming events, and reading every one to print an exact figure costs more than the page itself.
   * The page's ids come from the events that have started (the (status, endsAt) index) and, per live status,
   * those still to start, read in order from the (status, startsAt, endsAt) index until the page is full; the
   * scope is checked by index probes per row (a city hub covers 100,000 organisations). Then only the page's
   * events are read.
   */
  async upcoming(scope: OrgScope, now: Date, page: number, pageSize: number) {
    const live = Prisma.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(", "));
    const shown = Prisma.sql`${eventsInScopeSql(scope, "e", "probe")}
      AND (e."seriesId" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "Event" p WHERE p."seriesId" = e."seriesId" AND p."startsAt" <= e."startsAt"
          AND p."status" IN (${live}) AND p."endsAt" > ${now}
          AND (p."startsAt" < e."startsAt" OR (p."startsAt" = e."startsAt" AND p."id" < e."id"))))`;
    // (p."startsAt" <= e."startsAt" adds nothing but makes the (seriesId, startsAt) index the one SQLite picks)
    const offset = page * pageSize;
    const upTo = offset + pageSize;
    const cap = offset + COUNT_AHEAD;
    // the first `upTo` of one part of the list, in the list's order
    const part = (where: Sql) => Prisma.sql`SELECT * FROM (
      SELECT e."id", e."startsAt", e."endsAt" FROM "Event" e WHERE ${where} AND ${shown}
      ORDER BY e."startsAt", e."endsAt", e."id" LIMIT ${upTo}) AS part`;
    const parts = [
      // started and not ended: from the (status, endsAt) index (NOT: SQLite would scan every past start instead)
      part(Prisma.sql`e."status" IN (${live}) AND e."endsAt" > ${now} AND NOT (e."startsAt" > ${now})`),
      ...LIVE_STATUSES.map((status) =>
        part(Prisma.sql`e."status" = ${Prisma.raw(`'${status}'`)} AND e."startsAt" > ${now} AND e."endsAt" > ${now}`),
      ),
    ];
    const [counted, onPage] = await Promise.all([
      this.db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM (
        SELECT 1 FROM "Event" e WHERE e."status" IN (${live}) AND e."endsAt" > ${now} AND ${shown} LIMIT ${cap + 1}) AS upcoming`,
      this.db.$queryRaw<{ id: number }[]>`
        SELECT "id" FROM (${Prisma.join(parts, " UNION ALL ")}) AS listed
        ORDER BY "startsAt", "endsAt", "id" LIMIT ${pageSize} OFFSET ${offset}`,
    ]);
    const n = Number(counted[0]?.n ?? 0);
    const ids = onPage.map((r) => Number(r.id));
    const rows = await this.db.event.findMany({
      where: { id: { in: ids } },
      include: { organisation: true, series: { select: { pattern: true } } },
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const events = ids.flatMap((id) => byId.get(id) ?? []);
    // the live occurrences of the page's recurring activities (at most 100 each): first, last and how many
    const seriesIds = [...new Set(events.flatMap((e) => (e.seriesId === null ? [] : [e.seriesId])))];
    const occurrences =
      seriesIds.length === 0
        ? []
        : await this.db.event.findMany({
            where: { seriesId: { in: seriesIds }, status: { in: [...LIVE_STATUSES] }, endsAt: { gt: now } },
            select: { seriesId: true, startsAt: true },
            orderBy: [{ startsAt: "asc" }, { id: "asc" }],
          });
    const series = new Map<number, { left: number; firstStart: Date; lastStart: Date }>();
    for (const { seriesId, startsAt } of occurrences) {
      if (seriesId === null) continue;
      const known = series.get(seriesId);
      if (known) series.set(seriesId, { ...known, left: known.left + 1, lastStart: startsAt });
      else series.set(seriesId, { left: 1, firstStart: startsAt, lastStart: startsAt });
    }
    return { total: Math.min(n, cap), more: n > cap, events, series };
  }

  /** Does the scope show this event (its organisation or a co-organiser is in it)? */
  async shownIn(eventId: number, scope: OrgScope): Promise<boolean> {
    const row = await this.db.event.findFirst({
      where: { id: eventId, ...eventsInScope(scope) },
      select: { id: true },
    });
    return row !== null;
  }

  /** Events an organiser can manage: those of the given organisations that have not ended. */
  async manageable(organisationIds: number[], now: Date) {
    const rows = await this.db.event.findMany({
      where: { organisationId: { in: organisationIds }, status: { notIn: ["cancelled"] }, endsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 300,
    });
    // a recurring activity once, by its next occurrence (editing or cancelling it asks: this one or all later ones)
    const seen = new Set<number>();
    const firsts = rows.filter((e) => e.seriesId === null || (!seen.has(e.seriesId) && seen.add(e.seriesId)));
    return firsts.slice(0, 30);
  }
}

/** The columns of a new event. */
function eventData(input: EventInput) {
  const { window, organisers, roles, questions, ...rest } = input;
  return {
    ...rest,
    startsAt: window.start,
    endsAt: window.end,
    precision: window.precision,
    openEnded: window.openEnded ?? false,
    timeZone: window.timeZone,
    createdById: input.createdById ?? null,
    organisers: organisers ? { create: organisers.map((o, position) => ({ ...o, position })) } : undefined,
    roles: roles?.length ? { create: roles.map((r, position) => ({ ...r, position })) } : undefined,
    questions: questions?.length ? { create: questions.map(questionRow) } : undefined,
  };
}

import { LIVE_STATUSES } from "../domain/event-status.ts";
import type { TimeWindow } from "../domain/time/window.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import type { SignupService } from "./signups.ts";

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
}

export type EventPatch = Partial<Omit<EventInput, "organisationId" | "createdById" | "importKey">>;

export type EventWithOrg = NonNullable<Awaited<ReturnType<EventService["get"]>>>;

/** Events: create, edit, cancel, close/reopen, and the upcoming list of an organisation tree. */
export class EventService {
  constructor(
    private readonly db: Db,
    private readonly signups: SignupService,
    private readonly changes: ChangeFeed,
  ) {}

  async create(input: EventInput) {
    const { window, organisers, ...rest } = input;
    return this.db.event.create({
      data: {
        ...rest,
        startsAt: window.start,
        endsAt: window.end,
        precision: window.precision,
        openEnded: window.openEnded ?? false,
        timeZone: window.timeZone,
        createdById: input.createdById ?? null,
        organisers: organisers ? { create: organisers.map((o, position) => ({ ...o, position })) } : undefined,
      },
    });
  }

  get(id: number) {
    return this.db.event.findUnique({
      where: { id },
      include: { organisation: true, organisers: { orderBy: { position: "asc" } } },
    });
  }

  async update(id: number, patch: EventPatch, now: Date) {
    const before = await this.db.event.findUnique({ where: { id } });
    if (!before) return null;
    const { window, organisers, ...rest } = patch;
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
    if (grew) await this.signups.fillFreePlaces(id, now);
    await this.changes.emit("eventChanged", { eventId: id, timeChanged });
    await this.changes.emit("signupsChanged", { eventId: id });
    return updated;
  }

  async cancel(id: number): Promise<boolean> {
    const { count } = await this.db.event.updateMany({
      where: { id, status: { notIn: ["cancelled", "completed"] } },
      data: { status: "cancelled", sequence: { increment: 1 } },
    });
    if (count === 0) return false;
    await this.changes.emit("eventCancelled", { eventId: id });
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

  /** Upcoming (not yet ended) events of the given organisations, soonest first. */
  async upcoming(organisationIds: number[], now: Date, page: number, pageSize: number) {
    const where = { organisationId: { in: organisationIds }, status: { in: [...LIVE_STATUSES] }, endsAt: { gt: now } };
    const [total, events] = await Promise.all([
      this.db.event.count({ where }),
      this.db.event.findMany({
        where,
        include: { organisation: true },
        orderBy: [{ startsAt: "asc" }, { endsAt: "asc" }, { id: "asc" }],
        skip: page * pageSize,
        take: pageSize,
      }),
    ]);
    return { total, events };
  }

  /** Events an organiser can manage: those of the given organisations that have not ended. */
  manageable(organisationIds: number[], now: Date) {
    return this.db.event.findMany({
      where: { organisationId: { in: organisationIds }, status: { notIn: ["cancelled"] }, endsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 30,
    });
  }
}

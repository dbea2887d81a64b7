import { attendanceOf } from "../domain/check-in.ts";
import { LIVE_STATUSES } from "../domain/event-status.ts";
import { zonedInstant } from "../domain/time/calendar.ts";
import { creditedHours } from "../domain/volunteer-hours.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import { inScope, type OrgScope } from "./org-scope.ts";

export type AttendanceOutcome = { kind: "done"; count: number } | { kind: "not_started" } | { kind: "missing" };

/** One attended event of a member, with the hours credited. */
export interface HoursLine {
  eventId: number;
  title: string;
  organisation: string;
  startsAt: Date;
  timeZone: string;
  userId: bigint;
  name: string;
  username: string | null;
  /** a placeholder left by /forgetme */
  forgotten: boolean;
  hours: number | null;
}

const ATTENDING = ["confirmed", "attended", "no_show"] as const;

/** How many past events /my lists. */
const HISTORY_LIMIT = 10;

/** Attendance after an event and the volunteer hours that follow from it. */
export class AttendanceService {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeFeed,
    private readonly dialect: SqlDialect,
  ) {}

  /** The event and the people who were expected (confirmed), with their attendance so far. */
  async sheet(eventId: number) {
    const event = await this.db.event.findUnique({ where: { id: eventId } });
    if (!event) return null;
    const people = await this.db.signup.findMany({
      where: { eventId, status: { in: [...ATTENDING] } },
      include: { user: true },
      orderBy: { seq: "asc" },
    });
    return { event, people };
  }

  /** The event a sign-up belongs to (attendance buttons carry the sign-up). */
  async eventOfSignup(signupId: number): Promise<number | null> {
    const signup = await this.db.signup.findUnique({ where: { id: signupId }, select: { eventId: true } });
    return signup?.eventId ?? null;
  }

  /** Everyone still marked confirmed attended; the event is then over (completed). */
  async markAllAttended(eventId: number, now: Date): Promise<AttendanceOutcome> {
    const started = await this.startedEvent(eventId, now);
    if (started.kind !== "done") return started;
    // The event's lock first, as every change to sign-ups takes it (the sign-up tap, cancelling).
    const { count } = await this.db.$transaction(async (tx) => {
      await this.dialect.lockEvent(tx, eventId);
      return tx.signup.updateMany({
        where: { eventId, status: "confirmed" },
        data: { status: "attended", updatedAt: now },
      });
    });
    await this.complete(eventId, now);
    return { kind: "done", count };
  }

  /** Flips one person between attended and absent (a confirmed person becomes attended). */
  async toggle(eventId: number, signupId: number, now: Date): Promise<AttendanceOutcome> {
    const started = await this.startedEvent(eventId, now);
    if (started.kind !== "done") return started;
    const signup = await this.db.signup.findFirst({ where: { id: signupId, eventId, status: { in: [...ATTENDING] } } });
    if (!signup) return { kind: "missing" };
    await this.db.$transaction(async (tx) => {
      await this.dialect.lockEvent(tx, eventId);
      await tx.signup.update({
        where: { id: signupId },
        data: { status: signup.status === "attended" ? "no_show" : "attended", updatedAt: now },
      });
    });
    await this.complete(eventId, now);
    return { kind: "done", count: 1 };
  }

  /** Sets the hours credited per attendee; null goes back to the event's length. */
  async setHours(eventId: number, hours: number | null): Promise<boolean> {
    const { count } = await this.db.event.updateMany({ where: { id: eventId }, data: { hours } });
    return count > 0;
  }

  /** A member's attended events that started in the year (in the zone), with hours. */
  async memberYear(userId: TelegramId, year: number, timeZone: string): Promise<HoursLine[]> {
    return this.lines({ userId }, year, timeZone);
  }

  /**
   * A member's own attendance, latest first (for them only: /my): events they were marked or checked in at
   * (from the start), and the no-shows once an event has ended.
   */
  async history(userId: TelegramId, now: Date) {
    const rows = await this.db.signup.findMany({
      where: {
        userId,
        status: { in: [...ATTENDING] },
        event: { startsAt: { lte: now }, status: { notIn: ["cancelled", "draft"] } },
      },
      include: { event: true },
      orderBy: { event: { startsAt: "desc" } },
      take: HISTORY_LIMIT,
    });
    return rows.flatMap((r) => {
      const attendance = attendanceOf(r.status, r.event, now);
      if (attendance !== "attended" && attendance !== "no_show") return [];
      const { event } = r;
      const window = { start: event.startsAt, end: event.endsAt, precision: event.precision, timeZone: event.timeZone };
      const hours = attendance === "attended" ? creditedHours(r.hours, event.hours, window) : null;
      return [{ event, attendance, hours }];
    });
  }

  /** Every attended event of the scope's organisations that started in the year, per member. */
  async report(scope: OrgScope, year: number, timeZone: string): Promise<HoursLine[]> {
    return this.lines({ event: { organisation: inScope(scope) } }, year, timeZone);
  }

  private async lines(
    where: { userId?: bigint; event?: { organisation: Prisma.OrganisationWhereInput } },
    year: number,
    timeZone: string,
  ): Promise<HoursLine[]> {
    const from = zonedInstant({ year, month: 1, day: 1 }, 0, timeZone);
    const to = zonedInstant({ year: year + 1, month: 1, day: 1 }, 0, timeZone);
    const rows = await this.db.signup.findMany({
      where: {
        ...where,
        status: "attended",
        event: { ...where.event, startsAt: { gte: from, lt: to } },
      },
      include: { user: true, event: { include: { organisation: true } } },
      orderBy: [{ event: { startsAt: "asc" } }, { seq: "asc" }],
    });
    return rows.map((r) => ({
      eventId: r.eventId,
      title: r.event.title,
      organisation: r.event.organisation.name,
      startsAt: r.event.startsAt,
      timeZone: r.event.timeZone,
      userId: r.userId,
      name: r.user.lastName ? `${r.user.firstName} ${r.user.lastName}` : r.user.firstName,
      username: r.user.username,
      forgotten: r.user.forgotten,
      hours: creditedHours(r.hours, r.event.hours, {
        start: r.event.startsAt,
        end: r.event.endsAt,
        precision: r.event.precision,
        timeZone: r.event.timeZone,
      }),
    }));
  }

  private async startedEvent(eventId: number, now: Date): Promise<AttendanceOutcome> {
    const event = await this.db.event.findUnique({ where: { id: eventId }, select: { startsAt: true, status: true } });
    if (!event || event.status === "cancelled") return { kind: "missing" };
    if (event.startsAt.getTime() > now.getTime()) return { kind: "not_started" };
    return { kind: "done", count: 0 };
  }

  /** An event whose attendance is being recorded and that has ended is completed (sign-ups are over). */
  private async complete(eventId: number, now: Date): Promise<void> {
    const { count } = await this.db.event.updateMany({
      where: { id: eventId, status: { in: [...LIVE_STATUSES] }, endsAt: { lte: now } },
      data: { status: "completed" },
    });
    await this.changes.emit("signupsChanged", { eventId });
    if (count > 0) await this.changes.emit("eventChanged", { eventId, timeChanged: false });
  }
}

import { randomBytes } from "node:crypto";
import { type CheckInOutcome, checkInVerdict } from "../domain/check-in.ts";
import { PLACE_HOLDING } from "../domain/signup-rules.ts";
import { markCards } from "../store/card-marks.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";

/** The deep-link payload prefix of a check-in link: `t.me/<bot>?start=ci_<token>`. */
export const CHECK_IN_PREFIX = "ci_";

/** 16 random bytes as base64url: 22 characters of [A-Za-z0-9_-], which a start parameter may carry. */
const newToken = () => randomBytes(16).toString("base64url");
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/**
 * Check-in codes and check-ins (issue 15): each event has at most one code, a random token that is not derived
 * from the event; organisers renew it to invalidate a photographed or leaked one. A check-in is decided under
 * the event's lock, like every other change to its sign-ups (domain/check-in.ts has the rule).
 */
export class CheckInService {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly changes: ChangeFeed,
  ) {}

  /** The event's current token, made on first use. */
  async token(eventId: number, by: TelegramId): Promise<string> {
    const existing = await this.db.checkinCode.findUnique({ where: { eventId } });
    if (existing) return existing.token;
    try {
      return (await this.db.checkinCode.create({ data: { eventId, token: newToken(), createdById: by } })).token;
    } catch (error) {
      // another instance (or a double tap) made it first: that one stands
      const made = await this.db.checkinCode.findUnique({ where: { eventId } });
      if (made) return made.token;
      throw error;
    }
  }

  /** A new token for the event; the old link stops working at once. */
  async renew(eventId: number, by: TelegramId): Promise<string> {
    const token = newToken();
    await this.db.checkinCode.upsert({
      where: { eventId },
      create: { eventId, token, createdById: by },
      update: { token, createdById: by, createdAt: new Date() },
    });
    return token;
  }

  /** A member opened the check-in link with this token. */
  async checkIn(token: string, userId: TelegramId, now: Date): Promise<CheckInOutcome> {
    if (!TOKEN_SHAPE.test(token)) return { kind: "unknown" };
    const code = await this.db.checkinCode.findUnique({ where: { token }, select: { eventId: true } });
    if (!code) return { kind: "unknown" };
    const { eventId } = code;
    const outcome = await this.db.$transaction(async (tx): Promise<CheckInOutcome> => {
      await this.dialect.lockEvent(tx, eventId);
      const event = await tx.event.findUnique({
        where: { id: eventId },
        include: { _count: { select: { roles: true } } },
      });
      if (!event) return { kind: "unknown" };
      const signup = await tx.signup.findUnique({ where: { eventId_userId: { eventId, userId } } });
      const held = (
        await tx.signup.groupBy({
          by: ["guests"],
          where: { eventId, status: { in: [...PLACE_HOLDING] } },
          _count: { _all: true },
        })
      ).reduce((n, g) => n + g._count._all * (1 + g.guests), 0);
      const verdict = checkInVerdict(
        {
          event: { ...event, hasRoles: event._count.roles > 0 },
          signup: signup?.status ?? null,
          pool: { capacity: event.capacity, held },
        },
        now,
      );
      if (verdict.kind === "attended") {
        if (signup) {
          // a walk-in's old row (waitlisted, cancelled) comes back as one person: guests are not let in by guess
          const guests = verdict.walkIn ? { guests: 0 } : {};
          await tx.signup.update({ where: { id: signup.id }, data: { status: "attended", ...guests, updatedAt: now } });
        } else {
          const last = await tx.signup.findFirst({
            where: { eventId },
            orderBy: { seq: "desc" },
            select: { seq: true },
          });
          await tx.signup.create({
            data: { eventId, userId, status: "attended", seq: (last?.seq ?? 0) + 1, createdAt: now, updatedAt: now },
          });
          await markCards(tx, eventId);
        }
      }
      return { ...verdict, event: { id: event.id, title: event.title, timeZone: event.timeZone } };
    });
    if (outcome.kind === "attended") await this.changes.emit("signupsChanged", { eventId, userId });
    return outcome;
  }
}

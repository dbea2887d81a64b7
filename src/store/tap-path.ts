/**
 * The hottest path there is — a sign-up tap and the first sight of a user —
 * in as few statements as each database allows: prepared statements on
 * SQLite (sqlite-tap-path.ts), one function call on PostgreSQL
 * (postgres-tap-path.ts). Both apply the same rule: a place if the event is
 * open and not full (the event, and the tapped role if it has roles), else the
 * (role's) waitlist in tap order; never over capacity. Guests hold places too, and so do places held
 * for questions or offered from the waitlist; an event with questions holds the place (`held`) instead of confirming.
 */
import { PLACE_HOLDING } from "../domain/signup-rules.ts";
import type { $Enums } from "../generated/sqlite/client.ts";
import type { TelegramId } from "../telegram-id.ts";

export interface TapRow {
  /** held: a place kept until `Signup.heldUntil` while the member answers the event's questions */
  status: "confirmed" | "held" | "waitlisted";
  seq: number;
  /** waitlist position (1-based) when waitlisted */
  position: number | null;
  /** waitlisted on an event that asks questions at sign-up (they are asked now, answered before a place comes) */
  asks: boolean;
}

export interface TapUser {
  id: TelegramId;
  firstName: string;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
  now: Date;
}

/** The message a button was pressed on. */
export interface CardRef {
  chatId: TelegramId;
  messageId: number;
}

/** One sign-up tap: who, on which event, from which chat; `card` when it must be a recorded card of the event. */
export interface Tap {
  eventId: number;
  userId: TelegramId;
  chatId: TelegramId | null;
  now: Date;
  card?: CardRef;
  /** the role tapped (events with roles); an event with roles refuses a tap without one, and the reverse */
  roleId?: number | null;
}

/** What a tap that signed nobody up needs to be answered (services/signups.ts decides), read in one statement. */
export interface TapFacts {
  event: { status: $Enums.EventStatus; endsAt: Date; signupDeadline: Date | null };
  /** the event of the card tapped (null: the message is not a recorded card; undefined: no card) */
  cardEventId?: number | null;
  /** the member's sign-up of this event, if any, with its waitlist position when waitlisted */
  signup: { status: $Enums.SignupStatus; heldUntil: Date | null; position: number | null } | null;
  /** how many roles the event has, and whether the tapped role is one of them */
  roles: number;
  roleFits: boolean;
}

/**
 * What both databases' `explain` statements answer, as their drivers read it: times as text (SQLite) or epoch
 * milliseconds (PostgreSQL), counts as bigint or number, flags as 0/1 or boolean.
 */
export interface ExplainRow {
  status: TapFacts["event"]["status"];
  endsAt: string | number;
  signupDeadline: string | number | null;
  cardEventId: bigint | number | null;
  signupStatus: NonNullable<TapFacts["signup"]>["status"] | null;
  heldUntil: string | number | null;
  position: bigint | number | null;
  roles: bigint | number;
  roleFits: bigint | number | boolean;
}

/** The facts of an `explain` row (`withCard`: the tap named a card, so whose card it is matters). */
export function tapFacts(row: ExplainRow, withCard: boolean): TapFacts {
  const time = (value: string | number | null) => (value === null ? null : new Date(value));
  return {
    event: { status: row.status, endsAt: new Date(row.endsAt), signupDeadline: time(row.signupDeadline) },
    ...(withCard ? { cardEventId: row.cardEventId === null ? null : Number(row.cardEventId) } : {}),
    signup: row.signupStatus
      ? {
          status: row.signupStatus,
          heldUntil: time(row.heldUntil),
          position: row.position === null ? null : Number(row.position),
        }
      : null,
    roles: Number(row.roles),
    roleFits: Boolean(row.roleFits),
  };
}

export interface TapPath {
  /** null when the tap signs nobody up (event not open, button not on a card of this event, already in) */
  signUp(tap: Tap): Promise<TapRow | null>;
  /** Why a tap signed nobody up; null when the event does not exist. */
  explain(tap: Tap): Promise<TapFacts | null>;
  /** Writes the profile; answers the language the person chose in /settings (null: none), read in the same statement. */
  rememberUser(user: TapUser): Promise<{ locale: string | null }>;
  /** Records that these people were seen in these groups at `at` (services/chats.ts writes them behind). */
  rememberMembers(members: ChatMemberSeen[], at: Date): Promise<void>;
  /**
   * Each event's places held (members and their guests) and people waiting, in one statement: every card
   * rendered and every /events page reads them. Events without any are left out.
   */
  counts(eventIds: number[]): Promise<EventCountRow[]>;
  /**
   * Which of these people can be reminded (they started the bot and left reminders on), with their own reminder
   * times: after every burst of taps the reminder planner asks it of everyone who just signed up, up to
   * thousands at once (one parameter however many; through Prisma 900 ids cost 15 ms of the thread that answers
   * taps, issue 12).
   */
  remindable(userIds: TelegramId[]): Promise<RemindableUser[]>;
}

/** Someone who can be reminded, with their own reminder times (`User.reminderOffsets`; null: the groups'). */
export interface RemindableUser {
  id: TelegramId;
  remindersOn: boolean;
  reminderOffsets: string | null;
}

/** `remindable`'s statement on both databases (`ids`: the dialect's list of user ids). */
export const REMINDABLE_SQL = (ids: string) => `
  SELECT "id", "reminderOffsets" FROM "User" WHERE "id" ${ids} AND "startedBot" AND "remindersOn"`;

/** One event's places held and people waiting. */
export interface EventCountRow {
  eventId: number;
  confirmed: number;
  waitlisted: number;
}

/** The place-holding statuses as an SQL list (domain/signup-rules.ts `PLACE_HOLDING`), for both databases. */
export const HOLDING_SQL = PLACE_HOLDING.map((status) => `'${status}'`).join(", ");

/** The counts' columns, the same on both databases (rows of `Signup` already limited to waiting or holding). */
export const COUNT_COLUMNS = `"eventId",
  COALESCE(SUM(CASE WHEN "status" = 'waitlisted' THEN 0 ELSE 1 + "guests" END), 0) AS "confirmed",
  COALESCE(SUM(CASE WHEN "status" = 'waitlisted' THEN 1 ELSE 0 END), 0) AS "waitlisted"`;

/** One person seen in one group (`ChatMember`), each pair once per call. */
export interface ChatMemberSeen {
  chatId: bigint;
  userId: bigint;
}

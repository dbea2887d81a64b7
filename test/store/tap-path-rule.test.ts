import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  admittedStatus,
  holdUntil,
  PLACE_HOLDING,
  type SignupGate,
  signupRefusal,
} from "../../src/domain/signup-rules.ts";
import { sqliteTime } from "../../src/store/sqlite-tap-path.ts";
import type { Tap, TapRow } from "../../src/store/tap-path.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

/**
 * The rule "may this tap sign up now" lives in src/domain/signup-rules.ts and is restated in SQL by both tap
 * paths (the SQLite prepared statement and the PostgreSQL function yiqi_sign_up). Generated event states, each
 * tapped by a fresh user, check that the SQL agrees with the domain rule, with the card check, with capacity and
 * with the waitlist position, on both databases.
 */

const now = new Date("2026-12-01T04:00:00Z");
const HOUR = 3_600_000;
const CHAT = -1_001_234_567_890n;
const OTHER_CHAT = -1_009_876_543_210n;
/** users who hold the existing sign-ups of every generated event */
const POOL = Array.from({ length: 12 }, (_, i) => BigInt(1 + i));

/** mulberry32: a small seeded generator, so every run checks the same states */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const statuses = ["draft", "published", "closed", "cancelled", "completed"] as const;
const relations = ["before", "at", "after"] as const;
const deadlines = ["none", ...relations] as const;
const cards = ["none", "own", "other event", "other chat", "unrecorded"] as const;
type Relation = (typeof relations)[number];
type CardKind = (typeof cards)[number];
type ExistingStatus = "confirmed" | "waitlisted" | "cancelled" | "held" | "offered";

interface State {
  index: number;
  status: SignupGate["status"];
  endsAt: Date;
  signupDeadline: Date | null;
  capacity: number | null;
  /** the event asks questions at sign-up (then a free place is held, not confirmed) */
  questions: boolean;
  /** the event's sign-ups before the tap, in tap (seq) order, one per pool user */
  existing: ExistingStatus[];
  card: CardKind;
  tapChat: bigint | null;
  /** the fresh user who taps */
  userId: bigint;
  /** the message id of this event's recorded card */
  messageId: number;
  label: string;
}

/** An instant before, at or after `now`: 1 ms, a second, an hour or a day away. */
function around(random: Random, relation: Relation): Date {
  const distance = pick(random, [1, 1000, HOUR, 24 * HOUR]);
  return new Date(now.getTime() + (relation === "before" ? -distance : relation === "at" ? 0 : distance));
}

/**
 * `count` states for one batch: the first 60 cover every status × end × deadline combination once, the rest are
 * drawn leaning towards open events so that capacity and the waitlist get exercised as well.
 */
function generateStates(seed: number, count: number): State[] {
  const random = mulberry32(seed);
  const states: State[] = [];
  for (let index = 0; index < count; index++) {
    const combination = index < statuses.length * relations.length * deadlines.length ? index : undefined;
    const status =
      combination === undefined
        ? random() < 0.6
          ? "published"
          : pick(random, statuses)
        : (statuses[combination % statuses.length] as State["status"]);
    const end =
      combination === undefined
        ? random() < 0.7
          ? "after"
          : pick(random, relations)
        : (relations[Math.floor(combination / statuses.length) % relations.length] as Relation);
    const deadline =
      combination === undefined
        ? random() < 0.6
          ? pick(random, ["none", "after"] as const)
          : pick(random, deadlines)
        : (deadlines[Math.floor(combination / (statuses.length * relations.length))] as (typeof deadlines)[number]);
    const existing: ExistingStatus[] = [
      ...Array<ExistingStatus>(int(random, 0, 4)).fill("confirmed"),
      ...Array<ExistingStatus>(int(random, 0, 3)).fill("waitlisted"),
      ...Array<ExistingStatus>(int(random, 0, 2)).fill("cancelled"),
      // a place held for questions and one offered from the waitlist are taken like confirmed ones
      ...Array<ExistingStatus>(random() < 0.3 ? 1 : 0).fill("held"),
      ...Array<ExistingStatus>(random() < 0.3 ? 1 : 0).fill("offered"),
    ];
    // shuffle, so cancelled and waitlisted rows sit anywhere in tap order
    for (let i = existing.length - 1; i > 0; i--) {
      const j = int(random, 0, i);
      [existing[i], existing[j]] = [existing[j] as ExistingStatus, existing[i] as ExistingStatus];
    }
    const state: State = {
      index,
      status,
      endsAt: around(random, end),
      signupDeadline: deadline === "none" ? null : around(random, deadline),
      capacity: random() < 0.25 ? null : int(random, 0, 3),
      questions: random() < 0.5,
      existing,
      // the combinations are tapped with no card or their own, so each one tests the rule alone
      card: combination !== undefined || random() < 0.5 ? pick(random, ["none", "own"] as const) : pick(random, cards),
      tapChat: random() < 0.8 ? CHAT : null,
      userId: BigInt(seed * 100_000 + index),
      messageId: seed * 100_000 + index,
      label: "",
    };
    state.label =
      `#${index} ${status}, ends ${end} (${state.endsAt.toISOString()}), deadline ${deadline}` +
      ` (${state.signupDeadline?.toISOString() ?? "-"}), capacity ${state.capacity ?? "none"},` +
      `${state.questions ? " questions," : ""}` +
      ` existing [${existing.join(",")}], card ${state.card}`;
    states.push(state);
  }
  return states;
}

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * Inserts rows in one statement. Prisma's createMany costs about half a millisecond a row here, which for
 * thousands of sign-ups would be most of this test's time; the values are numbers and fixed words. A `Date`
 * is written as Prisma stores it on that database.
 */
async function insertRows(
  db: TestDatabase,
  table: string,
  columns: string[],
  rows: (string | number | bigint | Date)[][],
) {
  if (rows.length === 0) return;
  const literal = (v: string | number | bigint | Date): string => {
    if (v instanceof Date) return `'${db.kind === "sqlite" ? sqliteTime(v) : v.toISOString()}'`;
    return typeof v === "string" ? `'${v}'` : String(v);
  };
  const values = rows.map((row) => `(${row.map(literal).join(", ")})`).join(", ");
  const names = columns.map((c) => `"${c}"`).join(", ");
  await db.prisma.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values}`);
}

/** Inserts every state's event, its recorded card and its existing sign-ups; returns the event id of each state. */
async function insertStates(db: TestDatabase, seed: number, states: State[]): Promise<number[]> {
  const prefix = `state ${seed} `;
  const organisation = await db.prisma.organisation.create({ data: { name: prefix, joinCode: `SEED${seed}` } });
  await insertRows(
    db,
    "User",
    ["id", "firstName", "createdAt", "updatedAt"],
    states.map((s) => [s.userId, `Tapper ${s.index}`, now, now]),
  );
  // the events through Prisma, so that their instants are stored exactly as the app stores them
  await db.prisma.event.createMany({
    data: states.map((s) => ({
      organisationId: organisation.id,
      title: `${prefix}${s.index}`,
      startsAt: new Date(s.endsAt.getTime() - 2 * HOUR),
      endsAt: s.endsAt,
      precision: "exact" as const,
      timeZone: "Asia/Shanghai",
      capacity: s.capacity,
      signupDeadline: s.signupDeadline,
      status: s.status,
    })),
  });
  const events = await db.prisma.event.findMany({
    where: { organisationId: organisation.id },
    select: { id: true, title: true },
  });
  const idOf = new Map(events.map((e) => [e.title, e.id]));
  const ids = states.map((s) => idOf.get(`${prefix}${s.index}`) ?? Number.NaN);
  expect(ids.every(Number.isInteger)).toBe(true);
  await insertRows(
    db,
    "EventMessage",
    ["eventId", "chatId", "messageId", "createdAt"],
    states.map((s, i) => [ids[i] as number, CHAT, s.messageId, now]),
  );
  await insertRows(
    db,
    "EventQuestion",
    ["eventId", "position", "kind", "prompt"],
    states.flatMap((s, i) => (s.questions ? [[ids[i] as number, 0, "phone", "电话"]] : [])),
  );
  await insertRows(
    db,
    "Signup",
    ["eventId", "userId", "status", "seq", "chatId", "createdAt", "updatedAt"],
    states.flatMap((s, i) =>
      s.existing.map((status, k) => [ids[i] as number, POOL[k] as bigint, status, k + 1, CHAT, now, now]),
    ),
  );
  return ids;
}

/** The tap of a state's fresh user, with the card the state calls for. */
function tapOf(state: State, states: State[], eventId: number): Tap {
  const tap: Tap = { eventId, userId: state.userId, chatId: state.tapChat, now };
  const next = states[(state.index + 1) % states.length] as State;
  switch (state.card) {
    case "none":
      return tap;
    case "own":
      return { ...tap, card: { chatId: CHAT, messageId: state.messageId } };
    case "other event":
      return { ...tap, card: { chatId: CHAT, messageId: next.messageId } };
    case "other chat":
      return { ...tap, card: { chatId: OTHER_CHAT, messageId: state.messageId } };
    case "unrecorded":
      return { ...tap, card: { chatId: CHAT, messageId: state.messageId + 50_000 } };
  }
}

/** What the domain rule says the tap must return. */
function expectedRow(state: State): Omit<TapRow, "seq"> | null {
  const open = signupRefusal(state, now) === null;
  const onItsCard = state.card === "none" || state.card === "own";
  if (!open || !onItsCard) return null;
  const holding: readonly string[] = PLACE_HOLDING;
  const taken = state.existing.filter((s) => holding.includes(s)).length;
  const waitlisted = state.existing.filter((s) => s === "waitlisted").length;
  const status = admittedStatus(state.capacity === null || taken < state.capacity, state.questions);
  const waiting = status === "waitlisted";
  return { status, position: waiting ? waitlisted + 1 : null, asks: waiting && state.questions };
}

describe.each(databaseKinds)("the sign-up tap path applies the domain's sign-up rule on %s", (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.prisma.user.createMany({ data: POOL.map((id) => ({ id, firstName: `Member ${id}` })) });
    await db.prisma.chat.createMany({
      data: [
        { id: CHAT, type: "supergroup", title: "Volunteers" },
        { id: OTHER_CHAT, type: "supergroup", title: "Elsewhere" },
      ],
    });
  });
  afterAll(() => db?.drop());

  it("400 generated event states: a place, the waitlist or nothing, exactly as signupRefusal and capacity say", async () => {
    const seed = 1;
    const states = generateStates(seed, 400);
    const ids = await insertStates(db, seed, states);

    const mismatches: string[] = [];
    const outcomes = { confirmed: 0, held: 0, waitlisted: 0, refused: 0, refusedOnCard: 0 };
    // each tap is on its own event, so they may run side by side (PostgreSQL's pool; SQLite runs them in turn)
    const rows = await Promise.all(states.map((state, i) => db.tapPath.signUp(tapOf(state, states, ids[i] as number))));
    for (const [i, state] of states.entries()) {
      const row = rows[i] ?? null;
      const expected = expectedRow(state);
      const got = row && { status: row.status, position: row.position, asks: row.asks };
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        mismatches.push(`${state.label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(row)}`);
      } else if (row && row.seq !== state.existing.length + 1) {
        mismatches.push(`${state.label}: expected seq ${state.existing.length + 1}, got ${row.seq}`);
      }
      if (expected) outcomes[expected.status] += 1;
      else if (signupRefusal(state, now) === null) outcomes.refusedOnCard += 1;
      else outcomes.refused += 1;
    }
    expect(mismatches.slice(0, 10)).toEqual([]);

    // what was stored agrees with what came back: one row for each admitted tap, none for a refused one
    const stored = await db.prisma.signup.findMany({
      where: { userId: { in: states.map((s) => s.userId) } },
      select: { eventId: true, userId: true, status: true, chatId: true, heldUntil: true },
    });
    const storedOf = new Map(stored.map((s) => [s.eventId, s]));
    expect(stored).toHaveLength(outcomes.confirmed + outcomes.held + outcomes.waitlisted);
    for (const [i, state] of states.entries()) {
      const expected = expectedRow(state);
      const row = storedOf.get(ids[i] as number);
      expect(
        row && { userId: row.userId, status: row.status, chatId: row.chatId, heldUntil: row.heldUntil },
        state.label,
      ).toEqual(
        expected
          ? {
              userId: state.userId,
              status: expected.status,
              chatId: state.tapChat,
              // a held place is the member's until the hold ends; nothing else has an end
              heldUntil: expected.status === "held" ? holdUntil(now) : null,
            }
          : undefined,
      );
    }
    // every outcome actually happened, so none of the checks above was vacuous
    expect(Math.min(...Object.values(outcomes)), JSON.stringify(outcomes)).toBeGreaterThanOrEqual(20);
  });

  it("a repeated tap by the same user returns nothing and changes nothing", async () => {
    const seed = 2;
    const states = generateStates(seed, 200);
    const ids = await insertStates(db, seed, states);
    const taps = states.map((s, i) => tapOf(s, states, ids[i] as number));
    const first = await Promise.all(taps.map((tap) => db.tapPath.signUp(tap)));
    expect(first.filter((row) => row?.status === "confirmed").length).toBeGreaterThan(10);
    expect(first.filter((row) => row?.status === "waitlisted").length).toBeGreaterThan(10);
    expect(first.filter((row) => row?.status === "held").length).toBeGreaterThan(3);

    const snapshot = () =>
      db.prisma.signup.findMany({
        where: { eventId: { in: ids } },
        orderBy: { id: "asc" },
        select: { id: true, eventId: true, userId: true, status: true, seq: true, chatId: true, updatedAt: true },
      });
    const before = await snapshot();
    const again = await Promise.all(taps.map((tap) => db.tapPath.signUp(tap)));
    expect(again.filter((row) => row !== null)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});

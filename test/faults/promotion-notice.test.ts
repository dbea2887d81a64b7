/**
 * Finding 7 of issue 9 (second half): the "you got a place" notice was written after the promotion had
 * committed, so a kill between the two lost the notice (seen on PostgreSQL). Now it is written in the
 * promotion's own transaction. Here the process "stops" right after the commit: nothing that runs after the
 * transaction (the change feed's listeners) ever runs, and the notice is in the outbox all the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeFeed } from "../../src/services/changes.ts";
import { databaseKinds } from "../support/databases.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

describe.each(databaseKinds)("a promotion and its notice, on %s", (kind) => {
  const now = new Date("2026-06-01T02:00:00Z");
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, start: false, app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("commit together: stopped right after the cancel's commit, the promoted member's notice is in the outbox", async () => {
    const { services } = h.app;
    const db = services.database.prisma;
    const { eventId, group } = await seedEventCard(h, { capacity: 1 });
    const [first, second] = [710_001n, 710_002n];
    for (const id of [first, second]) {
      await db.user.create({ data: { id, firstName: `u${id}`, startedBot: true } });
      await services.signups.signUp(eventId, id, BigInt(group.id), now);
    }
    expect((await db.signup.findUniqueOrThrow({ where: { eventId_userId: { eventId, userId: second } } })).status).toBe(
      "waitlisted",
    );

    // everything after the transaction hangs forever: the process died right after the commit
    const changes = services.changes as ChangeFeed & { emit: ChangeFeed["emit"] };
    const emit = changes.emit;
    changes.emit = () => new Promise<void>(() => {});
    try {
      void services.signups.cancel(eventId, first, now);
      await h.fake.waitForAsync(async () => {
        const s = await db.signup.findUnique({ where: { eventId_userId: { eventId, userId: second } } });
        return s?.status === "confirmed";
      });
    } finally {
      changes.emit = emit;
    }
    const notices = await db.delivery.findMany({ where: { kind: "promotion", eventId } });
    expect(notices.map((d) => [d.chatId, d.status])).toEqual([[second, "pending"]]);
  });

  it("roll back together: a promotion whose transaction fails leaves no notice behind", async () => {
    const { services } = h.app;
    const db = services.database.prisma;
    const { eventId, group } = await seedEventCard(h, { capacity: 1 });
    const [first, second] = [720_001n, 720_002n];
    for (const id of [first, second]) {
      await db.user.create({ data: { id, firstName: `u${id}`, startedBot: true } });
      await services.signups.signUp(eventId, id, BigInt(group.id), now);
    }
    const write = services.signups.promotionNotices;
    services.signups.promotionNotices = async (tx, ...rest) => {
      await write(tx, ...rest);
      throw new Error("the database went away mid-transaction");
    };
    try {
      await expect(services.signups.cancel(eventId, first, now)).rejects.toThrow(/went away/);
    } finally {
      services.signups.promotionNotices = write;
    }
    expect(await db.delivery.count({ where: { kind: "promotion", eventId } })).toBe(0);
    const statuses = await db.signup.findMany({ where: { eventId }, orderBy: { seq: "asc" } });
    expect(statuses.map((s) => s.status)).toEqual(["confirmed", "waitlisted"]);
  });
});

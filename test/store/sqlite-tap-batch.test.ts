import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../support/databases.ts";

type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;

/**
 * The taps of one moment share a transaction on SQLite (store/sqlite-tap-path.ts). One that fails must not take
 * the others with it, and none may be stored twice when the batch is run again without it.
 */
describe("taps that arrive together on SQLite", () => {
  const now = new Date("2026-12-01T04:00:00Z");
  const CHAT = -1_001_234_567_890n;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase("sqlite");
    await db.prisma.user.createMany({ data: [1n, 2n, 3n, 4n].map((id) => ({ id, firstName: `Member ${id}` })) });
    await db.prisma.chat.create({ data: { id: CHAT, type: "supergroup", title: "Volunteers" } });
  });
  afterAll(() => db?.drop());

  it("one that fails gets its error; the others are stored once, in tap order, and mark the cards once each", async () => {
    const organisation = await db.prisma.organisation.create({ data: { name: "Riverside", joinCode: "RIVER" } });
    const event = await db.prisma.event.create({
      data: {
        organisationId: organisation.id,
        title: "River clean-up",
        status: "published",
        startsAt: new Date("2026-12-05T01:00:00Z"),
        endsAt: new Date("2026-12-05T03:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
        capacity: 3,
      },
    });
    const tap = (userId: bigint) => db.tapPath.signUp({ eventId: event.id, userId, chatId: CHAT, now });
    // user 99 was never seen: its row cannot be written (the sign-up's user must exist)
    const results = await Promise.allSettled([tap(1n), tap(2n), tap(99n), tap(3n), tap(4n)]);

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(results.map((r) => (r.status === "fulfilled" ? [r.value?.status, r.value?.position] : null))).toEqual([
      ["confirmed", null],
      ["confirmed", null],
      null,
      ["confirmed", null],
      ["waitlisted", 1],
    ]);
    const stored = await db.prisma.signup.findMany({
      where: { eventId: event.id },
      orderBy: { seq: "asc" },
      select: { userId: true, status: true, seq: true },
    });
    expect(stored).toEqual([
      { userId: 1n, status: "confirmed", seq: 1 },
      { userId: 2n, status: "confirmed", seq: 2 },
      { userId: 3n, status: "confirmed", seq: 3 },
      { userId: 4n, status: "waitlisted", seq: 4 },
    ]);
    expect(await db.prisma.cardMark.findUnique({ where: { eventId: event.id } })).toEqual({
      eventId: event.id,
      stale: 4,
    });
  });
});

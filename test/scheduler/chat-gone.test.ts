import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Harness } from "../support/harness.ts";
import { FakeClock, type Seeded, seedGroupsWithEvents, startClockedHarness } from "./support.ts";

const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};

describe("a group that removed the bot, a member who blocked it", () => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;
  let seeded: Seeded;

  beforeAll(async () => {
    h = await startClockedHarness(clock);
    seeded = await seedGroupsWithEvents(h.fake, h.app.services, 3, window);
  });
  afterAll(() => h?.stop());

  it("its deliveries are skipped, not retried, and nothing more is planned for it", async () => {
    const { services, scheduler, sender } = h.app;
    const db = services.database.prisma;
    const [gone, ...others] = seeded.groups;
    const member = h.fake.user({ first_name: "Bob", started: true });
    await db.user.create({ data: { id: BigInt(member.id), firstName: "Bob", startedBot: true } });
    await db.signup.create({
      data: { eventId: seeded.eventIds[1]!, userId: BigInt(member.id), status: "confirmed", seq: 1 },
    });
    await scheduler.run(clock.now());
    h.fake.setBotStatus(gone!, "kicked");
    member.block();

    clock.set("2026-06-27T01:00:00Z");
    while ((await sender.tick()) > 0);

    const goneRows = await db.delivery.findMany({ where: { chatId: BigInt(gone!.id) } });
    expect(goneRows.map((r) => r.status)).toEqual(["skipped", "skipped"]); // the due one and the later one
    expect(goneRows[0]?.attempts).toBe(1);
    expect((await db.chat.findUniqueOrThrow({ where: { id: BigInt(gone!.id) } })).active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: BigInt(member.id) } })).startedBot).toBe(false);
    for (const g of others) expect(h.fake.sent(g)).toHaveLength(1);

    clock.advance(3_600_000);
    await scheduler.run(clock.now());
    expect(await db.delivery.count({ where: { chatId: BigInt(gone!.id), status: "pending" } })).toBe(0);
  });
});

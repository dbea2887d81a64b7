/**
 * The summary planner's minute sweep skips a group whose slots it already worked out for its local day (issue 12:
 * that work, every minute for every group, was most of the idle bot's garbage). What must still happen: a group
 * whose summary time changed behind this process's back gets its new slot at the next sweep, and when the local
 * day moves on, the next day's summary is planned.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox } from "../../src/delivery/outbox.ts";
import { SummaryPlanner } from "../../src/scheduler/summary-planner.ts";
import { openTestDatabase } from "../support/databases.ts";

describe("the summary planner's minute sweeps", () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  const chatId = -7_000_000n;

  beforeAll(async () => {
    db = await openTestDatabase("sqlite");
    const org = await db.prisma.organisation.create({
      data: { name: "Org", kind: "organisation", joinCode: "sweeps", timeZone: "Asia/Shanghai", locale: "zh-CN" },
    });
    await db.prisma.chat.create({
      data: {
        id: chatId,
        type: "supergroup",
        title: "群",
        organisationId: org.id,
        summaryOn: true,
        summaryTime: "09:00",
      },
    });
  });
  afterAll(() => db?.drop());

  const summaries = () =>
    db.prisma.delivery.findMany({ where: { kind: "summary", status: "pending" }, orderBy: { dueAt: "asc" } });

  it("plans today's and tomorrow's once, follows a changed time, and plans the next day when the day moves on", async () => {
    const planner = new SummaryPlanner({ db: db.prisma, outbox: new Outbox(db.prisma, db.dialect) });
    // 06:00 in Shanghai on 1 June
    let now = new Date("2026-05-31T22:00:00Z");
    expect(await planner.sweep(now)).toBe(2);
    for (let minute = 1; minute <= 5; minute++) {
      now = new Date(now.getTime() + 60_000);
      expect(await planner.sweep(now)).toBe(0);
    }
    expect((await summaries()).map((d) => d.key)).toEqual([
      `summary:${chatId}:2026-06-01`,
      `summary:${chatId}:2026-06-02`,
    ]);

    // changed on another instance (which retired the old rows itself): this one sees the new time at its next sweep
    await db.prisma.delivery.deleteMany({ where: { kind: "summary" } });
    await db.prisma.chat.update({ where: { id: chatId }, data: { summaryTime: "20:30" } });
    now = new Date(now.getTime() + 60_000);
    expect(await planner.sweep(now)).toBe(2);
    expect((await summaries()).map((d) => d.dueAt.toISOString())).toEqual([
      "2026-06-01T12:30:00.000Z",
      "2026-06-02T12:30:00.000Z",
    ]);

    // just after local midnight (16:00 UTC): 2 June is today, and 3 June's summary is planned
    now = new Date("2026-06-01T16:01:00Z");
    expect(await planner.sweep(now)).toBe(1);
    expect((await summaries()).map((d) => d.key)).toContain(`summary:${chatId}:2026-06-03`);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Housekeeping } from "../../src/scheduler/housekeeping.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

const now = new Date("2026-07-30T00:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe.each(databaseKinds)("housekeeping on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it("deletes old processed updates, finished deliveries and abandoned conversations, and nothing else", async () => {
    const p = db.prisma;
    await p.processedUpdate.createMany({
      data: [
        { updateId: 1n, processedAt: daysAgo(8) },
        { updateId: 2n, processedAt: daysAgo(1) },
      ],
    });
    const delivery = (key: string, status: "sent" | "pending" | "missed", dueAt: Date) => ({
      key,
      kind: "reminder",
      chatId: -1n,
      payload: "{}",
      status,
      dueAt,
    });
    await p.delivery.createMany({
      data: [
        delivery("old-sent", "sent", daysAgo(31)),
        delivery("old-missed", "missed", daysAgo(40)),
        delivery("recent-sent", "sent", daysAgo(2)),
        delivery("old-pending", "pending", daysAgo(60)),
      ],
    });
    await p.conversation.create({ data: { chatId: 1n, userId: 1n, kind: "newevent", step: "title", data: "{}" } });
    await p.conversation.updateMany({ data: { updatedAt: daysAgo(2) } });

    expect(await new Housekeeping(p).prune(now)).toEqual({ updates: 1, deliveries: 2, conversations: 1 });
    expect((await p.processedUpdate.findMany()).map((u) => Number(u.updateId))).toEqual([2]);
    expect((await p.delivery.findMany({ orderBy: { key: "asc" } })).map((d) => d.key)).toEqual([
      "old-pending",
      "recent-sent",
    ]);
    expect(await p.conversation.count()).toBe(0);
  });
});

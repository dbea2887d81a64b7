/**
 * Findings 5 and 6 of issue 9: after a 75 s Telegram outage every reminder ended "gave up after 6 attempts";
 * and when Telegram performed a sendMessage but the answer was lost, scheduled group reminders were sent again.
 */
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiHttp } from "../../src/bot/bot-api-fetch.ts";
import type { CallApi } from "../../src/delivery/sender.ts";
import { botApiCaller } from "../../src/wiring.ts";
import { FakeClock, seedGroupsWithEvents, startClockedHarness, testSender } from "../scheduler/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { Harness } from "../support/harness.ts";

const window = {
  start: new Date("2026-06-28T01:00:00Z"),
  end: new Date("2026-06-28T03:00:00Z"),
  precision: "exact" as const,
  timeZone: "Asia/Shanghai",
};

describe.each(databaseKinds)("Telegram unreachable or losing answers, on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-26T12:00:00Z").getTime());
  let h: Harness;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
  });
  const http = botApiHttp();
  afterAll(async () => {
    await http.close();
    await h?.stop();
  });

  /** The reminders into these groups that are due now (their ids: retries move `dueAt`). */
  async function dueReminders(groups: { id: number }[]): Promise<number[]> {
    const rows = await h.app.services.database.prisma.delivery.findMany({
      where: { kind: "reminder", chatId: { in: groups.map((g) => BigInt(g.id)) }, dueAt: { lte: clock.now() } },
    });
    return rows.map((r) => r.id);
  }
  const statuses = async (ids: number[]) =>
    (await h.app.services.database.prisma.delivery.findMany({ where: { id: { in: ids } } })).map((r) => r.status);

  it("a 75 s outage (connection refused): all ten reminders go out afterwards, once each", async () => {
    clock.set("2026-06-26T12:00:00Z");
    const seeded = await seedGroupsWithEvents(h.fake, h.app.services, 10, window, { prefix: "outage" });
    await h.app.scheduler.run(clock.now());
    clock.set("2026-06-27T01:00:00Z"); // the day-before reminders are due
    const ids = await dueReminders(seeded.groups);
    expect(ids).toHaveLength(10);
    // nothing listens there; the same HTTP client as the app's (bot/bot-api-fetch.ts)
    const down = botApiCaller(new Api(h.fake.token, { apiRoot: "http://127.0.0.1:1", fetch: http.fetch }));
    const outageEnds = clock.nowMs() + 75_000;
    const callApi: CallApi = (method, params) =>
      clock.nowMs() < outageEnds ? down(method, params) : h.app.callApi(method, params);
    const sender = testSender(h.app.services, { instanceId: "outage", callApi });
    for (let i = 0; i < 200; i++) {
      await sender.tick();
      clock.advance(1000);
    }
    expect(await statuses(ids)).toEqual(Array(10).fill("sent"));
    for (const g of seeded.groups) expect(h.fake.sent(g).length).toBe(1);
  });

  it("answers lost after Telegram sent them: group reminders (at most once) are recorded failed, never sent twice", async () => {
    clock.set("2026-06-26T12:00:00Z");
    const seeded = await seedGroupsWithEvents(h.fake, h.app.services, 3, window, { prefix: "lost" });
    await h.app.scheduler.run(clock.now());
    clock.set("2026-06-27T01:00:00Z");
    const ids = await dueReminders(seeded.groups);
    h.fake.disconnectNext("sendMessage", { processed: true, times: 3 });
    const sender = testSender(h.app.services, { instanceId: "lost", callApi: h.app.callApi });
    for (let i = 0; i < 120; i++) {
      await sender.tick();
      clock.advance(1000);
    }
    expect(await statuses(ids)).toEqual(["failed", "failed", "failed"]);
    for (const g of seeded.groups) expect(h.fake.sent(g).length).toBe(1); // at most once: exactly the lost one
  });
});

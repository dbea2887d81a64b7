/**
 * The sender keeps one message in flight and still sends at Telegram's pace: while a call is in flight it looks up
 * and renders the next delivery without claiming it, and between two calls one statement records the previous
 * as sent and claims the next. What a user would notice if that went wrong: two messages claimed at once (a
 * kill -9 would lose both), or a delivery sent after it was dropped.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { planReady } from "../../src/delivery/kinds.ts";
import type { Delivery } from "../../src/delivery/outbox.ts";
import type { CallApi } from "../../src/delivery/sender.ts";
import type { Services } from "../../src/services/services.ts";
import { FakeClock, startClockedHarness, testSender } from "../scheduler/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { Harness } from "../support/harness.ts";

describe.each(databaseKinds)("the sender's pipeline on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-27T01:00:00Z").getTime());
  let h: Harness;
  let services: Services;
  let nextEvent = 100;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
    services = h.app.services;
    await h.app.sender.stop(); // the tests drive their own senders
  });
  afterAll(() => h?.stop());

  /** Group notices due now, one per new group, in this order. */
  async function notices(count: number, label: string): Promise<{ chatId: number; key: string }[]> {
    const out: { chatId: number; key: string }[] = [];
    for (let i = 0; i < count; i++) {
      const g = h.fake.group({ title: `${label} ${i}`, creator: h.fake.user({ first_name: `${label}${i}` }) });
      await services.database.prisma.chat.create({ data: { id: BigInt(g.id), type: g.type, title: g.title } });
      const delivery = planReady("event-cancelled", {
        eventId: nextEvent++,
        to: BigInt(g.id),
        now: new Date(clock.nowMs() + i),
        call: { method: "sendMessage", params: { text: `${label} ${i}` } },
      });
      await services.outbox.enqueue([delivery], clock.now());
      out.push({ chatId: g.id, key: delivery.key });
    }
    clock.advance(10);
    return out;
  }

  const rows = (keys: string[]): Promise<Delivery[]> =>
    services.database.prisma.delivery.findMany({ where: { key: { in: keys } }, orderBy: { id: "asc" } });

  it("one message claimed at a time, the one before already recorded as sent; no claim query per message", async () => {
    const due = await notices(6, "pipe");
    const keys = due.map((d) => d.key);
    const seen: string[][] = [];
    const callApi: CallApi = async (method, params) => {
      // at each call: which of these rows are sending, which sent
      seen.push((await rows(keys)).map((r) => r.status));
      return h.app.callApi(method, params);
    };
    const claim = vi.spyOn(services.outbox, "claim");
    try {
      const sender = testSender(services, { instanceId: "pipe", callApi });
      expect(await sender.tick()).toBe(6);
      // the claim query ran once to start and once to find nothing more; the rest were claimed between sends
      expect(claim.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      claim.mockRestore();
    }
    expect(seen).toEqual(
      Array.from({ length: 6 }, (_, i) => keys.map((_k, j) => (j < i ? "sent" : j === i ? "sending" : "pending"))),
    );
    expect((await rows(keys)).map((r) => r.status)).toEqual(keys.map(() => "sent"));
    for (const d of due) expect(h.fake.sent(d.chatId)).toHaveLength(1);
  });

  it("a delivery dropped after it was looked up in advance is not sent", async () => {
    const [first, second, third] = await notices(3, "drop");
    if (!first || !second || !third) throw new Error("three notices");
    const peek = vi.spyOn(services.outbox, "peek");
    let calls = 0;
    const callApi: CallApi = async (method, params) => {
      calls++;
      if (calls === 1) {
        // the second has been looked up (and rendered) while this call is in flight: now it is dropped
        await vi.waitFor(async () => expect((await peek.mock.results[0]?.value)?.key).toBe(second.key));
        await services.database.prisma.delivery.update({ where: { key: second.key }, data: { status: "dropped" } });
      }
      return h.app.callApi(method, params);
    };
    try {
      const sender = testSender(services, { instanceId: "drop", callApi });
      await sender.tick();
    } finally {
      peek.mockRestore();
    }
    expect((await rows([first.key, second.key, third.key])).map((r) => r.status)).toEqual(["sent", "dropped", "sent"]);
    expect(h.fake.sent(second.chatId)).toHaveLength(0);
    expect(h.fake.sent(third.chatId)).toHaveLength(1);
  });
});

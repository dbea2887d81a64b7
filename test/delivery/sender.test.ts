/**
 * The sender's rules as a user would notice them, through the fake Bot API
 * server over HTTP on a fake clock. What happens to deliveries interrupted
 * mid-send (at-most-once ones are not sent again, at-least-once ones are) is
 * in test/scheduler/crash-recovery.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planReady } from "../../src/delivery/kinds.ts";
import type { Delivery } from "../../src/delivery/outbox.ts";
import type { Services } from "../../src/services/services.ts";
import type { TelegramId } from "../../src/telegram-id.ts";
import { FakeClock, startClockedHarness } from "../scheduler/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { ChatRef } from "../support/fake-telegram/index.ts";
import type { Harness } from "../support/harness.ts";

const SECOND = 1000;

describe.each(databaseKinds)("the sender on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-27T01:00:00Z").getTime());
  let h: Harness;
  let services: Services;
  let nextEvent = 1;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
    services = h.app.services;
  });
  afterAll(() => h?.stop());

  const db = () => services.database.prisma;
  const tick = () => h.app.sender.tick();

  /**
   * A notice to `to`, due now (or at `dueAt`); with `expiresAt` it is a promotion (useless after that), else a
   * cancellation notice (never expires).
   */
  async function notice(to: TelegramId, text: string, when: { dueAt?: Date; expiresAt?: Date } = {}): Promise<string> {
    const now = clock.now();
    const due = when.dueAt ?? now;
    const call = { method: "sendMessage", params: { text } };
    const eventId = nextEvent++;
    const delivery = when.expiresAt
      ? planReady("promotion", { eventId, userId: to, seq: 1, to, eventEndsAt: when.expiresAt, now: due, call })
      : planReady("event-cancelled", { eventId, to, now: due, call });
    await services.outbox.enqueue([delivery], now);
    return delivery.key;
  }

  const row = (key: string): Promise<Delivery> => db().delivery.findUniqueOrThrow({ where: { key } });
  const sendCalls = (chat: number) => h.fake.calls("sendMessage").filter((c) => c.params.chat_id === chat);
  const texts = (chat: ChatRef) => h.fake.sent(chat).map((m) => m.text);

  async function group(title: string, type: "group" | "supergroup" = "supergroup") {
    const creator = h.fake.user({ first_name: `${title} creator` });
    const g = h.fake.group({ title, type, creator });
    await db().chat.create({ data: { id: BigInt(g.id), type: g.type, title } });
    return g;
  }

  it("waits as long as a 429's retry_after says before sending again, then sends once", async () => {
    const g = await group("retry-after");
    const key = await notice(BigInt(g.id), "after the pause");
    h.fake.failNext("sendMessage", 429, { retryAfter: 30 });
    const started = clock.nowMs();

    expect(await tick()).toBe(1);
    expect(await row(key)).toMatchObject({ status: "pending", attempts: 0, lastError: "429: retry after 30s" });
    expect((await row(key)).dueAt.getTime()).toBe(started + 30 * SECOND);

    for (const at of [1, 10, 29.75]) {
      clock.set(new Date(started + at * SECOND));
      await tick();
    }
    expect(sendCalls(g.id)).toHaveLength(1); // only the refused one: nothing before retry_after was over

    clock.set(new Date(started + 30 * SECOND));
    expect(await tick()).toBe(1);
    expect((await row(key)).status).toBe("sent");
    expect(sendCalls(g.id).map((c) => c.status)).toEqual([429, 200]);
    expect(texts(g)).toEqual(["after the pause"]);
  });

  it("a group that removed the bot and a member who blocked it: their deliveries are skipped, and they are marked so", async () => {
    const gone = await group("removed the bot");
    const stays = await group("keeps the bot");
    const member = h.fake.user({ first_name: "Blocks", started: true });
    await db().user.create({ data: { id: BigInt(member.id), firstName: "Blocks", startedBot: true } });
    const later = { dueAt: new Date(clock.nowMs() + 3_600_000) };
    const goneKeys = [await notice(BigInt(gone.id), "now"), await notice(BigInt(gone.id), "in an hour", later)];
    const memberKeys = [await notice(BigInt(member.id), "now"), await notice(BigInt(member.id), "in an hour", later)];
    const staysKey = await notice(BigInt(stays.id), "still here");
    h.fake.setBotStatus(gone, "kicked");
    member.block();

    while ((await tick()) > 0) clock.advance(SECOND);

    for (const key of [...goneKeys, ...memberKeys]) expect((await row(key)).status).toBe("skipped");
    // one refused call each; the later delivery was skipped without trying
    expect(sendCalls(gone.id).map((c) => c.status)).toEqual([403]);
    expect(sendCalls(member.id).map((c) => c.status)).toEqual([403]);
    expect((await db().chat.findUniqueOrThrow({ where: { id: BigInt(gone.id) } })).active).toBe(false);
    expect((await db().user.findUniqueOrThrow({ where: { id: BigInt(member.id) } })).startedBot).toBe(false);
    expect((await row(staysKey)).status).toBe("sent");
    expect(texts(stays)).toEqual(["still here"]);
  });

  it("a group that became a supergroup gets its delivery under the new id", async () => {
    const basic = await group("upgraded", "group");
    const key = await notice(BigInt(basic.id), "to the supergroup");
    const supergroup = h.fake.migrate(basic);

    while ((await tick()) > 0);

    expect(sendCalls(basic.id).map((c) => c.status)).toEqual([400]);
    expect(texts(supergroup)).toEqual(["to the supergroup"]);
    expect(await row(key)).toMatchObject({ status: "sent", chatId: BigInt(supergroup.id) });
    expect((await db().chat.findUniqueOrThrow({ where: { id: BigInt(basic.id) } })).migratedToId).toBe(
      BigInt(supergroup.id),
    );
    expect((await db().chat.findUniqueOrThrow({ where: { id: BigInt(supergroup.id) } })).active).toBe(true);
  });

  it("retries a 5xx of a personal notice later and later (capped at a minute) until it goes through", async () => {
    const g = await group("server errors");
    const key = await notice(BigInt(g.id), "arrives in the end");
    h.fake.failNext("sendMessage", 502, { times: 8 });
    const started = clock.nowMs();

    const attempts: number[] = [];
    for (let guard = 0; guard < 400 && (await row(key)).status === "pending"; guard++) {
      if ((await tick()) > 0) attempts.push((clock.nowMs() - started) / SECOND);
      clock.advance(SECOND);
    }
    // back-off 2, 4, 8, 16, 32 s, then capped at 60 s; no fixed number of attempts
    expect(attempts).toEqual([0, 2, 6, 14, 30, 62, 122, 182, 242]);
    expect(await row(key)).toMatchObject({ status: "sent" });
    expect(texts(g)).toEqual(["arrives in the end"]);
  });

  it("a 5xx that passes: the retry goes out", async () => {
    const g = await group("one server error");
    const key = await notice(BigInt(g.id), "second time lucky");
    h.fake.failNext("sendMessage", 500);
    await tick();
    expect(await row(key)).toMatchObject({ status: "pending", attempts: 1 });
    clock.advance(2 * SECOND);
    await tick();
    expect(await row(key)).toMatchObject({ status: "sent", attempts: 2 });
    expect(texts(g)).toEqual(["second time lucky"]);
  });

  it("a delivery whose moment has passed is marked missed instead of being sent", async () => {
    const g = await group("too late");
    const t0 = clock.nowMs();
    // due now and useless after a minute, but the sender only gets to it after two
    const late = await notice(BigInt(g.id), "too late", { expiresAt: new Date(t0 + 60 * SECOND) });
    const waiting = await notice(BigInt(g.id), "expires while waiting", {
      dueAt: new Date(t0 + 60 * SECOND),
      expiresAt: new Date(t0 + 5 * 60 * SECOND),
    });
    clock.set(new Date(t0 + 2 * 60 * SECOND));
    h.fake.failNext("sendMessage", 429, { retryAfter: 240 }); // the second: refused, and expired before its turn
    while ((await tick()) > 0);
    expect(await row(late)).toMatchObject({ status: "missed" });
    expect((await row(waiting)).status).toBe("pending");
    clock.advance(240 * SECOND);
    await tick();
    expect(await row(waiting)).toMatchObject({ status: "missed" });
    expect(sendCalls(g.id).map((c) => c.status)).toEqual([429]);
    expect(texts(g)).toEqual([]);
  });
});

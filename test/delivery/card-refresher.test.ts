import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardRefresher } from "../../src/delivery/card-refresher.ts";
import { jsonField } from "../../src/delivery/kinds.ts";
import { RateLimiter } from "../../src/delivery/rate-limiter.ts";
import { cardKey } from "../../src/services/presenter.ts";
import { FakeClock, startClockedHarness } from "../scheduler/support.ts";
import { databaseKinds } from "../support/databases.ts";
import type { Harness } from "../support/harness.ts";

describe.each(databaseKinds)("event cards kept up to date, on %s", (kind) => {
  const clock = new FakeClock(new Date("2026-06-20T02:00:00Z").getTime());
  let h: Harness;

  beforeAll(async () => {
    h = await startClockedHarness(clock, { kind });
  });
  afterAll(() => h?.stop());

  it("a card in a group of an English organisation is rewritten in English, not the default language", async () => {
    const { services, cards, callApi } = h.app;
    const db = services.database.prisma;
    const creator = h.fake.user({ first_name: "Ann", language_code: "en" });
    const group = h.fake.group({ title: "Riverside volunteers", creator });
    const org = await db.organisation.create({ data: { name: "Riverside", joinCode: "RIVER", locale: "en" } });
    await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
    const event = await db.event.create({
      data: {
        organisationId: org.id,
        title: "River clean-up",
        startsAt: new Date("2026-06-28T01:00:00Z"),
        endsAt: new Date("2026-06-28T03:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
        capacity: 10,
      },
    });
    const posted = await callApi("sendMessage", { chat_id: BigInt(group.id), text: "the card as first posted" });
    const messageId = jsonField(posted, "message_id");
    if (typeof messageId !== "number") throw new Error("the fake did not answer with a message");
    await services.cards.remember(event.id, BigInt(group.id), messageId);

    await cards.markDirty(event.id);
    expect(await cards.flush()).toBe(1);

    expect(h.fake.lastMessage(group)?.text).toContain("River clean-up");
    const buttons = h.fake
      .lastMessage(group)
      ?.reply_markup?.inline_keyboard.flat()
      .map((b) => b.text);
    expect(buttons).toContain("✅ Sign up");
  });

  it("when Telegram's budget is spent, cards that could not be sent are not rendered either, and follow later", async () => {
    const { services, callApi } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "五个群的协会", joinCode: "FIVEG" } });
    const event = await db.event.create({
      data: {
        organisationId: org.id,
        title: "五群同场活动",
        startsAt: new Date("2026-06-28T01:00:00Z"),
        endsAt: new Date("2026-06-28T03:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
        capacity: 10,
      },
    });
    const groups: ReturnType<typeof h.fake.group>[] = [];
    for (let i = 0; i < 5; i++) {
      const group = h.fake.group({ title: `第${i + 1}群` });
      await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
      const posted = await callApi("sendMessage", { chat_id: BigInt(group.id), text: "the card as first posted" });
      const messageId = jsonField(posted, "message_id");
      if (typeof messageId !== "number") throw new Error("the fake did not answer with a message");
      await services.cards.remember(event.id, BigInt(group.id), messageId);
      groups.push(group);
    }
    let renders = 0;
    const refresher = new CardRefresher({
      db,
      dialect: services.database.dialect,
      limiter: new RateLimiter({ globalPerSecond: 2, groupPerMinute: 20, privatePerSecond: 1 }),
      callApi,
      now: () => new Date(clock.now()),
      logger: services.logger,
      render: async (cards) => {
        renders += cards.length;
        return Promise.all(cards.map(({ eventId }) => services.presenter.card(eventId, "zh-CN")));
      },
    });
    await refresher.markDirty(event.id);
    expect(await refresher.flush()).toBe(2);
    expect(renders).toBe(2);
    const updated = () => groups.filter((g) => h.fake.lastMessage(g)?.text?.includes("五群同场活动")).length;
    expect(updated()).toBe(2);

    clock.advance(1500);
    expect(await refresher.flush()).toBe(2);
    clock.advance(1500);
    expect(await refresher.flush()).toBe(1);
    expect(updated()).toBe(5);
    expect(await db.cardMark.findUnique({ where: { eventId: event.id } })).toBeNull(); // the mark is cleared
    await refresher.stop();
  });

  it("the cards of one flush are rendered together, in one round, not one by one", async () => {
    const { services, callApi } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "十二个群的协会", joinCode: "TWELV" } });
    const events: number[] = [];
    for (let i = 0; i < 12; i++) {
      const group = h.fake.group({ title: `第${i + 1}群` });
      await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
      const event = await db.event.create({
        data: {
          organisationId: org.id,
          title: `第${i + 1}场`,
          startsAt: new Date("2026-06-28T01:00:00Z"),
          endsAt: new Date("2026-06-28T03:00:00Z"),
          precision: "exact",
          timeZone: "Asia/Shanghai",
          capacity: 10,
        },
      });
      const posted = await callApi("sendMessage", { chat_id: BigInt(group.id), text: "the card as first posted" });
      const messageId = jsonField(posted, "message_id");
      if (typeof messageId !== "number") throw new Error("the fake did not answer with a message");
      await services.cards.remember(event.id, BigInt(group.id), messageId);
      events.push(event.id);
    }
    const rounds: number[] = [];
    const refresher = new CardRefresher({
      db,
      dialect: services.database.dialect,
      limiter: new RateLimiter(),
      callApi,
      now: () => new Date(clock.now()),
      logger: services.logger,
      render: async (cards) => {
        rounds.push(cards.length);
        const views = await services.presenter.cards(cards.map(({ eventId }) => ({ eventId, locale: "zh-CN" })));
        return cards.map(({ eventId }) => views.get(cardKey(eventId, "zh-CN")) ?? null);
      },
    });
    for (const id of events) await refresher.markDirty(id);
    expect(await refresher.flush()).toBe(12);
    expect(rounds).toEqual([12]);
    await refresher.stop();
  });
});

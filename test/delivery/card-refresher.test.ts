import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CardRefresher } from "../../src/delivery/card-refresher.ts";
import { jsonField } from "../../src/delivery/kinds.ts";
import { RateLimiter } from "../../src/delivery/rate-limiter.ts";
import { cardKey, type EventsRead } from "../../src/services/presenter.ts";
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

  /** An event of the organisation on June 28 with 10 places. */
  const seedEvent = (organisationId: number, title: string) =>
    h.app.services.database.prisma.event.create({
      data: {
        organisationId,
        title,
        startsAt: new Date("2026-06-28T01:00:00Z"),
        endsAt: new Date("2026-06-28T03:00:00Z"),
        precision: "exact",
        timeZone: "Asia/Shanghai",
        capacity: 10,
      },
    });

  /**
   * A refresher of the app's cards in Chinese on the test clock, within Telegram's usual limits; `afterRender`
   * runs after each round's views are rendered, before they are sent.
   */
  const chineseCardRefresher = (afterRender: () => Promise<void> = async () => {}) => {
    const { services, callApi } = h.app;
    return new CardRefresher({
      db: services.database.prisma,
      cards: services.database.cardPath,
      limiter: new RateLimiter({ globalPerSecond: 30, groupPerMinute: 20, privatePerSecond: 1 }),
      callApi,
      now: () => new Date(clock.now()),
      logger: services.logger,
      render: async (cards, flush) => {
        const views = await services.presenter.cards(
          cards.map(({ eventId }) => ({ eventId, locale: "zh-CN" as const })),
          { eventIds: flush.eventIds, read: flush.memo as EventsRead },
        );
        await afterRender();
        return cards.map(({ eventId }) => views.get(cardKey(eventId, "zh-CN")) ?? null);
      },
    });
  };

  /** Posts a placeholder message into the group and records it as the event's card there. */
  async function postCard(eventId: number, groupId: number): Promise<void> {
    const posted = await h.app.callApi("sendMessage", { chat_id: BigInt(groupId), text: "the card as first posted" });
    const messageId = jsonField(posted, "message_id");
    if (typeof messageId !== "number") throw new Error("the fake did not answer with a message");
    await h.app.services.cards.remember(eventId, BigInt(groupId), messageId);
  }

  it("a card in a group of an English organisation is rewritten in English, not the default language", async () => {
    const { services, cards } = h.app;
    const db = services.database.prisma;
    const creator = h.fake.user({ first_name: "Ann", language_code: "en" });
    const group = h.fake.group({ title: "Riverside volunteers", creator });
    const org = await db.organisation.create({ data: { name: "Riverside", joinCode: "RIVER", locale: "en" } });
    await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
    const event = await seedEvent(org.id, "River clean-up");
    await postCard(event.id, group.id);

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
    await h.app.cards.stop(); // the app's own refresher (woken by the test above) must not take these marks
    const { services, callApi } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "五个群的协会", joinCode: "FIVEG" } });
    const event = await seedEvent(org.id, "五群同场活动");
    const groups: ReturnType<typeof h.fake.group>[] = [];
    for (let i = 0; i < 5; i++) {
      const group = h.fake.group({ title: `第${i + 1}群` });
      await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
      await postCard(event.id, group.id);
      groups.push(group);
    }
    let renders = 0;
    const refresher = new CardRefresher({
      db,
      cards: services.database.cardPath,
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
    await h.app.cards.stop();
    const { services, callApi } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "十二个群的协会", joinCode: "TWELV" } });
    const events: number[] = [];
    for (let i = 0; i < 12; i++) {
      const group = h.fake.group({ title: `第${i + 1}群` });
      await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
      const event = await seedEvent(org.id, `第${i + 1}场`);
      await postCard(event.id, group.id);
      events.push(event.id);
    }
    const rounds: number[] = [];
    const refresher = new CardRefresher({
      db,
      cards: services.database.cardPath,
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

  it("the events are read once per flush, however many rounds their cards take; the counts every round", async () => {
    await h.app.cards.stop();
    const { services, callApi } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "六个群的协会", joinCode: "SIXGR" } });
    // two events, each with cards in three groups: later rounds hold cards of either
    const events = [await seedEvent(org.id, "六群上午场"), await seedEvent(org.id, "六群下午场")];
    for (let i = 0; i < 6; i++) {
      const group = h.fake.group({ title: `六${i + 1}群` });
      await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
      await postCard((events[i % 2] as { id: number }).id, group.id);
    }
    const eventReads = vi.spyOn(services.events, "getMany");
    const countReads = vi.spyOn(services.signups, "counts");
    const rounds: number[] = [];
    const refresher = new CardRefresher({
      db,
      cards: services.database.cardPath,
      // two edits a second, and each edit takes 600 ms of the clock: the window frees up between rounds
      limiter: new RateLimiter({ globalPerSecond: 2, groupPerMinute: 20, privatePerSecond: 1 }),
      callApi: async (method, params) => {
        clock.advance(600);
        return callApi(method, params);
      },
      now: () => new Date(clock.now()),
      logger: services.logger,
      render: async (cards, flush) => {
        rounds.push(cards.length);
        const views = await services.presenter.cards(
          cards.map(({ eventId }) => ({ eventId, locale: "zh-CN" as const })),
          { eventIds: flush.eventIds, read: flush.memo as EventsRead },
        );
        return cards.map(({ eventId }) => views.get(cardKey(eventId, "zh-CN")) ?? null);
      },
    });
    try {
      for (const event of events) await refresher.markDirty(event.id);
      const edits = await refresher.flush();
      expect(rounds.length).toBeGreaterThan(1);
      expect(edits).toBe(rounds.reduce((a, b) => a + b, 0));
      expect(eventReads).toHaveBeenCalledTimes(1);
      expect(countReads).toHaveBeenCalledTimes(rounds.length);
    } finally {
      eventReads.mockRestore();
      countReads.mockRestore();
      await refresher.stop();
    }
  });

  it("an event's details are read again only when they changed: a renamed organisation, a co-host added", async () => {
    await h.app.cards.stop();
    const { services } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "老名字协会", joinCode: "RENAM" } });
    const event = await seedEvent(org.id, "改名后的活动");
    const group = h.fake.group({ title: "改名群" });
    await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
    await postCard(event.id, group.id);
    const refresher = chineseCardRefresher();
    const card = () => h.fake.lastMessage(group)?.text ?? "";
    const eventReads = vi.spyOn(db.event, "findMany");
    try {
      await refresher.markDirty(event.id);
      await refresher.flush();
      expect(card()).toContain("老名字协会");

      clock.advance(1000);
      await db.organisation.update({ where: { id: org.id }, data: { name: "新名字协会" } });
      await refresher.markDirty(event.id);
      await refresher.flush();
      expect(card()).toContain("新名字协会");

      await db.eventOrganiser.create({ data: { eventId: event.id, position: 0, name: "合办单位甲" } });
      await refresher.markDirty(event.id);
      await refresher.flush();
      expect(card()).toContain("合办单位甲");

      // a sign-up changes the counts, not the details: the card follows without reading the event again
      eventReads.mockClear();
      const member = h.fake.user({ first_name: "阿明" });
      await db.user.create({ data: { id: BigInt(member.id), firstName: "阿明" } });
      await services.signups.signUp(event.id, BigInt(member.id), BigInt(group.id), new Date(clock.now()));
      await refresher.markDirty(event.id);
      await refresher.flush();
      expect(card()).toContain("1/10");
      expect(eventReads).not.toHaveBeenCalled();
    } finally {
      eventReads.mockRestore();
      await refresher.stop();
    }
  });

  it("a sign-up while its card is being rendered keeps the mark: the next flush shows it", async () => {
    await h.app.cards.stop();
    const { services } = h.app;
    const db = services.database.prisma;
    const org = await db.organisation.create({ data: { name: "途中报名协会", joinCode: "MIDFL" } });
    const event = await seedEvent(org.id, "途中报名的活动");
    const group = h.fake.group({ title: "途中群" });
    await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
    await postCard(event.id, group.id);
    const member = h.fake.user({ first_name: "小红" });
    await db.user.create({ data: { id: BigInt(member.id), firstName: "小红" } });
    let tapDuringRender = true;
    const refresher = chineseCardRefresher(async () => {
      if (!tapDuringRender) return;
      // the tap lands after the counts were read for this round
      tapDuringRender = false;
      await services.signups.signUp(event.id, BigInt(member.id), BigInt(group.id), new Date(clock.now()));
    });
    try {
      await refresher.markDirty(event.id);
      await refresher.flush();
      expect(h.fake.lastMessage(group)?.text).toContain("0/10");
      expect(await db.cardMark.count({ where: { eventId: event.id } })).toBe(1);
      clock.advance(1000);
      await refresher.flush();
      expect(h.fake.lastMessage(group)?.text).toContain("1/10");
      expect(await db.cardMark.count({ where: { eventId: event.id } })).toBe(0);
    } finally {
      await refresher.stop();
    }
  });
});

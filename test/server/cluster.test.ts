/**
 * Three real instances (`src/main.ts` processes) in webhook mode on one fresh PostgreSQL database, with the fake
 * Bot API server POSTing updates round-robin to them as a load balancer would, and enforcing Telegram's limits.
 */
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/config.ts";
import { Translator } from "../../src/i18n/translator.ts";
import { planners } from "../../src/scheduler/index.ts";
import { createServices, type Services } from "../../src/services/services.ts";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { seedGroupsWithEvents } from "../scheduler/support.ts";
import { answerOf, sendAndWait } from "../support/chat.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/databases.ts";
import {
  type FakeTelegram,
  type GroupChatObject,
  startFakeTelegram,
  TELEGRAM_LIMITS,
} from "../support/fake-telegram/index.ts";
import { testLogger } from "../support/log-capture.ts";
import { type Instance, killInstance, startInstances, stopInstance, WEBHOOK_SECRET } from "./instances.ts";

/** The most calls of these methods the fake answered within any `spanMs`. */
function busiestWindow(fake: FakeTelegram, methods: string[], spanMs: number, chatId?: number): number {
  const times = methods
    .flatMap((m) => fake.calls(m))
    .filter((c) => c.status === 200 && (chatId === undefined || c.params["chat_id"] === chatId))
    .map((c) => c.at)
    .sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= spanMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const BOT_SENDS = ["sendMessage", "editMessageText"];

/** Whether the instance's last word on planning was that it plans (only the sending leader plans). */
function planning(instance: Instance): boolean {
  const lines = instance.logs.filter((l) =>
    /planning on this instance|planning reminders and summaries/.test(String(l["msg"])),
  );
  return lines.at(-1)?.["msg"] === "planning reminders and summaries on this instance";
}

describe("three instances in webhook mode on one PostgreSQL database", () => {
  let fake: FakeTelegram;
  let database: ThrowawayDatabase;
  let instances: Instance[];
  let db: Database;
  let services: Services;

  beforeAll(async () => {
    fake = await startFakeTelegram({ limits: TELEGRAM_LIMITS });
    database = await createThrowawayDatabase("postgresql");
    // all three start at once: the migration runs once, under its advisory lock
    instances = await startInstances(fake, database.url, 3);
    db = await openDatabase(database.url);
    const config = parseConfig({ BOT_TOKEN: fake.token, DATABASE_URL: database.url, LOG_LEVEL: "silent" });
    services = createServices({
      config,
      database: db,
      translator: new Translator(config.defaultLocale),
      logger: testLogger(),
      now: () => new Date(),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all((instances ?? []).map(stopInstance));
    await db?.close();
    await fake?.close();
    await database?.drop();
  }, 60_000);

  it("all three set the same webhook, and exactly one of them sends", () => {
    const set = fake.calls("setWebhook");
    expect(set).toHaveLength(3);
    for (const call of set) expect(call.params).toMatchObject({ url: "https://yiqi.example.org/tg" });
    expect(instances.filter((i) => i.leading())).toHaveLength(1);
  });

  it("only the sending leader plans reminders and summaries (not three times the planning queries)", () => {
    const planners = instances.filter(planning);
    expect(planners.map((i) => i.name)).toEqual(instances.filter((i) => i.leading()).map((i) => i.name));
  });

  it("checks the secret: without it 401 and nothing handled; a message POSTed to two instances is applied once", async () => {
    const ann = fake.user({ first_name: "Ann", language_code: "en", started: true });
    const update = (id: number) => ({
      update_id: id,
      message: {
        message_id: id,
        from: { ...ann.user },
        chat: { id: ann.id, type: "private", first_name: "Ann" },
        date: Math.floor(Date.now() / 1000),
        text: "/help",
        entities: [{ type: "bot_command", offset: 0, length: 5 }],
      },
    });
    const post = (instance: Instance, body: unknown, secret?: string) =>
      fetch(instance.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
        },
        body: JSON.stringify(body),
      });
    const toAnn = () => fake.calls("sendMessage").filter((c) => c.params["chat_id"] === ann.id).length;
    for (const instance of instances) expect((await post(instance, update(990_000))).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toAnn()).toBe(0);

    const [a, b] = instances;
    if (!a || !b) throw new Error("three instances");
    expect((await post(a, update(990_001), WEBHOOK_SECRET)).status).toBe(200);
    const once = toAnn();
    expect(once).toBeGreaterThan(0);
    expect((await post(b, update(990_001), WEBHOOK_SECRET)).status).toBe(200);
    expect(toAnn()).toBe(once);
  });

  it("60 members tap Sign up on 10 places, spread over the three: exactly 10 in, waitlist 1..50", async () => {
    const organiser = fake.user({ first_name: "Olga", language_code: "en" });
    const members = Array.from({ length: 60 }, (_, i) => fake.user({ first_name: `M${i}`, language_code: "en" }));
    const group = fake.group({ title: "Race volunteers", creator: organiser, members });
    await sendAndWait(fake, organiser, group, "/setup new Race Volunteers | organisation | - | Asia/Shanghai | en");
    const card = await sendAndWait(
      fake,
      organiser,
      group,
      "/newevent Tea stand | 28 June 2099 14:00-16:00 | Park | 10",
    );
    await fake.idle();
    const since = fake.webhookDeliveries().length;

    const queries = members.map((m) => m.press(card, "✅ Sign up"));
    // (a generous wait: three processes on a loaded machine)
    await fake.waitFor(() => queries.every((q) => fake.answers(q).length > 0) || undefined, { timeoutMs: 60_000 });
    const toasts = await Promise.all(queries.map((q) => answerOf(fake, q)));
    const confirmed = toasts.filter((t) => t.text === "You're in ✅");
    const positions = toasts
      .map((t) => /waitlist: number (\d+)/.exec(t.text ?? "")?.[1])
      .filter((p) => p !== undefined)
      .map(Number)
      .sort((x, y) => x - y);
    expect(confirmed).toHaveLength(10);
    expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const counts = await db.prisma.signup.groupBy({ by: ["status"], _count: { _all: true } });
    expect(Object.fromEntries(counts.map((c) => [c.status, c._count._all]))).toEqual({ confirmed: 10, waitlisted: 50 });
    // the taps really were spread over the three instances
    const byUrl = new Set(
      fake
        .webhookDeliveries()
        .slice(since)
        .map((d) => d.url),
    );
    expect(byUrl.size).toBe(3);
  }, 120_000);

  it("a group's language changed through one instance: the next card from another instance is in the new language", async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error("three instances");
    const admin = fake.user({ first_name: "王芳", language_code: "zh-hans" });
    const member = fake.user({ first_name: "李雷", language_code: "zh-hans" });
    const group = fake.group({ title: "语言小组", creator: admin, members: [member] });
    const through = async <T>(instance: Instance, action: () => Promise<T>): Promise<T> => {
      fake.spreadWebhook([instance.url]);
      try {
        const result = await action();
        await fake.idle();
        return result;
      } finally {
        fake.spreadWebhook(instances.map((i) => i.url));
      }
    };
    await through(a, () =>
      sendAndWait(fake, admin, group, "/setup new 语言志愿者协会 | organisation | - | Asia/Shanghai | zh-CN"),
    );
    await through(a, () =>
      sendAndWait(fake, admin, group, "/newevent 河边清洁 | 2099年6月28日 9:00-11:30 | 河边公园 | 20"),
    );
    // b reads (and caches) the group's profile: Chinese
    const before = await through(b, () => sendAndWait(fake, member, group, "/events"));
    expect(before.text).toContain("河边清洁");
    expect(before.text).not.toMatch(/Upcoming|events/i);
    // the group switches to English through a (a new English organisation), and a posts its first event
    await through(a, () =>
      sendAndWait(fake, admin, group, "/setup new Language Volunteers | organisation | - | Asia/Shanghai | en"),
    );
    await through(a, () =>
      sendAndWait(fake, admin, group, "/newevent River clean-up | 28 June 2099 9:00-11:30 | Riverside | 20"),
    );
    // b's next list and card are in English at once (not after its cached profile expires)
    const list = await through(b, () => sendAndWait(fake, member, group, "/events"));
    expect(list.text).toContain("River clean-up");
    expect(list.text).not.toContain("河边清洁");
    const button = list.reply_markup?.inline_keyboard.flat().find((k) => k.text.includes("River clean-up"));
    if (!button) throw new Error(`no button for the event on ${JSON.stringify(list.reply_markup)}`);
    const card = await through(b, async () => {
      const count = fake.sent(group).length;
      member.press(list, button.text);
      return fake.waitFor(() =>
        fake
          .sent(group)
          .slice(count)
          .find((m: Message) => m.text?.includes("River clean-up")),
      );
    });
    expect(card.text).toMatch(/Sun 28 Jun/);
    expect(card.reply_markup?.inline_keyboard.flat().map((k) => k.text)).toContain("✅ Sign up");
  }, 120_000);

  it("a member chooses English in private through one instance: her next toast from another is English", async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error("three instances");
    const admin = fake.user({ first_name: "王芳", language_code: "zh-hans" });
    const member = fake.user({ first_name: "李雷", language_code: "zh-hans" });
    const group = fake.group({ title: "私人语言小组", creator: admin, members: [member] });
    const through = async <T>(instance: Instance, action: () => Promise<T>): Promise<T> => {
      fake.spreadWebhook([instance.url]);
      try {
        const result = await action();
        await fake.idle();
        return result;
      } finally {
        fake.spreadWebhook(instances.map((i) => i.url));
      }
    };
    await through(a, () =>
      sendAndWait(fake, admin, group, "/setup new 私人语言协会 | organisation | - | Asia/Shanghai | zh-CN"),
    );
    const card = await through(a, () =>
      sendAndWait(fake, admin, group, "/newevent 读书会 | 2099年6月28日 9:00-11:30 | 图书馆 | 20"),
    );
    await through(a, () => sendAndWait(fake, member, member.id, "/start"));
    // b answers her tap in Chinese and keeps her (unchosen) language in its cache
    const tap = () =>
      answerOf(fake, member.press(fake.sent(group).find((m) => m.message_id === card.message_id) ?? card, "✅ 报名"));
    expect((await through(b, tap)).text).toBe("已报名 ✅");
    const menu = await through(a, () => sendAndWait(fake, member, member.id, "/settings"));
    await through(a, () => answerOf(fake, member.press(menu, "English")));
    // b's next answer is English at once, not after its cached choice expires
    expect((await through(b, tap)).text).toBe("You're already signed up");
  }, 120_000);

  async function dueGroups(count: number, prefix: string, dueInMs: number): Promise<GroupChatObject[]> {
    // a 60-minute reminder falls due in `dueInMs` (the 24-hour one is already past, so it is skipped)
    const start = new Date(Date.now() + 60 * 60_000 + dueInMs);
    const window = {
      start,
      end: new Date(start.getTime() + 2 * 3_600_000),
      precision: "exact" as const,
      timeZone: "Asia/Shanghai",
    };
    const seeded = await seedGroupsWithEvents(fake, services, count, window, { prefix });
    await planners(services, services.logger).reminders.sweep(new Date());
    return seeded.groups;
  }

  it("40 groups due a reminder at the same moment: each sent once, never more than 30 in a second, 20 a minute a group", async () => {
    const groups = await dueGroups(40, "fan", 8000);
    await fake.waitFor(() => groups.every((g) => fake.sent(g).length > 0) || undefined, { timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(groups.filter((g) => fake.sent(g).length !== 1)).toEqual([]);
    expect(busiestWindow(fake, BOT_SENDS, 1000)).toBeLessThanOrEqual(30);
    for (const g of groups) expect(busiestWindow(fake, BOT_SENDS, 60_000, g.id)).toBeLessThanOrEqual(20);
    expect(fake.limitHits()).toMatchObject({ globalPerSecond: 0, perGroupPerMinute: 0 });
  }, 120_000);

  it("the sending instance killed mid-way: another takes over, the rest arrive within 60 s, none twice", async () => {
    const GROUPS = 150;
    const groups = await dueGroups(GROUPS, "kill", 6000);
    const arrived = () => groups.filter((g) => fake.sent(g).length > 0).length;
    await fake.waitFor(() => arrived() >= 40 || undefined, { timeoutMs: 60_000 });
    const leader = instances.find((i) => i.leading());
    if (!leader) throw new Error("no leader");
    await killInstance(leader);
    const killedAt = Date.now();
    const atKill = arrived();
    expect(atKill).toBeLessThan(GROUPS);

    // at most the one at-most-once message in flight when it died is lost
    await fake.waitFor(() => arrived() >= GROUPS - 1 || undefined, { timeoutMs: 60_000 });
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    const survivors = instances.filter((i) => i !== leader);
    await fake.waitFor(() => survivors.some((i) => i.leading()) || undefined, { timeoutMs: 10_000 });
    // planning failed over with the sending lock: the new leader plans, the other survivor still does not
    expect(survivors.filter(planning).map((i) => i.name)).toEqual(
      survivors.filter((i) => i.leading()).map((i) => i.name),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(groups.filter((g) => fake.sent(g).length > 1)).toEqual([]);
    expect(GROUPS - arrived()).toBeLessThanOrEqual(1);
    expect(busiestWindow(fake, BOT_SENDS, 1000)).toBeLessThanOrEqual(30);
    expect(fake.limitHits()).toMatchObject({ globalPerSecond: 0, perGroupPerMinute: 0 });
    instances = survivors;
    fake.spreadWebhook(survivors.map((i) => i.url));
  }, 180_000);
});

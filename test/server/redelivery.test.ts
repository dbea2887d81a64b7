/**
 * A real instance in webhook mode is killed (kill -9) in the middle of an update; Telegram (the fake) had no
 * answer, so it delivers the update again, to another instance: the update is applied, and exactly once. And a
 * duplicate that reaches another instance while the first still handles it waits for it rather than doubling it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { sendAndWait } from "../support/chat.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/databases.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram/index.ts";
import { type Instance, killInstance, startInstance, stopInstance, WEBHOOK_SECRET } from "./instances.ts";

describe("an update Telegram delivers again (real instances in webhook mode on PostgreSQL)", () => {
  let fake: FakeTelegram;
  let database: ThrowawayDatabase;
  let db: Database;
  const instances: Instance[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegram();
    database = await createThrowawayDatabase("postgresql");
    db = await openDatabase(database.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await db?.close();
    await fake?.close();
    await database?.drop();
  }, 60_000);

  const waiting = "update being handled by another instance; waiting for it";
  const start = async (name: string) => {
    const instance = await startInstance({ fake, databaseUrl: database.url, name });
    instances.push(instance);
    fake.spreadWebhook([instance.url]);
    return instance;
  };

  it("after the instance handling it was killed, it is handled again by the next instance: one event, one card; delivered once more, it is skipped", async () => {
    const first = await start("first");
    const organiser = fake.user({ first_name: "Olga", language_code: "en" });
    const group = fake.group({ title: "Tea volunteers", creator: organiser, members: [] });
    await sendAndWait(fake, organiser, group, "/setup new Tea Volunteers | organisation | - | Asia/Shanghai | en");
    await fake.idle();

    // the instance creates the event, then hangs in the call that posts its card: kill -9 it there
    fake.blackHole(["sendMessage"]);
    const command = organiser.send(group, "/newevent Tea stand | 28 June 2099 14:00-16:00 | Park | 10");
    await fake.waitFor(() => fake.heldRequests() > 0 || undefined, { timeoutMs: 30_000 });
    await killInstance(first);
    fake.restore();
    // the POST got no answer: Telegram will deliver it again
    const update = await fake.waitFor(() =>
      fake.webhookDeliveries().find((d) => d.url === first.url && d.status === 0),
    );

    // another instance comes up; the redelivery goes to it
    const second = await start("second");
    const cards = () => fake.sent(group).filter((m) => m.text?.includes("Tea stand"));
    await fake.waitFor(() => cards().length > 0 || undefined, { timeoutMs: 60_000 });
    await fake.idle();
    expect(cards()).toHaveLength(1);
    expect(await db.prisma.event.count({ where: { title: "Tea stand" } })).toBe(1);
    expect(second.logs.some((l) => l["msg"] === "update taken over from an instance that stopped")).toBe(true);

    // the same update once more (Telegram may resend what it saw answered late): skipped
    const response = await fetch(second.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: update.updateId, message: command }),
    });
    expect(response.status).toBe(200);
    await fake.idle();
    expect(cards()).toHaveLength(1);
    expect(await db.prisma.event.count({ where: { title: "Tea stand" } })).toBe(1);
  }, 180_000);

  it("delivered to a second instance while the first still handles it: the second waits, and it is applied once", async () => {
    const [one, two] = await Promise.all([
      startInstance({ fake, databaseUrl: database.url, name: "one" }),
      startInstance({ fake, databaseUrl: database.url, name: "two" }),
    ]);
    instances.push(one, two);
    fake.spreadWebhook([one.url]);
    const organiser = fake.user({ first_name: "Ivan", language_code: "en" });
    const group = fake.group({ title: "Book drive", creator: organiser, members: [] });
    await sendAndWait(fake, organiser, group, "/setup new Book Drive | organisation | - | Asia/Shanghai | en");
    await fake.idle();

    // the first is slow to get its card posted: it is inside its handler for a while
    fake.delayNext("sendMessage", 4000);
    const command = organiser.send(group, "/newevent Book swap | 28 June 2099 10:00-12:00 | Library | 30");
    // the event is created: the first is now waiting for its card to be posted
    while ((await db.prisma.event.count({ where: { title: "Book swap" } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // the fake numbers updates in turn: this one follows the /setup message
    const updateId = Math.max(...fake.webhookDeliveries().map((d) => d.updateId)) + 1;
    const duplicate = fetch(two.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: updateId, message: command }),
    });
    // the second is waiting for the first, which is still inside the handler
    await fake.waitFor(() => two.logs.some((l) => l["msg"] === waiting) || undefined, { timeoutMs: 30_000 });
    expect((await duplicate).status).toBe(200);
    await fake.idle();
    const cards = fake.sent(group).filter((m) => m.text?.includes("Book swap"));
    expect(cards).toHaveLength(1);
    expect(await db.prisma.event.count({ where: { title: "Book swap" } })).toBe(1);
    expect(two.logs.some((l) => l["msg"] === "update already processed; skipped")).toBe(true);
  }, 180_000);
});

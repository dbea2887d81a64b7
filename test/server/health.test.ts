import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import { type Harness, startHarness } from "../support/harness.ts";

const SECRET = "health-test_secret";
const webhookEnv = {
  BOT_MODE: "webhook",
  WEBHOOK_URL: "https://yiqi.example.org/tg",
  WEBHOOK_SECRET: SECRET,
  PORT: "0",
  HOST: "127.0.0.1",
};

function base(h: Harness): string {
  const port = h.app.http?.port;
  if (port === undefined) throw new Error("the app has no HTTP server");
  return `http://127.0.0.1:${port}`;
}

/** A message update as Telegram would POST it. */
function messageUpdate(updateId: number, chatId: number, user: { id: number; first_name: string }, text: string) {
  const entities = text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length }] : [];
  return {
    update_id: updateId,
    message: {
      message_id: 10_000 + updateId,
      from: { ...user, is_bot: false },
      chat: { id: chatId, type: "private", first_name: user.first_name },
      date: Math.floor(Date.now() / 1000),
      text,
      entities,
    },
  };
}

describe.each(databaseKinds)("webhook mode, health and metrics, on %s", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ kind, env: webhookEnv });
  });
  afterAll(() => h?.stop());

  it("sets the webhook with its URL, secret and allowed updates at start", () => {
    const [call] = h.fake.calls("setWebhook");
    expect(call?.params).toMatchObject({
      url: "https://yiqi.example.org/tg",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "my_chat_member", "chat_member"],
    });
    expect(h.fake.calls("getUpdates")).toEqual([]);
  });

  it("answers /healthz and /readyz with 200, and unknown paths with 404", async () => {
    expect((await fetch(`${base(h)}/healthz`)).status).toBe(200);
    expect((await fetch(`${base(h)}/readyz`)).status).toBe(200);
    expect((await fetch(`${base(h)}/nothing-here`)).status).toBe(404);
  });

  it("handles updates Telegram posts, and answers once the update was handled", async () => {
    const ann = h.fake.user({ first_name: "Ann", language_code: "en" });
    const reply = await sendAndWait(h.fake, ann, ann.id, "/help");
    expect(reply.text).toContain("/events");
    await h.fake.idle();
    const [delivery] = h.fake.webhookDeliveries();
    expect(delivery?.status).toBe(200);
    // the answer came after the reply was sent: the reply's sendMessage was answered before the POST was
    const sendAt = h.fake.calls("sendMessage").find((c) => c.params["chat_id"] === ann.id)?.at ?? Infinity;
    expect(delivery?.answeredAt).toBeGreaterThanOrEqual(sendAt);
  });

  it("refuses a POST without the secret header, or with a wrong one, with 401, and does not handle it", async () => {
    const bob = h.fake.user({ first_name: "Bob", language_code: "en", started: true });
    const before = h.fake.calls("sendMessage").length;
    const post = (headers: Record<string, string>) =>
      fetch(`${base(h)}/tg`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(messageUpdate(900_001, bob.id, bob.user, "/help")),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.fake.calls("sendMessage").slice(before)).toEqual([]);
    // with the secret it is handled
    expect((await post({ "x-telegram-bot-api-secret-token": SECRET })).status).toBe(200);
    const replies = h.fake.calls("sendMessage").slice(before);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((c) => c.params["chat_id"] === bob.id)).toBe(true);
  });

  it("applies a message Telegram delivers twice once", async () => {
    const cai = h.fake.user({ first_name: "Cai", language_code: "en", started: true });
    const before = h.fake.calls("sendMessage").length;
    const update = JSON.stringify(messageUpdate(900_002, cai.id, cai.user, "/help"));
    const post = () =>
      fetch(`${base(h)}/tg`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: update,
      });
    const toCai = () =>
      h.fake
        .calls("sendMessage")
        .slice(before)
        .filter((c) => c.params["chat_id"] === cai.id);
    expect((await post()).status).toBe(200);
    const once = toCai().length;
    expect(once).toBeGreaterThan(0);
    expect((await post()).status).toBe(200);
    expect(toCai()).toHaveLength(once);
  });

  it("refuses GET on the webhook path and a body that is not an update", async () => {
    expect((await fetch(`${base(h)}/tg`)).status).toBe(405);
    const bad = await fetch(`${base(h)}/tg`, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": SECRET },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
  });

  it("serves Prometheus metrics: updates, sign-ups, Bot API calls and errors (429 too), outbox lag, card backlog", async () => {
    const organiser = h.fake.user({ first_name: "Olga", language_code: "en" });
    const group = h.fake.group({ title: "Metrics volunteers", creator: organiser });
    await sendAndWait(
      h.fake,
      organiser,
      group,
      "/setup new Metrics Volunteers | organisation | - | Asia/Shanghai | en",
    );
    const card = await sendAndWait(
      h.fake,
      organiser,
      group,
      "/newevent Tea stand | 28 June 2099 14:00-16:00 | Park | 5",
    );
    await press(h.fake, organiser, card, "✅ Sign up");
    // the card follows the sign-up: an edit the bot makes on its own, counted as a delivery
    await h.fake.waitFor(() => h.fake.calls("editMessageText").length > 0, { timeoutMs: 20_000 });
    h.fake.failNext("sendMessage", 429, { retryAfter: 1 });
    organiser.send(group, "/help");
    await h.fake.waitFor(() => h.fake.calls("sendMessage").some((c) => c.status === 429), { timeoutMs: 20_000 });
    await h.fake.idle();

    const response = await fetch(`${base(h)}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
    expect(value(/^yiqi_updates_total\{type="message"\} (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(value(/^yiqi_updates_total\{type="callback_query"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^yiqi_signups_total\{outcome="confirmed"\} (\d+)/m)).toBe(1);
    expect(value(/^yiqi_bot_api_calls_total\{method="sendMessage"\} (\d+)/m)).toBeGreaterThanOrEqual(3);
    expect(value(/^yiqi_bot_api_errors_total\{method="sendMessage",code="429"\} (\d+)/m)).toBe(1);
    expect(value(/^yiqi_deliveries_total\{kind="card_edit",status="edited"\} (\d+)/m)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^yiqi_outbox_lag_seconds \d/m);
    expect(text).toMatch(/^yiqi_card_refresh_backlog \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
  }, 60_000);
});

describe("polling mode with PORT set", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { PORT: "0", HOST: "127.0.0.1" } });
  });
  afterAll(() => h?.stop());

  it("still polls, and serves /healthz, /readyz and /metrics", async () => {
    const ann = h.fake.user({ first_name: "Ann", language_code: "en" });
    await sendAndWait(h.fake, ann, ann.id, "/help");
    expect(h.fake.calls("setWebhook")).toEqual([]);
    expect((await fetch(`${base(h)}/healthz`)).status).toBe(200);
    expect((await fetch(`${base(h)}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${base(h)}/metrics`)).text()).toMatch(/^yiqi_updates_total\{type="message"\} 1$/m);
    // no webhook path in polling mode
    expect((await fetch(`${base(h)}/tg`, { method: "POST", body: "{}" })).status).toBe(405);
  });
});

describe("stopping in webhook mode", () => {
  it("leaves the webhook in place (another instance may still be serving it)", async () => {
    const h = await startHarness({ env: webhookEnv });
    const url = base(h);
    await h.app.stop();
    expect(h.fake.calls("deleteWebhook")).toEqual([]);
    expect(h.fake.webhook()?.url).toBe("https://yiqi.example.org/tg");
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await h.fake.close();
    await h.database.drop();
  });
});

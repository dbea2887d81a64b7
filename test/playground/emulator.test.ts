import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeTelegram, startFakeTelegram, TEST_BOT_TOKEN } from "../../src/playground/emulator/index.ts";

let fake: FakeTelegram;
let bot: Bot;

beforeEach(async () => {
  fake = await startFakeTelegram();
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await fake.close();
});

async function raw(method: string, body: unknown = {}, token = TEST_BOT_TOKEN) {
  const response = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

/** Runs grammY's own long polling until the test ends. */
async function startPolling(): Promise<void> {
  bot.catch((error) => {
    throw error.error;
  });
  await new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
}

describe("HTTP surface", () => {
  it("answers getMe to grammY and to raw JSON, form and query-string requests", async () => {
    expect(await bot.api.getMe()).toMatchObject({ id: fake.bot.id, is_bot: true, username: "yiqi_test_bot" });

    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/getme`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { username: "yiqi_test_bot" } });

    const alice = fake.user({ first_name: "Alice", started: true });
    const query = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage?chat_id=${alice.id}&text=hi`);
    expect(await query.json()).toMatchObject({ ok: true, result: { chat: { id: alice.id }, text: "hi" } });
    expect(fake.calls("getMe")).toHaveLength(2);
  });

  it("answers an unknown token with 401 and an unknown method with 404", async () => {
    expect(await raw("getMe", {}, "123:wrong")).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    expect(await raw("sendCarrierPigeon")).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found" },
    });
  });
});

describe("long polling", () => {
  it("returns as soon as an update arrives, and an offset confirms earlier updates", async () => {
    const alice = fake.user({ first_name: "Alice", language_code: "en" });
    const started = Date.now();
    const poll = raw("getUpdates", { timeout: 5 });
    await fake.idle();
    alice.start();
    const { body } = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    const updates = body["result"] as Update[];
    expect(updates).toHaveLength(1);
    const message = updates[0]?.message;
    expect(message).toMatchObject({
      text: "/start",
      chat: { id: alice.id, type: "private" },
      from: { id: alice.id, first_name: "Alice", language_code: "en" },
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });

    const again = await raw("getUpdates", { timeout: 0 });
    expect(again.body["result"]).toHaveLength(1);
    const confirmed = await raw("getUpdates", { offset: (updates[0]?.update_id ?? 0) + 1, timeout: 0 });
    expect(confirmed.body["result"]).toEqual([]);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it("answers an empty list when the timeout passes, and honours limit and allowed_updates", async () => {
    const started = Date.now();
    expect((await raw("getUpdates", { timeout: 0.2 })).body["result"]).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    const alice = fake.user({ first_name: "Alice" });
    alice.sendPrivate("one");
    alice.sendPrivate("two");
    const first = (await raw("getUpdates", { limit: 1 })).body["result"] as Update[];
    expect(first.map((update) => update.message?.text)).toEqual(["one"]);

    const group = fake.group({ title: "Volunteers", creator: alice, bot: "administrator" });
    const bob = fake.user({ first_name: "Bob" });
    fake.setMemberStatus(group, bob, "member");
    const defaults = (await raw("getUpdates", { offset: (first[0]?.update_id ?? 0) + 1 })).body["result"] as Update[];
    expect(defaults.map((update) => Object.keys(update)[1])).toEqual(["message", "message"]);

    fake.setMemberStatus(group, bob, "administrator", { by: alice });
    const optIn = (await raw("getUpdates", { offset: -1, allowed_updates: ["chat_member"] })).body["result"];
    expect(optIn).toMatchObject([{ chat_member: { new_chat_member: { status: "administrator" } } }]);
  });

  it("releases a waiting poll when the fake closes", async () => {
    const poll = raw("getUpdates", { timeout: 30 });
    await fake.idle();
    await fake.close();
    expect((await poll).body).toEqual({ ok: true, result: [] });
  });
});

describe("messages", () => {
  it("numbers messages per chat, users' messages included", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const group = fake.group({ title: "Volunteers", members: [alice] });
    const first = await bot.api.sendMessage(alice.id, "hello");
    const second = await bot.api.sendMessage(alice.id, "again");
    const inGroup = await bot.api.sendMessage(group.id, "group hello");
    alice.send(group, "thanks");
    const afterUser = await bot.api.sendMessage(group.id, "you're welcome");
    expect([first.message_id, second.message_id, inGroup.message_id, afterUser.message_id]).toEqual([1, 2, 1, 3]);
    expect(inGroup).toMatchObject({ chat: { id: group.id, type: "group", title: "Volunteers" }, from: fake.bot });
    expect(fake.sent(group).map((message) => message.text)).toEqual(["group hello", "you're welcome"]);
  });

  it("edits text and keyboard, and rejects unknown or unchanged edits like Telegram", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const keyboard = new InlineKeyboard().text("Join", "join:1");
    const message = await bot.api.sendMessage(alice.id, "Tea stand", { reply_markup: keyboard });
    await bot.api.editMessageText(alice.id, message.message_id, "Tea stand (full)", { reply_markup: keyboard });
    expect(fake.lastMessage(alice)).toMatchObject({ text: "Tea stand (full)", reply_markup: keyboard });

    const unchanged = await apiError(
      bot.api.editMessageText(alice.id, message.message_id, "Tea stand (full)", { reply_markup: keyboard }),
    );
    expect(unchanged.error_code).toBe(400);
    expect(unchanged.description).toMatch(/^Bad Request: message is not modified: /);
    const missing = await apiError(bot.api.editMessageText(alice.id, 99, "x"));
    expect(missing.description).toBe("Bad Request: message to edit not found");

    await bot.api.editMessageText(alice.id, message.message_id, "Tea stand (closed)");
    expect(fake.lastMessage(alice)?.reply_markup).toBeUndefined();
    await bot.api.deleteMessage(alice.id, message.message_id);
    expect(fake.sent(alice)).toEqual([]);
  });

  it("validates text length, empty text and callback_data size", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    expect((await apiError(bot.api.sendMessage(alice.id, "  "))).description).toBe(
      "Bad Request: message text is empty",
    );
    expect((await apiError(bot.api.sendMessage(alice.id, "x".repeat(4097)))).description).toBe(
      "Bad Request: message is too long",
    );
    const tooLong = new InlineKeyboard().text("Join", "j".repeat(65));
    expect((await apiError(bot.api.sendMessage(alice.id, "hi", { reply_markup: tooLong }))).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
  });

  it("parses HTML into entities and rejects unescaped markup", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const sent = await bot.api.sendMessage(alice.id, "<b>Tea</b> &amp; <i>talk</i> at &lt;Park&gt;", {
      parse_mode: "HTML",
    });
    expect(sent.text).toBe("Tea & talk at <Park>");
    expect(sent.entities).toEqual([
      { type: "bold", offset: 0, length: 3 },
      { type: "italic", offset: 6, length: 4 },
    ]);

    const unescaped = await apiError(bot.api.sendMessage(alice.id, "Kids <3 & parents", { parse_mode: "HTML" }));
    expect(unescaped.description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "3" at byte offset 5',
    );
    const unclosed = await apiError(bot.api.sendMessage(alice.id, "<b>Tea", { parse_mode: "HTML" }));
    expect(unclosed.description).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
  });

  it("answers 403 to users who never started the bot or blocked it", async () => {
    const alice = fake.user({ first_name: "Alice" });
    const neverStarted = await apiError(bot.api.sendMessage(alice.id, "hi"));
    expect([neverStarted.error_code, neverStarted.description]).toEqual([
      403,
      "Forbidden: bot can't initiate conversation with a user",
    ]);
    expect((await apiError(bot.api.sendMessage(987_654, "hi"))).error_code).toBe(403);

    alice.start();
    await bot.api.sendMessage(alice.id, "welcome");
    alice.block();
    expect((await apiError(bot.api.sendMessage(alice.id, "hi"))).description).toBe(
      "Forbidden: bot was blocked by the user",
    );
  });

  it("sends a document as multipart via InputFile and keeps its bytes", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const ics = "BEGIN:VCALENDAR\r\nSUMMARY:Tea stand 茶\r\nEND:VCALENDAR\r\n";
    await bot.api.sendDocument(alice.id, new InputFile(Buffer.from(ics), "tea-stand.ics"), {
      caption: "<b>Add</b> to calendar",
      parse_mode: "HTML",
    });
    const [document] = fake.documents(alice);
    expect(document?.fileName).toBe("tea-stand.ics");
    expect(document?.mimeType).toBe("text/calendar");
    expect(document?.data.toString("utf8")).toBe(ics);
    expect(document?.message).toMatchObject({ caption: "Add to calendar", document: { file_name: "tea-stand.ics" } });
    expect(fake.calls("sendDocument")[0]?.files).toHaveLength(1);
  });

  it("lets a user send a file that the bot downloads with getFile and the file route", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const bytes = Buffer.from("活动名称,组织单位,活动时间\r\n义诊,红十字会,6月28日\r\n", "utf8");
    const sent = alice.sendDocument(alice, "programme.csv", bytes, { caption: "/import 公益日" });
    expect(sent.document).toMatchObject({ file_name: "programme.csv", file_size: bytes.length, mime_type: "text/csv" });
    expect(sent.caption_entities).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    const file = await bot.api.getFile(sent.document!.file_id);
    expect(file.file_size).toBe(bytes.length);
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(`${fake.apiRoot}/file/botWRONG/${file.file_path}`)).status).toBe(401);
    expect((await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/nope.csv`)).status).toBe(404);
    expect((await apiError(bot.api.getFile("unknown"))).error_code).toBe(400);
  });

  it("refuses getFile for files over 20 MB, as Telegram does for bots", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const sent = alice.sendDocument(alice, "big.csv", Buffer.alloc(20 * 1024 * 1024 + 1, "a"));
    const error = await apiError(bot.api.getFile(sent.document!.file_id));
    expect(error.description).toContain("file is too big");
  });

  it("delivers a document captioned with a command from a group in privacy mode, and not an uncaptioned one", async () => {
    const alice = fake.user({ first_name: "Alice" });
    const group = fake.group({ title: "Volunteers", creator: alice });
    alice.sendDocument(group, "notes.txt", Buffer.from("hello"));
    alice.sendDocument(group, "programme.csv", Buffer.from("a,b"), { caption: "/import" });
    const updates = (await raw("getUpdates", { timeout: 0 })).body.result as Update[];
    expect(updates.map((u) => u.message?.document?.file_name)).toEqual(["programme.csv"]);
  });
});

describe("bot driven by simulated users", () => {
  it("delivers commands and button presses to a polling grammY bot", async () => {
    bot.command("events", (ctx) =>
      ctx.reply("Tea stand, June 28", { reply_markup: new InlineKeyboard().text("Sign up", "signup:1") }),
    );
    bot.callbackQuery(/^signup:/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: "You're in" });
      await ctx.editMessageText("Tea stand, June 28 — 1 going");
    });
    await startPolling();

    const alice = fake.user({ first_name: "Alice", username: "alice", language_code: "en" });
    const group = fake.group({ title: "Volunteers", creator: alice });
    alice.send(group, "/events@yiqi_test_bot");
    const reply = await fake.waitForCall("sendMessage");
    expect(reply.params["chat_id"]).toBe(group.id);

    const message = fake.lastMessage(group);
    if (!message) throw new Error("no reply");
    const queryId = alice.press(message, "Sign up");
    await fake.waitForCall("editMessageText");
    expect(fake.answers(queryId)).toMatchObject([{ callback_query_id: queryId, text: "You're in" }]);
    expect(fake.lastMessage(group)?.text).toBe("Tea stand, June 28 — 1 going");

    alice.send(group, "just chatting");
    alice.send(group, "/events@other_bot");
    await fake.idle();
    expect(fake.calls("sendMessage")).toHaveLength(1);
    expect(() => alice.press(message, "Cancel")).toThrow(/No button "Cancel"/);
  });

  it("reports the bot being added and kicked, then answers 403 in that group", async () => {
    const alice = fake.user({ first_name: "Alice" });
    const group = fake.group({ title: "Volunteers", creator: alice, bot: "left" });
    fake.setBotStatus(group, "member");
    fake.setBotStatus(group, "kicked");
    const updates = (await raw("getUpdates")).body["result"] as Update[];
    expect(updates.map((update) => update.my_chat_member?.new_chat_member.status ?? update.message)).toMatchObject([
      "member",
      { new_chat_members: [{ id: fake.bot.id }] },
      "kicked",
      { left_chat_member: { id: fake.bot.id } },
    ]);
    expect((await apiError(bot.api.sendMessage(group.id, "hi"))).description).toBe(
      "Forbidden: bot was kicked from the group chat",
    );
  });

  it("answers member queries from chat state", async () => {
    const alice = fake.user({ first_name: "Alice" });
    const bob = fake.user({ first_name: "Bob" });
    const group = fake.group({ title: "Volunteers", creator: alice, members: [bob], bot: "administrator" });
    expect((await bot.api.getChatMember(group.id, bob.id)).status).toBe("member");
    fake.setMemberStatus(group, bob, "administrator", { by: alice });
    const admins = await bot.api.getChatAdministrators(group.id);
    expect(admins.map((admin) => [admin.user.first_name, admin.status])).toEqual([
      ["Alice", "creator"],
      ["Bob", "administrator"],
      ["Yiqi Test", "administrator"],
    ]);
    expect(await bot.api.getChatMemberCount(group.id)).toBe(3);
    expect(await bot.api.getChat(group.id)).toMatchObject({ id: group.id, type: "group", title: "Volunteers" });
    await bot.api.leaveChat(group.id);
    expect(fake.memberStatus(group, fake.bot)).toBe("left");
  });

  it("keeps commands per scope and language", async () => {
    await bot.api.setMyCommands([{ command: "events", description: "Upcoming events" }]);
    await bot.api.setMyCommands([{ command: "events", description: "近期活动" }], { language_code: "zh" });
    expect(await bot.api.getMyCommands({ language_code: "zh" })).toEqual([
      { command: "events", description: "近期活动" },
    ]);
    expect(fake.commands()).toEqual([{ command: "events", description: "Upcoming events" }]);
    expect(fake.commands({ scope: { type: "all_group_chats" } })).toEqual([]);
  });

  it("migrates a group to a supergroup", async () => {
    const alice = fake.user({ first_name: "Alice" });
    const group = fake.group({ title: "Volunteers", creator: alice });
    const supergroup = fake.migrate(group);
    const updates = (await raw("getUpdates")).body["result"] as Update[];
    expect(updates.map((update) => update.message)).toMatchObject([
      { chat: { id: group.id }, migrate_to_chat_id: supergroup.id },
      { chat: { id: supergroup.id, type: "supergroup" }, migrate_from_chat_id: group.id },
    ]);
    const error = await apiError(bot.api.sendMessage(group.id, "hi"));
    expect([error.error_code, error.parameters.migrate_to_chat_id]).toEqual([400, supergroup.id]);
    expect((await bot.api.sendMessage(supergroup.id, "hi")).chat.type).toBe("supergroup");
  });
});

describe("limits and faults", () => {
  it("answers 429 with retry_after from the group window when the limit is on", async () => {
    let now = Date.UTC(2026, 5, 28, 1);
    await fake.close();
    fake = await startFakeTelegram({ now: () => now, limits: { perGroupPerMinute: 2 } });
    bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    const group = fake.group({ title: "Volunteers" });
    await bot.api.sendMessage(group.id, "one");
    now += 10_000;
    await bot.api.sendMessage(group.id, "two");
    const limited = await apiError(bot.api.sendMessage(group.id, "three"));
    expect([limited.error_code, limited.parameters.retry_after]).toEqual([429, 50]);
    expect(limited.description).toBe("Too Many Requests: retry after 50");
    expect(fake.limitHits().perGroupPerMinute).toBe(1);
    now += 50_000;
    await bot.api.sendMessage(group.id, "three");
    fake.setLimits({});
    await bot.api.sendMessage(group.id, "four");
  });

  it("injects HTTP failures and dropped connections", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    fake.failNext("sendMessage", 502);
    const failed = await apiError(bot.api.sendMessage(alice.id, "hi"));
    expect([failed.error_code, failed.description]).toEqual([502, "Bad Gateway"]);

    fake.disconnectNext("sendMessage", { processed: true });
    const dropped = await bot.api.sendMessage(alice.id, "hi").catch((error: unknown) => error);
    expect(dropped).toBeInstanceOf(HttpError);
    expect(fake.sent(alice).map((message) => message.text)).toEqual(["hi"]);
    expect(fake.calls("sendMessage").map((call) => call.status)).toEqual([502, 0]);
  });
});

describe("waits", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("waitFor resolves with the first truthy result of a synchronous check, re-checked on each call", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const waiting = fake.waitFor(() => fake.sent(alice).find((message) => message.text === "second"));
    await bot.api.sendMessage(alice.id, "first");
    await bot.api.sendMessage(alice.id, "second");
    expect((await waiting).text).toBe("second");
  });

  it("waitFor rejects a check that returns a promise instead of passing at once", async () => {
    let ran = false;
    const check = async () => {
      ran = true;
      return false;
    };
    // @ts-expect-error the type refuses a check that returns a promise
    const waiting = fake.waitFor(check, { timeoutMs: 1000 });
    await expect(waiting).rejects.toThrow(/returned a promise .*Use waitForAsync/);
    expect(ran).toBe(true);
    // also when the promise would fail later, or is any other thenable
    // @ts-expect-error the type refuses a check that returns a promise
    await expect(fake.waitFor(() => Promise.reject(new Error("late")))).rejects.toThrow(/waitForAsync/);
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise, on purpose
    await expect(fake.waitFor(() => ({ then: () => undefined }))).rejects.toThrow(/waitForAsync/);
  });

  it("waitFor times out naming the condition and the last calls", async () => {
    await bot.api.getMe();
    await expect(fake.waitFor(() => false, { timeoutMs: 50 })).rejects.toThrow(
      /^Timed out after 50 ms: waitFor condition\nlast calls:\n {2}getMe → 200/,
    );
  });

  it("waitForAsync waits for an async condition that becomes true later, found by polling", async () => {
    let value: string | undefined;
    let resolved = false;
    const waiting = fake
      .waitForAsync(async () => {
        await sleep(1);
        return value;
      })
      .finally(() => {
        resolved = true;
      });
    await sleep(80);
    expect(resolved).toBe(false);
    value = "ready";
    const started = Date.now();
    expect(await waiting).toBe("ready");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("waitForAsync re-checks whenever the fake's state changes", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    // a poll too slow to matter: only the call recorded by the fake can wake the check
    const waiting = fake.waitForAsync(async () => fake.sent(alice).find((message) => message.text === "hi"), {
      pollMs: 60_000,
    });
    await sleep(20);
    await bot.api.sendMessage(alice.id, "hi");
    expect((await waiting).text).toBe("hi");
  });

  it("waitForAsync runs one check at a time", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const value = await fake.waitForAsync(
      async () => {
        running += 1;
        most = Math.max(most, running);
        await sleep(30);
        running -= 1;
        runs += 1;
        return runs >= 3 ? runs : undefined;
      },
      { pollMs: 2 },
    );
    expect(value).toBe(3);
    expect(most).toBe(1);
  });

  it("waitForAsync times out with the same description as waitFor, and rejects with the error of a check that throws", async () => {
    await bot.api.getMe();
    await expect(fake.waitForAsync(async () => false, { timeoutMs: 60 })).rejects.toThrow(
      /^Timed out after 60 ms: waitForAsync condition\nlast calls:\n {2}getMe → 200/,
    );
    await expect(
      fake.waitForAsync(async () => {
        throw new Error("the check broke");
      }),
    ).rejects.toThrow("the check broke");
  });

  it("waitForAsync fails when the fake closes while waiting", async () => {
    const waiting = fake.waitForAsync(async () => undefined);
    await fake.close();
    await expect(waiting).rejects.toThrow("closed while waiting");
  });
});

describe("what the playground's page reads", () => {
  it("a person's chats, every message in a chat, force-replies, and a change signal for each step", async () => {
    const alice = fake.user({ first_name: "Alice", started: true });
    const stranger = fake.user({ first_name: "Stranger" });
    const group = fake.group({ title: "Volunteers", creator: alice });
    let changes = 0;
    const unsubscribe = fake.onChange(() => {
      changes += 1;
    });
    alice.send(group, "/events");
    expect(changes).toBeGreaterThan(0);
    const reply = await bot.api.sendMessage(group.id, "Title?", { reply_markup: { force_reply: true } });
    await bot.api.sendMessage(group.id, "<b>Card</b>", { parse_mode: "HTML" });
    unsubscribe();

    expect(fake.view.chatsOf(alice.id).map((c) => c.id)).toEqual([alice.id, group.id]);
    expect(fake.view.chatsOf(stranger.id).map((c) => c.id)).toEqual([stranger.id]);
    expect(fake.view.canSee(stranger.id, group.id)).toBe(false);
    expect(fake.view.messages(group.id).map((m) => m.text)).toEqual(["/events", "Title?", "Card"]);
    expect([...fake.view.forceReplies()]).toEqual([`${group.id}:${reply.message_id}`]);
  });
});

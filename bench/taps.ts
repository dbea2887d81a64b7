/**
 * Sign-up taps through the full stack: grammY update handling (the same bot
 * and middleware as production) and the database, with the Bot API answered
 * by an in-process stand-in (no sockets, so the figures are the bot's own).
 *
 *   npm run bench -- [--db sqlite|postgresql|both] [--taps 10000] [--chats 200] [--concurrency 16]
 *                    [--rate taps/s] [--warmup 2000] [--transport inprocess|http|both]
 *
 * With --transport http (or both, the default) the taps then also go through a real socket:
 * see bench/http-taps.ts (its --concurrency defaults to 50).
 * Prints taps per second, p50/p99 latency per tap and peak RSS.
 */
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config/config.ts";
import type { DatabaseKind } from "../src/store/database.ts";
import { encodeCallback } from "../src/views/callback-data.ts";
import { createThrowawayDatabase } from "../test/support/databases.ts";
import { TEST_BOT, TEST_BOT_TOKEN } from "../test/support/fake-telegram/index.ts";
import { benchArgs, benchDatabases } from "./args.ts";

const args = benchArgs();
const taps = Number(args.get("taps") ?? 10_000);
const chats = Number(args.get("chats") ?? 200);
const concurrency = Number(args.get("concurrency") ?? 16);
/** taps before the measured ones (module loading, JIT and Prisma's query compiler warm up) */
const warmup = Number(args.get("warmup") ?? 2000);
/**
 * Taps per second offered in an open loop (arrivals do not wait for answers, as users tap); 0 = a
 * closed loop with `concurrency` taps in flight, which finds the maximum throughput. By default
 * both are run: the closed loop, then 1,000 taps/s.
 */
const rates = args.has("rate") ? [Number(args.get("rate"))] : [0, 1000];
const kinds = benchDatabases(args.get("db"));
/** inprocess (no sockets: the bot's own cost), http (a real socket: bench/http-taps.ts) or both */
const transport = args.get("transport") ?? "both";
if (!["inprocess", "http", "both"].includes(transport)) throw new Error("--transport must be inprocess, http or both");

const botInfo = TEST_BOT;

async function run(kind: DatabaseKind, rate: number) {
  const database = await createThrowawayDatabase(kind);
  const config = parseConfig({
    BOT_TOKEN: TEST_BOT_TOKEN,
    DATABASE_URL: database.url,
    LOG_LEVEL: "silent",
  });
  const app = await createApp({ config, logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? "silent" }), botInfo });
  const apiCalls = new Map<string, number>();
  // The in-process Bot API stand-in: every call succeeds on the next turn of the event loop
  // (as a network answer would; answering synchronously would starve timers such as the card refresher's).
  app.bot.api.config.use(async (_prev, method, payload) => {
    apiCalls.set(method, (apiCalls.get(method) ?? 0) + 1);
    await new Promise((resolve) => setImmediate(resolve));
    const result =
      method === "answerCallbackQuery"
        ? true
        : {
            message_id: 1,
            date: 0,
            chat: { id: (payload as { chat_id: number }).chat_id, type: "supergroup", title: "g" },
          };
    return { ok: true, result } as never;
  });

  const db = app.services.database.prisma;
  const cards: { chatId: number; eventId: number }[] = [];
  for (let c = 0; c < chats; c++) {
    const chatId = -1_000_000_000_000 - c;
    const org = await app.services.organisations.create({
      name: `Org ${c}`,
      kind: "organisation",
      parentId: null,
      timeZone: "Asia/Shanghai",
      locale: "zh-CN",
    });
    await db.chat.create({
      data: { id: BigInt(chatId), type: "supergroup", title: `Group ${c}`, organisationId: org.id },
    });
    const event = await app.services.events.create({
      organisationId: org.id,
      title: `活动 ${c}`,
      capacity: 30,
      window: {
        start: new Date(Date.now() + 86_400_000),
        end: new Date(Date.now() + 90_000_000),
        precision: "exact",
        timeZone: "Asia/Shanghai",
      },
    });
    await db.eventMessage.create({ data: { eventId: event.id, chatId: BigInt(chatId), messageId: 100 } });
    cards.push({ chatId, eventId: event.id });
  }

  const tapUpdate = (i: number, firstUser: number): Update => {
    const card = cards[i % chats]!;
    const userId = firstUser + Math.floor(i / 3); // each user taps three times, in three chats
    const chat = { id: card.chatId, type: "supergroup" as const, title: "g" };
    return {
      update_id: firstUser + i,
      callback_query: {
        id: String(firstUser + i),
        chat_instance: String(card.chatId),
        from: { id: userId, is_bot: false, first_name: `用户${userId}`, language_code: "zh-hans" },
        data: encodeCallback("signUp", card.eventId),
        message: { message_id: 100, date: 0, chat, from: botInfo, text: "card" },
      },
    };
  };
  const updates = Array.from({ length: taps }, (_, i) => tapUpdate(i, 10_000_000));
  for (let i = 0; i < warmup; i++) await app.bot.handleUpdate(tapUpdate(i, 1_000_000));

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const latencies: number[] = [];
  let errors = 0;
  const handle = (update: Update) =>
    app.bot.handleUpdate(update).catch(() => {
      errors++;
    });
  const started = performance.now();
  if (rate > 0) {
    // Open loop: taps arrive at a fixed rate whether or not earlier ones finished (as users tap).
    const inFlight: Promise<void>[] = [];
    for (const [i, update] of updates.entries()) {
      const due = started + (i * 1000) / rate;
      while (performance.now() < due) await new Promise((resolve) => setImmediate(resolve));
      inFlight.push(
        (async () => {
          const t0 = performance.now();
          await handle(update);
          latencies.push(performance.now() - t0);
        })(),
      );
    }
    await Promise.all(inFlight);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < updates.length) {
          const update = updates[next++]!;
          const t0 = performance.now();
          await handle(update);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const confirmed = await db.signup.count({ where: { status: "confirmed" } });
  const waitlisted = await db.signup.count({ where: { status: "waitlisted" } });
  const overCapacity = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT COUNT(*) AS n FROM (SELECT "eventId" FROM "Signup" WHERE status = 'confirmed' GROUP BY "eventId" HAVING COUNT(*) > 30) x`,
  );
  console.log(
    [
      `taps/${kind}: ${taps} taps (after ${warmup} warm-up taps) from ${Math.ceil(taps / 3)} users in ${chats} chats, ${rate > 0 ? `offered at ${rate} taps/s` : `concurrency ${concurrency}`}`,
      `  throughput ${(taps / seconds).toFixed(0)} taps/s (${seconds.toFixed(2)} s)`,
      `  latency p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms`,
      `  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
      `  taps that failed: ${errors}`,
      `  result (warm-up included): ${confirmed} confirmed, ${waitlisted} waitlisted, events over capacity: ${Number(overCapacity[0]?.n ?? 0)}`,
      `  Bot API calls: ${[...apiCalls].map(([m, n]) => `${m} ${n}`).join(", ")}`,
    ].join("\n"),
  );
  await app.stop();
  await database.drop();
}

if (transport !== "http") for (const kind of kinds) for (const rate of rates) await run(kind, rate);
if (transport !== "inprocess") await import("./http-taps.ts");

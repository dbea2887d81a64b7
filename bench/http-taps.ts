/**
 * Sign-up taps on the path a real deployment takes: the bot runs as its own process
 * (`npm start`'s command line), fetches updates by long polling from a Bot API server over
 * HTTP (bench/support/bot-api-stand-in.ts) and answers each tap with `answerCallbackQuery`
 * over that same socket. In the same run, a bare grammY bot that only answers the callback
 * query is driven the same way, so the ratio shows how close Yiqi is to the framework's limit.
 *
 *   npm run bench:http -- [--db sqlite|postgresql|both] [--taps 10000] [--chats 200]
 *                         [--concurrency 50] [--warmup 2000] [--bare yes|no]
 *
 * A tap's latency is measured at the stand-in: from offering the update to its answer arriving.
 * Bot CPU per tap is the bot process's user+system CPU time during the measured taps
 * (read from /proc), divided by the taps.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config/config.ts";
import { type DatabaseKind, openDatabase } from "../src/store/database.ts";
import { encodeCallback } from "../src/views/callback-data.ts";
import { createThrowawayDatabase } from "../test/support/databases.ts";
import { benchArgs, benchDatabases } from "./args.ts";
import { STAND_IN_BOT, type StandIn, startStandIn } from "./support/bot-api-stand-in.ts";

const args = benchArgs();
const taps = Number(args.get("taps") ?? 10_000);
const chats = Number(args.get("chats") ?? 200);
const concurrency = Number(args.get("concurrency") ?? 50);
const warmup = Number(args.get("warmup") ?? 2000);
const withBare = (args.get("bare") ?? "yes") !== "no";
const kinds = benchDatabases(args.get("db"));
const root = join(import.meta.dirname, "..");
const CAPACITY = 30;

interface Card {
  chatId: number;
  eventId: number;
}

/** Organisations, groups and one event with a card in each group, written before the bot starts. */
async function seed(kind: DatabaseKind, token: string): Promise<{ url: string; cards: Card[]; drop(): Promise<void> }> {
  const database = await createThrowawayDatabase(kind);
  const config = parseConfig({ BOT_TOKEN: token, DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  const app = await createApp({ config, logger: pino({ level: "silent" }), botInfo: STAND_IN_BOT as never });
  const db = app.services.database.prisma;
  const cards: Card[] = [];
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
      capacity: CAPACITY,
      window: {
        start: new Date(Date.now() + 7 * 86_400_000),
        end: new Date(Date.now() + 7 * 86_400_000 + 3_600_000),
        precision: "exact",
        timeZone: "Asia/Shanghai",
      },
    });
    await db.eventMessage.create({ data: { eventId: event.id, chatId: BigInt(chatId), messageId: 100 } });
    cards.push({ chatId, eventId: event.id });
  }
  await app.stop();
  return { url: database.url, cards, drop: () => database.drop() };
}

function tap(cards: Card[], i: number, firstUser: number, data: (card: Card) => string): Update {
  const card = cards[i % cards.length] as Card;
  const userId = firstUser + Math.floor(i / 3); // each user taps three times, in three chats
  const chat = { id: card.chatId, type: "supergroup" as const, title: "g" };
  return {
    update_id: firstUser + i,
    callback_query: {
      id: `q${firstUser + i}`,
      chat_instance: String(card.chatId),
      from: { id: userId, is_bot: false, first_name: `用户${userId}`, language_code: "zh-hans" },
      data: data(card),
      message: { message_id: 100, date: 0, chat, from: STAND_IN_BOT, text: "card" },
    },
  };
}

/** user + system CPU time of a process, in milliseconds (Linux /proc; clock ticks are 100 Hz). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Starts the bot; it is ready when it first asks the stand-in for updates. */
async function startProcess(
  standIn: StandIn,
  command: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  while ((standIn.calls.get("getUpdates") ?? 0) === 0) {
    if (exited !== undefined) throw new Error(`bot exited with ${exited}:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, readyMs: performance.now() - started };
}

async function drive(standIn: StandIn, updates: Update[]): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < updates.length) {
        const update = updates[next++] as Update;
        const t0 = performance.now();
        standIn.push([update]);
        const at = await standIn.answered(update.callback_query?.id ?? "");
        latencies.push(at - t0);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

interface Figures {
  tapsPerSecond: number;
  p50: number;
  p99: number;
  cpuPerTapMs: number;
  rssMiB: number;
  readyMs: number;
}

async function measure(
  label: string,
  command: string[],
  env: Record<string, string>,
  cards: Card[],
  data: (card: Card) => string,
): Promise<Figures> {
  const standIn = await startStandIn();
  const { child, readyMs } = await startProcess(standIn, command, {
    ...env,
    BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: standIn.apiRoot,
  });
  const pid = child.pid as number;
  try {
    await drive(
      standIn,
      Array.from({ length: warmup }, (_, i) => tap(cards, i, 1_000_000, data)),
    );
    const cpu0 = cpuMs(pid);
    const started = performance.now();
    const latencies = await drive(
      standIn,
      Array.from({ length: taps }, (_, i) => tap(cards, i, 10_000_000, data)),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuMs(pid) - cpu0;
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    const figures = {
      tapsPerSecond: taps / seconds,
      p50: pct(50),
      p99: pct(99),
      cpuPerTapMs: cpu / taps,
      rssMiB: rssMiB(pid),
      readyMs,
    };
    console.log(
      `  ${label}: ${figures.tapsPerSecond.toFixed(0)} taps/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, ` +
        `bot CPU ${figures.cpuPerTapMs.toFixed(3)} ms/tap, RSS ${figures.rssMiB.toFixed(0)} MiB, ready after ${figures.readyMs.toFixed(0)} ms`,
    );
    return figures;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await standIn.close();
  }
}

async function checkResult(url: string): Promise<string> {
  const database = await openDatabase(url);
  try {
    const db = database.prisma;
    const confirmed = await db.signup.count({ where: { status: "confirmed" } });
    const waitlisted = await db.signup.count({ where: { status: "waitlisted" } });
    const over = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT COUNT(*) AS n FROM (SELECT "eventId" FROM "Signup" WHERE status = 'confirmed' GROUP BY "eventId" HAVING COUNT(*) > ${CAPACITY}) x`,
    );
    return `${confirmed} confirmed, ${waitlisted} waitlisted, events over capacity: ${Number(over[0]?.n ?? 0)}`;
  } finally {
    await database.close();
  }
}

/** the bot's command line, as `npm start` runs it (override with BENCH_BOT="dist/main.js" etc.) */
const yiqiCommand = (process.env.BENCH_BOT ?? "--import tsx src/main.ts").split(" ");

for (const kind of kinds) {
  const token = "7000001:bench-token-bench-token-bench-token";
  const { url, cards, drop } = await seed(kind, token);
  console.log(
    `http-taps/${kind}: ${taps} taps (after ${warmup} warm-up taps), ${concurrency} in flight, ${chats} chats, long polling over HTTP`,
  );
  try {
    const yiqi = await measure("yiqi", yiqiCommand, { DATABASE_URL: url, LOG_LEVEL: "warn" }, cards, (card) =>
      encodeCallback("signUp", card.eventId),
    );
    console.log(`  result (warm-up included): ${await checkResult(url)}`);
    if (withBare) {
      const bare = await measure(
        "bare grammY",
        ["--import", "tsx", "bench/support/bare-grammy.ts"],
        {},
        cards,
        (card) => encodeCallback("signUp", card.eventId),
      );
      console.log(
        `  yiqi ÷ bare grammY: throughput ${(yiqi.tapsPerSecond / bare.tapsPerSecond).toFixed(2)}, ` +
          `CPU per tap ${(yiqi.cpuPerTapMs / bare.cpuPerTapMs).toFixed(2)}×`,
      );
    }
  } finally {
    await drop();
  }
}

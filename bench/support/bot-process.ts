/**
 * The pieces of the benchmarks that run the bot as its own process against the HTTP stand-in
 * (bench/support/bot-api-stand-in.ts): seeding a database, starting the process, offering taps
 * and reading the process's CPU time and resident memory from /proc.
 */
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createApp } from "../../src/app.ts";
import { parseConfig } from "../../src/config/config.ts";
import { type DatabaseKind, openDatabase } from "../../src/store/database.ts";
import { startInstance } from "../../test/server/instances.ts";
import { createThrowawayDatabase } from "../../test/support/databases.ts";
import { STAND_IN_BOT, type StandIn } from "./bot-api-stand-in.ts";

const root = join(import.meta.dirname, "..", "..");
/** places per seeded event */
export const CAPACITY = 30;

export interface Card {
  chatId: number;
  eventId: number;
}

/** Organisations, groups and one event with a card in each group, written before the bot starts. */
export async function seed(
  kind: DatabaseKind,
  token: string,
  chats: number,
): Promise<{ url: string; cards: Card[]; drop(): Promise<void> }> {
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

export function tap(cards: Card[], i: number, firstUser: number, data: (card: Card) => string): Update {
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
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The processes started by `pid`, and theirs (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

function ownRssKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** Resident memory of the process and of every process it started (worker threads are part of the process). */
export function rssMiB(pid: number): number {
  return [pid, ...descendants(pid)].reduce((kb, p) => kb + ownRssKiB(p), 0) / 1024;
}

/**
 * Starts the bot with long polling (test/server/instances.ts, the one process starter); it is ready when it
 * first asks the stand-in for updates.
 */
export async function startProcess(
  standIn: StandIn,
  { executable, command }: { executable?: string; command: string[] },
  env: Record<string, string>,
): Promise<{ child: ChildProcess; readyMs: number }> {
  const instance = await startInstance({
    fake: standIn,
    name: "bench",
    mode: "polling",
    ...(executable ? { executable } : {}),
    command,
    env,
    readyWhen: () => (standIn.calls.get("getUpdates") ?? 0) > 0,
  });
  return { child: instance.process, readyMs: instance.readyMs };
}

export async function drive(standIn: StandIn, updates: Update[], concurrency: number): Promise<number[]> {
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

export async function checkResult(url: string): Promise<string> {
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

/**
 * The bot's command line, exactly as `npm start` runs it: package.json's start script, run by `sh -c` like
 * npm does (npm's own process is left out), so the flags and environment it sets are in every figure. The
 * script ends in `exec node …`, so the process id is the bot's. BENCH_BOT overrides it with arguments to
 * this Node.js, e.g. BENCH_BOT="--import tsx src/main.ts".
 */
export const yiqiProcess: { executable: string; command: string[]; label: string } = process.env.BENCH_BOT
  ? {
      executable: process.execPath,
      command: process.env.BENCH_BOT.split(" ").filter(Boolean),
      label: `node ${process.env.BENCH_BOT}`,
    }
  : (() => {
      const script: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
      return { executable: "sh", command: ["-c", script], label: `npm start (${script})` };
    })();

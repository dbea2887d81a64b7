/**
 * Yiqi in webhook mode on PostgreSQL, as several instances behind a load balancer run it: real processes
 * (`src/main.ts`), each on its own port, with updates POSTed round-robin to them.
 *
 *   npm run bench:webhook -- [--taps 3000] [--warmup 500] [--concurrency 50] [--chats 100]
 *                            [--instances 1,2,3] [--groups 300]
 *
 * 1. Sign-up taps through HTTP POSTs with 1, 2 and 3 instances: taps/s and the latency from POSTing a tap to its
 *    toast (`answerCallbackQuery`) arriving at the Bot API stand-in (bench/support/bot-api-stand-in.ts).
 * 2. Reminder fan-out with 3 instances: `--groups` groups due a reminder at the same moment, sent by the one
 *    sending leader through the fake Bot API server enforcing Telegram's limits; messages/s as a fraction of
 *    Telegram's 30/s, and how many 429s the fake answered.
 */
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config/config.ts";
import { planners } from "../src/scheduler/index.ts";
import { encodeCallback } from "../src/views/callback-data.ts";
import { seedGroupsWithEvents } from "../test/scheduler/support.ts";
import { type Instance, startInstance, stopInstance, WEBHOOK_SECRET } from "../test/server/instances.ts";
import { createThrowawayDatabase } from "../test/support/databases.ts";
import { startFakeTelegram, TELEGRAM_LIMITS } from "../test/support/fake-telegram/index.ts";
import { benchArgs } from "./args.ts";
import { startStandIn } from "./support/bot-api-stand-in.ts";
import { type Card, drive, seed, tap, yiqiProcess } from "./support/bot-process.ts";

const args = benchArgs();
const taps = Number(args.get("taps") ?? 3000);
const warmup = Number(args.get("warmup") ?? 500);
const concurrency = Number(args.get("concurrency") ?? 50);
const chats = Number(args.get("chats") ?? 100);
const counts = (args.get("instances") ?? "1,2,3")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const fanoutGroups = Number(args.get("groups") ?? 300);
const TOKEN = "7000001:bench-token-bench-token-bench-token";
const signUp = (card: Card) => encodeCallback("signUp", card.eventId);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function tapsWith(n: number): Promise<void> {
  const { url, cards, drop } = await seed("postgresql", TOKEN, chats);
  const standIn = await startStandIn(TOKEN);
  const instances: Instance[] = [];
  try {
    const env = { LOG_LEVEL: "info", SCHEDULER: "off" };
    for (let i = 0; i < n; i++) {
      instances.push(await startInstance({ fake: standIn, databaseUrl: url, name: `b${i}`, ...yiqiProcess, env }));
    }
    standIn.useWebhooks(
      instances.map((i) => i.url),
      WEBHOOK_SECRET,
    );
    await drive(
      standIn,
      Array.from({ length: warmup }, (_, i) => tap(cards, i, 1_000_000, signUp)),
      concurrency,
    );
    const started = performance.now();
    const latencies = await drive(
      standIn,
      Array.from({ length: taps }, (_, i) => tap(cards, i, 10_000_000, signUp)),
      concurrency,
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${n} instance${n > 1 ? "s" : ""}: ${(taps / seconds).toFixed(0)} taps/s, p50 ${pct(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${pct(latencies, 99).toFixed(1)} ms`,
    );
  } finally {
    await Promise.all(instances.map(stopInstance));
    await standIn.close();
    await drop();
  }
}

async function fanout(n: number): Promise<void> {
  const fake = await startFakeTelegram({ limits: TELEGRAM_LIMITS });
  const database = await createThrowawayDatabase("postgresql");
  const instances: Instance[] = [];
  const config = parseConfig({ BOT_TOKEN: fake.token, DATABASE_URL: database.url, LOG_LEVEL: "silent" });
  const app = await createApp({ config, logger: pino({ level: "silent" }), botInfo: fake.bot });
  try {
    for (let i = 0; i < n; i++) {
      instances.push(
        await startInstance({
          fake,
          databaseUrl: database.url,
          name: `f${i}`,
          ...yiqiProcess,
          env: { SCHEDULER: "off" },
        }),
      );
    }
    fake.spreadWebhook(instances.map((i) => i.url));
    const start = new Date(Date.now() + 60 * 60_000 + 8000); // the 60-minute reminder falls due in 8 s
    const window = {
      start,
      end: new Date(start.getTime() + 7_200_000),
      precision: "exact" as const,
      timeZone: "Asia/Shanghai",
    };
    const { groups } = await seedGroupsWithEvents(fake, app.services, fanoutGroups, window, { prefix: "fan" });
    await planners(app.services, app.services.logger).reminders.sweep(new Date());
    // polled on a timer, cheaply: checking every group on each change of the fake (waitFor) costs the fake's
    // process so much CPU that its answers slow down, and the measured rate with them
    const deadline = Date.now() + 300_000;
    const sentOk = () => fake.calls("sendMessage").filter((c) => c.status === 200).length;
    while (sentOk() < groups.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const times = fake
      .calls("sendMessage")
      .filter((c) => c.status === 200)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    const first = times[0] ?? 0;
    const last = times.at(-1) ?? 0;
    const rate = (times.length - 1) / Math.max(0.001, (last - first) / 1000);
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[i] ?? 0) - (times[j] ?? 0) >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    // the best 10 s once sending was under way, as bench:fanout reports it
    let sustained = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while ((times[j] ?? 0) < (times[i] ?? 0) - 10_000) j++;
      if ((times[i] ?? 0) - first >= 10_000) sustained = Math.max(sustained, (i - j) / 10);
    }
    const twice = groups.filter((g) => fake.sent(g).length > 1).length;
    const lost = groups.filter((g) => fake.sent(g).length === 0).length;
    const hits = fake.limitHits();
    console.log(
      `  ${n} instances, ${fanoutGroups} groups due at once: ${rate.toFixed(1)} messages/s = ${((rate / 30) * 100).toFixed(0)}% of 30/s, ` +
        `sustained (best 10 s) ${sustained.toFixed(1)}/s = ${((sustained / 30) * 100).toFixed(0)}%, busiest second ${busiest}, ${twice} sent twice, ${lost} lost, 429s: global ${hits.globalPerSecond}, per group ${hits.perGroupPerMinute}`,
    );
  } finally {
    await Promise.all(instances.map(stopInstance));
    await app.stop();
    await fake.close();
    await database.drop();
  }
}

console.log(
  `webhook/postgresql: ${taps} sign-up taps (after ${warmup} warm-up), ${concurrency} in flight, ${chats} chats, POSTed round-robin`,
);
for (const n of counts) await tapsWith(n);
console.log("reminder fan-out (one sending leader, Telegram's limits enforced by the fake):");
await fanout(3);

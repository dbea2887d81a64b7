/**
 * Sign-up taps on the path a real deployment takes: the bot runs as its own process
 * (`npm start`'s command line), fetches updates by long polling from a Bot API server over
 * HTTP (bench/support/bot-api-stand-in.ts) and answers each tap with `answerCallbackQuery`
 * over that same socket. In the same run, a bare grammY bot that only answers the callback
 * query is driven the same way, so the ratio shows how close Yiqi is to the framework's limit.
 *
 *   npm run bench:http -- [--db sqlite|postgresql|both] [--taps 10000] [--chats 200]
 *                         [--concurrency 50] [--warmup 2000] [--bare yes|no] [--rounds 1]
 *
 * With `--rounds N` the whole run (fresh data, Yiqi, then bare grammY) is repeated N times and the medians are
 * printed after: on a small shared machine one run's figures swing with whatever else runs, and the load
 * average printed with each run says how quiet it was.
 *
 * A tap's latency is measured at the stand-in: from offering the update to its answer arriving.
 * Bot CPU per tap is the bot process's user+system CPU time during the measured taps
 * (read from /proc), divided by the taps.
 */
import { loadavg } from "node:os";
import { encodeCallback } from "../src/views/callback-data.ts";
import { benchArgs, benchDatabases } from "./args.ts";
import { startStandIn } from "./support/bot-api-stand-in.ts";
import {
  type Card,
  checkResult,
  cpuMs,
  drive,
  rssMiB,
  seed,
  startProcess,
  tap,
  yiqiProcess,
} from "./support/bot-process.ts";

const args = benchArgs();
const taps = Number(args.get("taps") ?? 10_000);
const chats = Number(args.get("chats") ?? 200);
const concurrency = Number(args.get("concurrency") ?? 50);
const warmup = Number(args.get("warmup") ?? 2000);
const withBare = (args.get("bare") ?? "yes") !== "no";
const rounds = Number(args.get("rounds") ?? 1);
const kinds = benchDatabases(args.get("db"));

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
  command: { executable?: string; command: string[] },
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
      concurrency,
    );
    const cpu0 = cpuMs(pid);
    const started = performance.now();
    const latencies = await drive(
      standIn,
      Array.from({ length: taps }, (_, i) => tap(cards, i, 10_000_000, data)),
      concurrency,
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
    if (process.env.BENCH_DEBUG)
      console.log(`  calls at the stand-in: ${JSON.stringify(Object.fromEntries(standIn.calls))}`);
    return figures;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await standIn.close();
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
/** The middle value; with an even count the mean of the two middle ones (so two rounds print their mean). */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

for (const kind of kinds) {
  const token = "7000001:bench-token-bench-token-bench-token";
  const runs: { yiqi: Figures; bare: Figures | null }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const { url, cards, drop } = await seed(kind, token, chats);
    console.log(
      `http-taps/${kind}${rounds > 1 ? ` (round ${round} of ${rounds})` : ""}: ${taps} taps (after ${warmup} warm-up taps), ` +
        `${concurrency} in flight, ${chats} chats, long polling over HTTP; load average ${load()}`,
    );
    try {
      const yiqi = await measure("yiqi", yiqiProcess, { DATABASE_URL: url, LOG_LEVEL: "warn" }, cards, (card) =>
        encodeCallback("signUp", card.eventId),
      );
      console.log(`  result (warm-up included): ${await checkResult(url)}`);
      let bare: Figures | null = null;
      if (withBare) {
        bare = await measure(
          "bare grammY",
          { command: ["--import", "tsx", "bench/support/bare-grammy.ts"] },
          {},
          cards,
          (card) => encodeCallback("signUp", card.eventId),
        );
        console.log(
          `  yiqi ÷ bare grammY: throughput ${(yiqi.tapsPerSecond / bare.tapsPerSecond).toFixed(2)}, ` +
            `CPU per tap ${(yiqi.cpuPerTapMs / bare.cpuPerTapMs).toFixed(2)}×`,
        );
      }
      runs.push({ yiqi, bare });
    } finally {
      await drop();
    }
  }
  if (rounds > 1) {
    const of = (pick: (f: Figures) => number, who: "yiqi" | "bare") =>
      median(runs.flatMap((r) => (r[who] ? [pick(r[who] as Figures)] : [])));
    const line = (who: "yiqi" | "bare") =>
      `${of((f) => f.tapsPerSecond, who).toFixed(0)} taps/s, p50 ${of((f) => f.p50, who).toFixed(1)} ms, ` +
      `p99 ${of((f) => f.p99, who).toFixed(1)} ms, bot CPU ${of((f) => f.cpuPerTapMs, who).toFixed(3)} ms/tap, ` +
      `RSS ${of((f) => f.rssMiB, who).toFixed(0)} MiB`;
    console.log(`http-taps/${kind}: medians of ${rounds} rounds; load average ${load()}`);
    console.log(`  yiqi: ${line("yiqi")}`);
    if (withBare) {
      console.log(`  bare grammY: ${line("bare")}`);
      const ratio = (pick: (r: { yiqi: Figures; bare: Figures }) => number) =>
        median(runs.flatMap((r) => (r.bare ? [pick(r as { yiqi: Figures; bare: Figures })] : [])));
      console.log(
        `  yiqi ÷ bare grammY (median of the rounds' ratios): throughput ${ratio((r) => r.yiqi.tapsPerSecond / r.bare.tapsPerSecond).toFixed(2)}, ` +
          `CPU per tap ${ratio((r) => r.yiqi.cpuPerTapMs / r.bare.cpuPerTapMs).toFixed(2)}×`,
      );
    }
  }
}

/**
 * Start-up time and resident memory of the bot process, read from outside it (/proc), as an
 * operator would see them on a small server:
 *
 *   npm run bench:memory -- [--db sqlite|postgresql|both] [--users 10000] [--chats 200]
 *
 * 1. ready: from starting the process (the command `npm start` runs) until it first asks the
 *    Bot API for updates, on an existing, migrated database;
 * 2. RSS idle, 5 s after ready (and 30 s after ready, once start-up's garbage had time to go);
 * 3. RSS at the peak while `--users` users sign up in `--chats` groups (each user once);
 * 4. RSS a minute after the last sign-up.
 */
import { encodeCallback } from "../src/views/callback-data.ts";
import { benchArgs, benchDatabases } from "./args.ts";
import { startStandIn } from "./support/bot-api-stand-in.ts";
import { drive, rssMiB, seed, startProcess, tap, yiqiProcess } from "./support/bot-process.ts";

const args = benchArgs();
const users = Number(args.get("users") ?? 10_000);
const chats = Number(args.get("chats") ?? 200);
const settleSeconds = Number(args.get("settle") ?? 60);
const kinds = benchDatabases(args.get("db"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const kind of kinds) {
  const standIn = await startStandIn();
  const { url, cards, drop } = await seed(kind, standIn.token, chats);
  const { child, readyMs } = await startProcess(standIn, yiqiProcess, {
    DATABASE_URL: url,
    LOG_LEVEL: "warn",
    BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: standIn.apiRoot,
  });
  const pid = child.pid as number;
  try {
    await sleep(5000);
    const idle = rssMiB(pid);
    await sleep(25_000);
    const idleLater = rssMiB(pid);
    let peak = idleLater;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 100);
    // one tap per user: user i taps in chat i mod chats
    const updates = Array.from({ length: users }, (_, i) => {
      const update = tap(cards, i * 3, 20_000_000, (card) => encodeCallback("signUp", card.eventId));
      return update;
    });
    await drive(standIn, updates, 50);
    const peakAtEnd = Math.max(peak, rssMiB(pid));
    await sleep(settleSeconds * 1000);
    clearInterval(sampler);
    const after = rssMiB(pid);
    console.log(
      [
        `memory/${kind}: bot process \`${yiqiProcess.label}\` (RSS with any child process), ${users} users signing up in ${chats} groups`,
        `  ready after ${readyMs.toFixed(0)} ms`,
        `  RSS idle ${idle.toFixed(0)} MiB (30 s after ready: ${idleLater.toFixed(0)} MiB), peak under load ${peakAtEnd.toFixed(0)} MiB, ${settleSeconds} s later ${after.toFixed(0)} MiB`,
      ].join("\n"),
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await standIn.close();
    await drop();
  }
}

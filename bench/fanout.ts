/**
 * Reminder fan-out and the scheduler's due query.
 *
 *   npm run bench:fanout -- [--db sqlite|postgresql|both] [--groups 1800] [--rows 1000000] [--only fanout|query]
 *
 * Prints, per database: for N group reminders due at the same instant, sent
 * through the fake Bot API server enforcing Telegram's limits, the messages
 * per second achieved against the 30/s limit, 429s, duplicates and lost; and,
 * with `rows` events and deliveries in the database, the time of the
 * sender's due query (the claim) and of the planner's sweep.
 */
import { benchArgs, benchDatabases } from "./args.ts";
import { measureDueQuery } from "./fanout/due-query.ts";
import { measureFanout } from "./fanout/throughput.ts";

const args = benchArgs();
const kinds = benchDatabases(args.get("db"));
const groups = Number(args.get("groups") ?? 1800);
const rows = Number(args.get("rows") ?? 1_000_000);
const only = args.get("only");
const LIMIT = 30;

const ms = (n: number) => `${n.toFixed(1)} ms`;

for (const kind of kinds) {
  console.log(`\n== ${kind} ==`);
  if (only !== "query") {
    const r = await measureFanout(kind, groups);
    console.log(
      `fan-out: ${r.groups} group reminders due at once, Telegram limits enforced (${LIMIT}/s, 20/min per group)`,
    );
    console.log(
      `  sent ${r.sent} in ${r.seconds.toFixed(1)} s: ${r.perSecond.toFixed(1)} msg/s overall, ` +
        `${r.sustained.toFixed(1)} msg/s sustained (best 10 s) = ${((100 * r.sustained) / LIMIT).toFixed(1)} % of the limit`,
    );
    console.log(`  429s received: ${r.tooManyRequests}   duplicates: ${r.duplicates}   lost: ${r.lost}`);
  }
  if (only !== "fanout") {
    const q = await measureDueQuery(kind, rows);
    console.log(
      `due query with ${q.rows.toLocaleString("en")} events and ${q.rows.toLocaleString("en")} deliveries ` +
        `(${q.dueRows.toLocaleString("en")} due; filled in ${q.insertSeconds.toFixed(1)} s)`,
    );
    console.log(
      `  claim 30 due:                 p50 ${ms(q.claim.p50)}  p95 ${ms(q.claim.p95)}  max ${ms(q.claim.max)}`,
    );
    console.log(
      `  claim 30 due, 200 chats busy: p50 ${ms(q.claimExcluding.p50)}  p95 ${ms(q.claimExcluding.p95)}  max ${ms(q.claimExcluding.max)}`,
    );
    console.log(`  planner sweep: first ${ms(q.sweep.first)}, next minute ${ms(q.sweep.next)}`);
  }
}

import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { Outbox } from "../../src/delivery/outbox.ts";
import { ReminderPlanner } from "../../src/scheduler/reminder-planner.ts";
import type { DatabaseKind, Db } from "../../src/store/database.ts";
import { openTestDatabase } from "../../test/support/databases.ts";

export interface DueQueryResult {
  rows: number;
  insertSeconds: number;
  dueRows: number;
  claim: { p50: number; p95: number; max: number };
  claimExcluding: { p50: number; p95: number; max: number };
  sweep: { first: number; next: number };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
}

/** SQL for an instant `offsetMs` after `base` plus `stepMs` per row number `i`, in each database's stored format. */
function instant(kind: DatabaseKind, base: number, expr: string): string {
  const seconds = `(${base / 1000} + (${expr}) / 1000.0)`;
  return kind === "sqlite"
    ? `strftime('%Y-%m-%dT%H:%M:%f', ${seconds}, 'unixepoch') || '+00:00'`
    : `to_timestamp(${seconds})`;
}

/** `rows` events and `rows` deliveries, written by the database itself in one statement each. */
async function fill(db: Db, kind: DatabaseKind, rows: number, now: number): Promise<number> {
  const series =
    kind === "sqlite"
      ? `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows}) SELECT i FROM s`
      : `SELECT i::bigint AS i FROM generate_series(1, ${rows}) AS s(i)`;
  const [org] = await db.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO "Organisation" ("name", "joinCode", "updatedAt") VALUES ('bench', 'BENCH', CURRENT_TIMESTAMP) RETURNING "id"`,
  );
  // events spread over three years around now (two past, one ahead): about 7,000 start within the look-ahead
  const span = 3 * 365 * DAY;
  const startOf = `((i * 7919) % ${rows}) * ${span / rows} - ${2 * 365 * DAY}`;
  const status = kind === "sqlite" ? `'published'` : `'published'::"EventStatus"`;
  const precision = kind === "sqlite" ? `'exact'` : `'exact'::"TimePrecision"`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Event" ("organisationId", "title", "startsAt", "endsAt", "precision", "timeZone", "status", "updatedAt")
    SELECT ${Number(org!.id)}, 'event ' || i, ${instant(kind, now, startOf)}, ${instant(kind, now, `${startOf} + ${2 * HOUR}`)},
           ${precision}, 'Asia/Shanghai', ${status}, ${instant(kind, now - 10 * 60_000, `-((i % 700) * ${DAY} + (i % 86400) * 1000)`)}
    FROM (${series}) AS t`);
  // deliveries in the order they were planned: 90 % sent in the past, 9 % pending over the next year, and the
  // newest 1 % pending and due now (a fan-out backlog)
  const sent = Math.floor(rows * 0.9);
  const future = Math.floor(rows * 0.99);
  const statusOf =
    kind === "sqlite"
      ? `CASE WHEN i <= ${sent} THEN 'sent' ELSE 'pending' END`
      : `(CASE WHEN i <= ${sent} THEN 'sent' ELSE 'pending' END)::"DeliveryStatus"`;
  const dueOf = `CASE WHEN i <= ${sent} THEN -((i * 31) % ${365 * DAY}) WHEN i <= ${future} THEN (i * 31) % ${365 * DAY} ELSE -((i * 13) % ${HOUR}) END`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Delivery" ("key", "kind", "chatId", "payload", "dueAt", "status", "attempts", "eventId", "createdAt")
    SELECT 'bench:' || i, 'reminder', -(1000000 + i % 50000), '{}', ${instant(kind, now, dueOf)}, ${statusOf}, 0, i,
           ${instant(kind, now - 30 * DAY, "0")}
    FROM (${series}) AS t`);
  await db.$executeRawUnsafe("ANALYZE");
  // a database in steady state: the bulk load is checkpointed out of the write-ahead log
  if (kind === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return rows - future;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/** The sender's due query (the claim) and the planner's sweep, with `rows` events and deliveries in the database. */
export async function measureDueQuery(kind: DatabaseKind, rows: number): Promise<DueQueryResult> {
  const db = await openTestDatabase(kind);
  try {
    const now = Date.now();
    const t = performance.now();
    const dueRows = await fill(db.prisma, kind, rows, now);
    const insertSeconds = (performance.now() - t) / 1000;
    const outbox = new Outbox(db.prisma, db.dialect);
    const at = new Date(now);
    const claim: number[] = [];
    for (let i = 0; i < 50; i++) claim.push(await timed(() => outbox.claim("bench", at, 30)));
    const busy = Array.from({ length: 200 }, (_, i) => -BigInt(1000000 + i));
    const claimExcluding: number[] = [];
    for (let i = 0; i < 50; i++) claimExcluding.push(await timed(() => outbox.claim("bench", at, 30, busy)));
    const planner = new ReminderPlanner({
      db: db.prisma,
      people: db.tapPath,
      outbox,
      logger: pino({ level: "silent" }),
    });
    const first = await timed(() => planner.sweep(at));
    const next = await timed(() => planner.sweep(new Date(now + 60_000)));
    return {
      rows,
      insertSeconds,
      dueRows,
      claim: stats(claim),
      claimExcluding: stats(claimExcluding),
      sweep: { first, next },
    };
  } finally {
    await db.drop();
  }
}

/**
 * A province, not a city (issue 12): Zhejiang-scale data and the paths a hub's group takes over it.
 *
 *   npm run bench:province -- [--db sqlite|postgresql|both] [--orgs 100000] [--events 1000000]
 *                             [--signups 5000000] [--groups 10000] [--runs 20] [--reuse]
 *
 * Generates (server-side SQL, one INSERT … SELECT per table) a 4-level tree: one city hub, districts,
 * streets and organisations (0.09 % / 1.3 % / the rest of --orgs), --events over the last three years and
 * the next 30 days (1 % of them in a campaign 10 days from now, each with its organising unit), five
 * sign-ups per event by default, and --groups group chats linked to organisations (the city hub's and a
 * district hub's among them). SQLite: a file in the temp directory; PostgreSQL: the database
 * `yiqi_province` on the shared server (dropped and created). --reuse keeps data generated before with the
 * same sizes (and applies the migrations made since).
 *
 * Then it times the bot's own code paths (the same functions the bot calls, through grammY's
 * handleUpdate where it is a command): `/events` in the city hub's group, `/campaign` in a district hub's
 * group, the city hub's daily summary (gathered and rendered as the sender does), and planning the daily
 * summaries of every group (SummaryPlanner.sweep, a fresh outbox). Prints median and p95 against the budget.
 */
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pg from "pg";
import { pino } from "pino";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config/config.ts";
import { SummaryPlanner } from "../src/scheduler/summary-planner.ts";
import type { DatabaseKind } from "../src/store/database.ts";
import { migrate } from "../src/store/migrator.ts";
import { summaryText } from "../src/views/schedule-views.ts";
import { postgresAdminUrl } from "../test/support/databases.ts";
import { TEST_BOT, TEST_BOT_TOKEN } from "../test/support/fake-telegram/index.ts";
import { benchArgs, benchDatabases } from "./args.ts";

const args = benchArgs(process.argv.slice(2).flatMap((a) => (a === "--reuse" ? ["--reuse", "yes"] : [a])));
const sizes = {
  orgs: Number(args.get("orgs") ?? 100_000),
  events: Number(args.get("events") ?? 1_000_000),
  signups: Number(args.get("signups") ?? 5_000_000),
  groups: Number(args.get("groups") ?? 10_000),
};
const runs = Number(args.get("runs") ?? 20);
const reuse = args.has("reuse");
const kinds = benchDatabases(args.get("db"));
const PG_NAME = "yiqi_province";

const NOW = new Date("2026-06-01T02:00:00Z"); // Monday 10:00 in Shanghai
const nowSecs = NOW.getTime() / 1000;
const DAY = 86_400;

/** The tree's shape for --orgs organisations in all. */
function shape(orgs: number) {
  const districts = Math.max(2, Math.round(orgs * 0.0009));
  const streets = Math.max(districts, Math.round(orgs * 0.013));
  const firstDistrict = 2;
  const firstStreet = firstDistrict + districts;
  const firstOrg = firstStreet + streets;
  return { districts, streets, firstDistrict, firstStreet, firstOrg, leaves: orgs - firstOrg + 1 };
}

interface Sql {
  kind: DatabaseKind;
  exec(sql: string): Promise<void>;
  /** the first column of every row */
  column(sql: string): Promise<string[]>;
  /** 1..n as column "i" */
  series(n: number): string;
  /** seconds since the epoch (an SQL expression) as a stored DateTime */
  time(secs: string): string;
  enumOf(type: string, value: string): string;
  close(): Promise<void>;
}

async function sqlFor(kind: DatabaseKind, url: string): Promise<Sql> {
  if (kind === "sqlite") {
    const { default: BetterSqlite3 } = await import("better-sqlite3");
    const db = new BetterSqlite3(url.slice("file:".length));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    // a bulk load touches every index at random places: keep them in memory (1 GiB) rather than re-read pages
    db.pragma("cache_size = -1000000");
    return {
      kind,
      async exec(sql) {
        db.exec(sql);
      },
      async column(sql) {
        return db
          .prepare(sql)
          .raw()
          .all()
          .map((r) => String((r as unknown[])[0]));
      },
      series: (n) =>
        `(WITH RECURSIVE s("i") AS (SELECT 1 UNION ALL SELECT "i" + 1 FROM s WHERE "i" < ${n}) SELECT "i" FROM s)`,
      time: (secs) => `(strftime('%Y-%m-%dT%H:%M:%f', ${secs}, 'unixepoch') || '+00:00')`,
      enumOf: (_type, value) => `'${value}'`,
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    kind,
    async exec(sql) {
      await client.query(sql);
    },
    async column(sql) {
      return (await client.query({ text: sql, rowMode: "array" })).rows.map((r: unknown[]) => String(r[0]));
    },
    series: (n) => `(SELECT "i"::bigint AS "i" FROM generate_series(1, ${n}) AS g("i"))`,
    time: (secs) => `(to_timestamp(${secs}) AT TIME ZONE 'UTC')`,
    enumOf: (type, value) => `'${value}'::"${type}"`,
    close: () => client.end(),
  };
}

/** The database for this run: an existing one with --reuse, else a fresh migrated one. */
async function prepareDatabase(kind: DatabaseKind): Promise<{ url: string; fresh: boolean }> {
  const tag = `${sizes.orgs}-${sizes.events}-${sizes.signups}-${sizes.groups}`;
  if (kind === "sqlite") {
    const dir = join(tmpdir(), "yiqi-province");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `province-${tag}.db`);
    const url = `file:${file}`;
    if (reuse && existsSync(file)) {
      await migrate(url); // migrations made since it was generated (new indexes)
      return { url, fresh: false };
    }
    for (const suffix of ["", "-wal", "-shm"])
      if (existsSync(file + suffix)) (await import("node:fs")).rmSync(file + suffix);
    await migrate(url);
    return { url, fresh: true };
  }
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${PG_NAME}`;
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [PG_NAME]);
    if (reuse && exists.rowCount === 1) {
      const probe = new pg.Client({ connectionString: url.toString() });
      await probe.connect();
      const tagged = await probe
        .query(`SELECT obj_description('"Organisation"'::regclass) AS tag`)
        .catch(() => ({ rows: [{ tag: null }] }));
      await probe.end();
      if (tagged.rows[0]?.tag === tag) {
        await migrate(url.toString()); // migrations made since it was generated (new indexes)
        return { url: url.toString(), fresh: false };
      }
    }
    await admin.query(`DROP DATABASE IF EXISTS "${PG_NAME}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${PG_NAME}"`);
  } finally {
    await admin.end();
  }
  await migrate(url.toString());
  return { url: url.toString(), fresh: true };
}

async function timed(label: string, step: () => Promise<void>) {
  const started = performance.now();
  await step();
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Fills the database: every table in one INSERT … SELECT generated by the database itself. */
async function generate(sql: Sql) {
  const t = shape(sizes.orgs);
  const { orgs, events, signups, groups } = sizes;
  const users = Math.max(10, Math.round(signups / 10));
  const kind = (k: string) => sql.enumOf("OrgKind", k);
  const stamp = sql.time(String(nowSecs));
  const orgCols = `"id", "name", "kind", "parentId", "timeZone", "locale", "joinCode", "createdAt", "updatedAt"`;
  const orgRow = (id: string, name: string, k: string, parent: string) =>
    `SELECT ${id}, ${name}, ${kind(k)}, ${parent}, 'Asia/Shanghai', 'zh-CN', 'P' || (${id}), ${stamp}, ${stamp}`;
  // the closure table's triggers run for every organisation inserted (parents before children)
  await timed(`organisations (${orgs.toLocaleString("en")})`, async () => {
    await sql.exec(`INSERT INTO "Organisation" (${orgCols}) ${orgRow("1", "'浙江省社会组织总会'", "city", "NULL")}`);
    await sql.exec(
      `INSERT INTO "Organisation" (${orgCols}) ${orgRow(`"i" + 1`, `'区县 ' || "i"`, "district", "1")} FROM ${sql.series(t.districts)} n`,
    );
    await sql.exec(
      `INSERT INTO "Organisation" (${orgCols}) ${orgRow(`"i" + ${t.firstStreet - 1}`, `'街道 ' || "i"`, "street", `${t.firstDistrict} + ("i" % ${t.districts})`)} FROM ${sql.series(t.streets)} n`,
    );
    await sql.exec(
      `INSERT INTO "Organisation" (${orgCols}) ${orgRow(`"i" + ${t.firstOrg - 1}`, `'社会组织 ' || "i"`, "organisation", `${t.firstStreet} + ("i" % ${t.streets})`)} FROM ${sql.series(t.leaves)} n`,
    );
  });
  if (sql.kind === "postgresql") {
    // bulk load: foreign-key checks and the sign-up triggers (card marks) off for this session only
    await sql.exec(`SET session_replication_role = replica`);
  }
  await timed(`users (${users.toLocaleString("en")})`, () =>
    sql.exec(
      `INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") SELECT "i", '志愿者' || "i", ${stamp}, ${stamp} FROM ${sql.series(users)} n`,
    ),
  );
  const campaignDay = nowSecs + 10 * DAY - 2 * 3600 + 9 * 3600; // 10 days on, 09:00 local (01:00 UTC)
  await sql.exec(
    `INSERT INTO "Campaign" ("id", "name", "organisationId", "startsAt", "endsAt", "recurrence", "createdAt")
     VALUES (1, '社会组织公益日', 1, ${sql.time(String(campaignDay - 3600))}, ${sql.time(String(campaignDay + 12 * 3600))}, 'yearly:06-11', ${stamp})`,
  );
  // the big tables' secondary indexes are dropped for the load and made again after it (same definitions)
  const bulk = `('Event', 'Signup', 'EventOrganiser')`;
  const indexes =
    sql.kind === "sqlite"
      ? await sql.column(
          `SELECT "sql" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" IN ${bulk} AND "sql" IS NOT NULL`,
        )
      : await sql.column(`SELECT indexdef FROM pg_indexes WHERE tablename IN ${bulk} AND indexname NOT LIKE '%_pkey'`);
  const names = indexes.map((d) => /INDEX\s+(?:IF NOT EXISTS\s+)?("[^"]+"|\S+)/i.exec(d)?.[1] ?? "");
  for (const name of names)
    await sql.exec(`DROP INDEX ${name.includes(".") || name.startsWith('"') ? name : `"${name}"`}`);
  const span = 3 * 365 * DAY + 30 * DAY;
  const from = nowSecs - 3 * 365 * DAY;
  // every 100th event belongs to a district hub, every 100th (offset 1) is in the campaign
  const orgOf = `(CASE WHEN "i" % 100 = 0 THEN ${t.firstDistrict} + ("i" % ${t.districts}) ELSE ${t.firstOrg} + (("i" * 7919) % ${t.leaves}) END)`;
  const startOf = `(CASE WHEN "i" % 100 = 1 THEN ${campaignDay} ELSE ${from} + (("i" * 2654435761) % ${span / 60}) * 60 END)`;
  await timed(`events (${events.toLocaleString("en")})`, () =>
    sql.exec(
      `INSERT INTO "Event" ("id", "organisationId", "campaignId", "title", "place", "startsAt", "endsAt", "precision",
                            "timeZone", "capacity", "status", "isPublic", "createdAt", "updatedAt")
       SELECT "i", ${orgOf}, CASE WHEN "i" % 100 = 1 THEN 1 ELSE NULL END, '活动 ' || "i", '社区服务中心',
              ${sql.time(startOf)}, ${sql.time(`${startOf} + 7200`)}, ${sql.enumOf("TimePrecision", "exact")},
              'Asia/Shanghai', 30,
              CASE WHEN ${startOf} + 7200 < ${nowSecs} THEN ${sql.enumOf("EventStatus", "completed")} ELSE ${sql.enumOf("EventStatus", "published")} END,
              "i" % 100 = 1, ${sql.time(`${startOf} - 30 * ${DAY}`)}, ${sql.time(`${startOf} - 30 * ${DAY}`)}
       FROM ${sql.series(events)} n`,
    ),
  );
  await timed("campaign organisers", () =>
    sql.exec(
      `INSERT INTO "EventOrganiser" ("eventId", "position", "name", "organisationId")
       SELECT e."id", 0, o."name", o."id" FROM "Event" e JOIN "Organisation" o ON o."id" = e."organisationId"
       WHERE e."campaignId" = 1`,
    ),
  );
  const perEvent = Math.max(1, Math.round(signups / events));
  // each sign-up changed 1–20 days before its event (so every day has its sign-ups and cancellations)
  const changedAt =
    sql.kind === "sqlite"
      ? sql.time(`strftime('%s', substr(e."startsAt", 1, 19)) - (1 + (e."id" * 7 + k."i") % 20) * ${DAY}`)
      : `e."startsAt" - make_interval(days => (1 + (e."id" * 7 + k."i") % 20)::int)`;
  await timed(`sign-ups (${(perEvent * events).toLocaleString("en")})`, () =>
    sql.exec(
      `INSERT INTO "Signup" ("eventId", "userId", "status", "seq", "createdAt", "updatedAt")
       SELECT e."id", ((e."id" * ${perEvent} + k."i") % ${users}) + 1,
              CASE WHEN k."i" = ${perEvent} AND e."id" % 3 = 0 THEN ${sql.enumOf("SignupStatus", "cancelled")} ELSE ${sql.enumOf("SignupStatus", "confirmed")} END,
              k."i", ${changedAt}, ${changedAt}
       FROM "Event" e CROSS JOIN ${sql.series(perEvent)} k`,
    ),
  );
  await timed(`indexes of the sign-ups and events again (${indexes.length})`, async () => {
    for (const definition of indexes) await sql.exec(definition);
  });
  const group = (i: string) => `-1000000000000 - ${i}`;
  await timed(`groups (${groups.toLocaleString("en")})`, () =>
    sql.exec(
      `INSERT INTO "Chat" ("id", "type", "title", "organisationId", "createdAt", "updatedAt")
       SELECT ${group(`"i"`)}, 'supergroup', '群 ' || "i",
              CASE WHEN "i" = 1 THEN 1 WHEN "i" = 2 THEN ${t.firstDistrict} ELSE ${t.firstOrg} + ("i" % ${t.leaves}) END,
              ${stamp}, ${stamp}
       FROM ${sql.series(Math.min(groups, sizes.orgs))} n`,
    ),
  );
  if (sql.kind === "postgresql") {
    await sql.exec(`SET session_replication_role = DEFAULT`);
    for (const table of ["Organisation", "User", "Campaign", "Event", "EventOrganiser", "Signup"]) {
      await sql
        .exec(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`)
        .catch(
          () => undefined, // tables keyed by something else
        );
    }
    await timed("VACUUM ANALYZE (what autovacuum does after a bulk load)", () => sql.exec("VACUUM ANALYZE"));
    const tag = `${sizes.orgs}-${sizes.events}-${sizes.signups}-${sizes.groups}`;
    await sql.exec(`COMMENT ON TABLE "Organisation" IS '${tag}'`);
  } else {
    await sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function measure(label: string, budgetMs: number, times: number, step: () => Promise<void>) {
  for (let i = 0; i < Math.min(3, times); i++) await step(); // warm-up: Prisma's query compiler, caches
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await step();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const p50 = quantile(ms, 0.5);
  const verdict = p50 < budgetMs ? "PASS" : "FAIL";
  console.log(
    `  ${verdict}  ${label.padEnd(44)} median ${p50.toFixed(1).padStart(7)} ms  p95 ${quantile(ms, 0.95).toFixed(1).padStart(7)} ms  (budget < ${budgetMs} ms, ${times} runs)`,
  );
  return verdict;
}

async function run(kind: DatabaseKind) {
  console.log(`\n${kind}: ${JSON.stringify(sizes)}`);
  const { url, fresh } = await prepareDatabase(kind);
  if (fresh) {
    const sql = await sqlFor(kind, url);
    try {
      await generate(sql);
    } finally {
      await sql.close();
    }
  } else console.log("  (reusing the data generated before)");
  const config = parseConfig({ BOT_TOKEN: TEST_BOT_TOKEN, DATABASE_URL: url, LOG_LEVEL: "silent" });
  const app = await createApp({
    config,
    logger: pino({ level: "silent" }),
    botInfo: TEST_BOT,
    now: () => NOW,
    flood: false,
  });
  const replies: string[] = [];
  // the Bot API answered in-process: the figures are the bot's own
  app.bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as { chat_id: number; text?: string };
    if (method === "sendMessage") replies.push(p.text ?? "");
    const chat = { id: p.chat_id, type: "supergroup", title: "g" };
    return {
      ok: true,
      result: method === "sendMessage" ? { message_id: 1, date: 0, chat, text: p.text } : true,
    } as never;
  });
  const cityGroup = -1_000_000_000_001;
  const districtGroup = -1_000_000_000_002;
  let updateId = Math.floor(Date.now() / 1000) * 1000;
  const command = (chatId: number, text: string): Update => ({
    update_id: updateId++,
    message: {
      message_id: updateId % 1_000_000,
      date: Math.floor(NOW.getTime() / 1000),
      chat: { id: chatId, type: "supergroup", title: "g" },
      from: { id: 42, is_bot: false, first_name: "王芳" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? text.length }],
    },
  });
  const answered = async (chatId: number, text: string) => {
    const before = replies.length;
    await app.bot.handleUpdate(command(chatId, text));
    if (replies.length === before) throw new Error(`no answer to ${text}`);
  };
  const verdicts: string[] = [];
  // what any command costs in the bot (middleware: the person and the chat remembered, the update recorded)
  await measure("(baseline: /help in the city hub's group)", Number.POSITIVE_INFINITY, runs, () =>
    answered(cityGroup, "/help"),
  );
  verdicts.push(await measure("/events in the city hub's group", 50, runs, () => answered(cityGroup, "/events")));
  console.log(`        ${replies.at(-1)?.split("\n")[0]}`);
  verdicts.push(
    await measure("/campaign in a district hub's group", 100, runs, () => answered(districtGroup, "/campaign")),
  );
  console.log(`        ${replies.at(-1)?.split("\n")[0]}`);
  const v = { ...app.services.presenter.viewContext("zh-CN") };
  let summary = "";
  verdicts.push(
    await measure("daily summary of the city hub", 200, runs, async () => {
      const report = await app.services.summaries.report(BigInt(cityGroup), NOW, new Date(NOW.getTime() - DAY * 1000));
      if (!report) throw new Error("no summary");
      summary = summaryText(report, v);
    }),
  );
  console.log(`        ${summary.split("\n").slice(2, 3).join(" ")} … (${summary.length} characters)`);
  const db = app.services.database.prisma;
  let planned = 0;
  verdicts.push(
    await measure(
      `planning the daily summaries of ${Math.min(sizes.groups, sizes.orgs).toLocaleString("en")} groups`,
      5000,
      Math.min(runs, 5),
      async () => {
        await db.delivery.deleteMany({ where: { kind: "summary" } });
        const planner = new SummaryPlanner({ db, outbox: app.services.outbox });
        planned = await planner.sweep(NOW);
      },
    ),
  );
  console.log(`        ${planned.toLocaleString("en")} summaries planned (today's and tomorrow's)`);
  await app.stop();
  return verdicts;
}

const all: string[] = [];
for (const kind of kinds) all.push(...(await run(kind)));
console.log(`\n${all.filter((v) => v === "PASS").length}/${all.length} within budget`);
process.exit(0);

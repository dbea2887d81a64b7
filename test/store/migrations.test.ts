import { execFileSync } from "node:child_process";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../src/store/database.ts";
import { loadMigrations, migrate } from "../../src/store/migrator.ts";
import { createThrowawayDatabase, databaseKinds, type ThrowawayDatabase } from "../support/databases.ts";

const prismaCli = join("node_modules", "prisma", "build", "index.js");
const schemas: Record<DatabaseKind, string> = {
  sqlite: "prisma/schema.prisma",
  postgresql: "prisma/postgresql/schema.prisma",
};

/** The SQL that creates the current schema from nothing, as Prisma writes it. */
function schemaSql(kind: DatabaseKind, url: string): string {
  return execFileSync(
    process.execPath,
    [prismaCli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", schemas[kind], "--script"],
    { env: { ...process.env, DATABASE_URL: url, YIQI_PRISMA_PROVIDER: kind }, stdio: ["ignore", "pipe", "ignore"] },
  ).toString();
}

/**
 * Tables, columns (type, nullability, default), indexes and enums: what a drift would change.
 * Triggers and functions exist only in migrations (Prisma's schema cannot say them); their
 * behaviour is tested where it shows (cards follow sign-ups: test/faults/cards.test.ts).
 */
async function catalogue(kind: DatabaseKind, url: string): Promise<unknown> {
  if (kind === "sqlite") {
    const db = new BetterSqlite3(url.replace(/^file:/, ""));
    const rows = db
      .prepare(
        `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' AND type != 'trigger' ORDER BY name`,
      )
      .all() as { sql: string | null }[];
    db.close();
    // the statements up to white space: SQLite's ADD COLUMN writes the new column after ", " where Prisma
    // would break the line (a table with triggers gains a column that way rather than by a rebuild)
    return rows.map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, " ") ?? null }));
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = async (sql: string) => (await client.query(sql)).rows;
  try {
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_prisma_migrations'
      ORDER BY table_name, column_name`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
      AND tablename != '_prisma_migrations' ORDER BY indexname`),
      constraints: await q(`SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conname != '_prisma_migrations_pkey' ORDER BY conname`),
      enums: await q(
        `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`,
      ),
    };
  } finally {
    await client.end();
  }
}

async function applyScript(kind: DatabaseKind, url: string, sql: string): Promise<void> {
  if (kind === "sqlite") {
    const db = new BetterSqlite3(url.replace(/^file:/, ""));
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe.each(databaseKinds)("migrations on %s", (kind) => {
  const dbs: ThrowawayDatabase[] = [];
  const fresh = async () => {
    const d = await createThrowawayDatabase(kind);
    dbs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dbs) await d.drop();
  });

  it("match the Prisma schema exactly (no drift)", async () => {
    const viaMigrations = await fresh();
    await migrate(viaMigrations.url);
    const viaSchema = await fresh();
    await applyScript(kind, viaSchema.url, schemaSql(kind, viaSchema.url));
    expect(await catalogue(kind, viaMigrations.url)).toEqual(await catalogue(kind, viaSchema.url));
  });

  it("are recorded Prisma-style and applied once", async () => {
    const d = await fresh();
    const first = await migrate(d.url);
    expect(first.applied).toEqual(loadMigrations(kind).map((m) => m.name));
    const second = await migrate(d.url);
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
  });

  it("two instances starting at once apply each migration once", async () => {
    const d = await fresh();
    const [a, b] = await Promise.all([migrate(d.url), migrate(d.url)]);
    expect(a.applied.length + b.applied.length).toBe(loadMigrations(kind).length);
  });
});

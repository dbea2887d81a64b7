import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, type DatabaseKind, openDatabase } from "../../src/store/database.ts";
import { migrate } from "../../src/store/migrator.ts";

/** The PostgreSQL server tests use (CI starts it); override with TEST_POSTGRES_URL. */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Both databases every data-access test runs against. */
export const databaseKinds: DatabaseKind[] = ["sqlite", "postgresql"];

export interface ThrowawayDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a temp SQLite file or a new PostgreSQL database. */
export async function createThrowawayDatabase(kind: DatabaseKind): Promise<ThrowawayDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "yiqi-test-"));
    return {
      kind,
      url: `file:${join(dir, "test.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `yiqi_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated throw-away database with an open Prisma client. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database & { url: string; drop(): Promise<void> }> {
  const throwaway = await createThrowawayDatabase(kind);
  await migrate(throwaway.url);
  const database = await openDatabase(throwaway.url);
  return {
    ...database,
    url: throwaway.url,
    async drop() {
      await database.close();
      await throwaway.drop();
    },
  };
}

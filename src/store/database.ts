import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import BetterSqlite3 from "better-sqlite3";
import type { CardPath } from "./card-path.ts";
import type { Db } from "./client.ts";
import { postgresDialect, type SqlDialect, sqliteDialect } from "./dialect.ts";
import { PostgresCardPath } from "./postgres-card-path.ts";
import { PostgresTapPath } from "./postgres-tap-path.ts";
import { SqliteCardPath } from "./sqlite-card-path.ts";
import { SAFETY_NET_PAGES, SqliteCheckpointer } from "./sqlite-checkpointer.ts";
import { sqliteFilePath } from "./sqlite-path.ts";
import { SqliteTapPath } from "./sqlite-tap-path.ts";
import type { TapPath } from "./tap-path.ts";

export type { Db, DbTransaction } from "./client.ts";
export type { SqlDialect } from "./dialect.ts";
export type DatabaseKind = "sqlite" | "postgresql";

export interface Database {
  /** which database this is, for logs and tests; code whose SQL differs asks `dialect` */
  kind: DatabaseKind;
  prisma: Db;
  /** the hand-written SQL that differs between the databases (see dialect.ts) */
  dialect: SqlDialect;
  /** the sign-up tap in one or two statements (see tap-path.ts) */
  tapPath: TapPath;
  /** what the card refresher reads and writes each flush, in as few statements (see card-path.ts) */
  cardPath: CardPath;
  close(): Promise<void>;
}

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/**
 * The better-sqlite3 connection behind Prisma's SQLite adapter, for the
 * prepared-statement tap path. @prisma/adapter-better-sqlite3 6.19 keeps it in
 * the adapter's `client` field, which its types do not declare; this reads it
 * only if it is there and really is a better-sqlite3 connection (the adapter
 * loads the same better-sqlite3 module, see `overrides` in package.json).
 */
function connectionOf(adapter: SqlDriverAdapter): BetterSqlite3.Database | undefined {
  if (!("client" in adapter)) return undefined;
  const client: unknown = adapter.client;
  return client instanceof BetterSqlite3 ? client : undefined;
}

// Each database's Prisma client and driver adapter are loaded only when that database is opened:
// a process holds one generated client in memory, not both (issue 12).

async function openSqlite(url: string, onError?: (message: string) => void): Promise<Database> {
  const [{ PrismaBetterSQLite3 }, { PrismaClient: SqliteClient }] = await Promise.all([
    import("@prisma/adapter-better-sqlite3"),
    import("../generated/sqlite/client.ts"),
  ]);
  // WAL + busy timeout let another process (the CLI, a migration) share the file.
  const path = sqliteFilePath(url);
  const factory = new PrismaBetterSQLite3({ url: `file:${path}`, timeout: 10_000 });
  let connection: BetterSqlite3.Database | undefined;
  const adapter: SqlDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const opened = await factory.connect();
      connection = connectionOf(opened);
      return opened;
    },
  };
  const prisma: Db = new SqliteClient({ adapter });
  await prisma.$executeRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await prisma.$executeRawUnsafe(`PRAGMA wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  const checkpointer = path === ":memory:" ? undefined : new SqliteCheckpointer(path, (m) => onError?.(m));
  await prisma.$connect();
  if (!connection) {
    await checkpointer?.stop();
    await prisma.$disconnect();
    throw new Error("the SQLite driver adapter did not expose its connection (unexpected Prisma version)");
  }
  const tapPath = new SqliteTapPath(connection);
  return {
    kind: "sqlite",
    prisma,
    dialect: sqliteDialect,
    tapPath,
    cardPath: new SqliteCardPath(connection, (work) => tapPath.inBatch(work)),
    async close() {
      await checkpointer?.stop();
      await prisma.$disconnect();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const [{ PrismaPg }, { PrismaClient: PgClient }, { default: pg }] = await Promise.all([
    import("@prisma/adapter-pg"),
    import("../generated/postgresql/client.ts"),
    import("pg"),
  ]);
  // JIT off for every connection: the planner's cost of a scope filter over the closure table (a correlated
  // subplan per row) passes jit_above_cost, and compiling it took ~480 ms of a 6 ms /campaign statement.
  // One pool for Prisma and the tap path's own statements; Prisma's adapter ends it on disconnect.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    onConnect: async (client) => {
      await client.query("SET jit = off");
    },
  });
  const prisma: Db = new PgClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  await prisma.$connect();
  return {
    kind: "postgresql",
    prisma,
    dialect: postgresDialect,
    tapPath: new PostgresTapPath(pool),
    cardPath: new PostgresCardPath(pool),
    close: () => prisma.$disconnect(),
  };
}

/** Opens a Prisma client for the URL's database through the matching driver adapter. */
export function openDatabase(url: string, onError?: (message: string) => void): Promise<Database> {
  return databaseKind(url) === "sqlite" ? openSqlite(url, onError) : openPostgres(url);
}

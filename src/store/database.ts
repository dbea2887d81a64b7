import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import { PrismaClient as PgClient } from "../generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import { PostgresTapPath } from "./postgres-tap-path.ts";
import { SAFETY_NET_PAGES, SqliteCheckpointer } from "./sqlite-checkpointer.ts";
import { sqliteFilePath } from "./sqlite-path.ts";
import { SqliteTapPath } from "./sqlite-tap-path.ts";
import type { TapPath } from "./tap-path.ts";

/**
 * The Prisma client type the app is written against. The two generated clients
 * (SQLite and PostgreSQL) come from one schema and share this shape.
 */
export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  prisma: Db;
  /** the sign-up tap in one or two statements (see tap-path.ts) */
  tapPath: TapPath;
  close(): Promise<void>;
}

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

function tapPathFor(kind: DatabaseKind, prisma: Db, connection: BetterSqlite3.Database | undefined): TapPath {
  if (kind === "postgresql") return new PostgresTapPath(prisma);
  // Pinned to @prisma/adapter-better-sqlite3 6.19, whose adapter exposes its connection as `client`.
  if (!connection)
    throw new Error("the SQLite driver adapter did not expose its connection (unexpected Prisma version)");
  return new SqliteTapPath(connection);
}

/** Opens a Prisma client for the URL's database through the matching driver adapter. */
export async function openDatabase(url: string, onError?: (message: string) => void): Promise<Database> {
  const kind = databaseKind(url);
  let prisma: Db;
  let connection: BetterSqlite3.Database | undefined;
  let checkpointer: SqliteCheckpointer | undefined;
  if (kind === "sqlite") {
    // WAL + busy timeout let another process (the CLI, a migration) share the file.
    const factory = new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
    // Keep a handle on the connection Prisma opens, for the prepared-statement tap path.
    const adapter: SqlDriverAdapterFactory = {
      provider: factory.provider,
      adapterName: factory.adapterName,
      async connect() {
        const opened = await factory.connect();
        const client = (opened as unknown as { client?: BetterSqlite3.Database }).client;
        if (client && typeof client.prepare === "function") connection = client;
        return opened;
      },
    };
    prisma = new SqliteClient({ adapter });
    await prisma.$executeRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
    await prisma.$executeRawUnsafe(`PRAGMA wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    const path = sqliteFilePath(url);
    if (path !== ":memory:") checkpointer = new SqliteCheckpointer(path, (message) => onError?.(message));
  } else {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    prisma = new PgClient({ adapter }) as unknown as Db;
  }
  await prisma.$connect();
  return {
    kind,
    prisma,
    tapPath: tapPathFor(kind, prisma, connection),
    async close() {
      await checkpointer?.stop();
      await prisma.$disconnect();
    },
  };
}

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PgClient } from "../generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import { sqliteFilePath } from "./sqlite-path.ts";

/**
 * The Prisma client type the app is written against. The two generated clients
 * (SQLite and PostgreSQL) come from one schema and share this shape.
 */
export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  prisma: Db;
  close(): Promise<void>;
}

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Opens a Prisma client for the URL's database through the matching driver adapter. */
export async function openDatabase(url: string): Promise<Database> {
  const kind = databaseKind(url);
  let prisma: Db;
  if (kind === "sqlite") {
    // WAL + busy timeout let the scheduler and the bot write concurrently.
    const adapter = new PrismaBetterSQLite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 });
    prisma = new SqliteClient({ adapter });
    await prisma.$executeRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  } else {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    prisma = new PgClient({ adapter }) as unknown as Db;
  }
  await prisma.$connect();
  return {
    kind,
    prisma,
    close: () => prisma.$disconnect(),
  };
}

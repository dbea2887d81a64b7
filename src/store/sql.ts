/**
 * Prisma's tagged SQL templates, from Prisma's runtime rather than from a generated client, so
 * code that writes SQL for both databases does not load the SQLite client on PostgreSQL (each
 * generated client is loaded only by the database that uses it: see database.ts).
 */
import { empty, join, raw, type Sql, sqltag } from "@prisma/client/runtime/client";

export const Prisma = { sql: sqltag, join, raw, empty };
export type { Sql };

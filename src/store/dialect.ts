import type { $Enums } from "../generated/sqlite/client.ts";
import type { DbTransaction } from "./client.ts";
import { Prisma, type Sql } from "./sql.ts";

/** The database's enum types and their values (the schema's enums; on SQLite they are plain text). */
export interface DbEnums {
  DeliveryStatus: $Enums.DeliveryStatus;
  EventStatus: $Enums.EventStatus;
  SignupStatus: $Enums.SignupStatus;
  TimePrecision: $Enums.TimePrecision;
  OrgKind: $Enums.OrgKind;
}

/**
 * What differs between SQLite and PostgreSQL in the SQL the app writes by
 * hand. Chosen once in `openDatabase` and exposed on `Database`; services and
 * the outbox take it instead of asking which database they run on.
 */
export interface SqlDialect {
  readonly name: "sqlite" | "postgresql";
  /**
   * Serialises the sign-up changes of one event inside `tx`. PostgreSQL: the
   * event's row lock (`FOR UPDATE`). SQLite: nothing to do, its one writer at a
   * time already runs transactions one after the other.
   */
  lockEvent(tx: DbTransaction, eventId: number): Promise<void>;
  /** A literal of one of the schema's enums, typed where the database needs it (`'sent'::"DeliveryStatus"`). */
  enumValue<E extends keyof DbEnums>(type: E, value: DbEnums[E]): Sql;
  /** Appended to a `SELECT … FOR UPDATE` claim so concurrent claimers skip each other's rows; empty on SQLite. */
  readonly skipLocked: Sql;
  /**
   * After a table in FROM: read it through this index. SQLite reads a row found by its id from the table itself
   * even when a narrow index holds everything the statement needs (a wide table such as "Event": the events of
   * a day's 14,000 sign-ups are found 2.5× faster in its (id, organisationId) index); empty on PostgreSQL,
   * whose planner reads the narrow index by itself.
   */
  indexedBy(index: string): Sql;
}

/**
 * Enum names and values (and index names) are identifiers from the schema, never user input; checked anyway
 * before going into SQL.
 */
function literal(value: string): string {
  if (!/^[A-Za-z_]+$/.test(value)) throw new Error(`not an enum literal: ${value}`);
  return value;
}

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  async lockEvent() {},
  enumValue: (_type, value) => Prisma.raw(`'${literal(value)}'`),
  skipLocked: Prisma.empty,
  indexedBy: (index) => Prisma.raw(`INDEXED BY "${literal(index)}"`),
};

export const postgresDialect: SqlDialect = {
  name: "postgresql",
  async lockEvent(tx, eventId) {
    await tx.$queryRaw`SELECT "id" FROM "Event" WHERE "id" = ${eventId} FOR UPDATE`;
  },
  enumValue: (type, value) => Prisma.raw(`'${literal(value)}'::"${literal(type)}"`),
  skipLocked: Prisma.raw("FOR UPDATE SKIP LOCKED"),
  indexedBy: () => Prisma.empty,
};

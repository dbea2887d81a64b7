import type { Prisma, PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";

/**
 * The Prisma client the app is written against: the part of the API that the
 * SQLite and the PostgreSQL generated clients both have, written so the
 * compiler checks that both are assignable to it (database.ts assigns each
 * without a cast).
 *
 * The two clients come from one schema, so their model delegates take the
 * same arguments (PostgreSQL's accept a little more, e.g. `mode:
 * "insensitive"`) and return the same rows; the SQLite client's signatures
 * are used. What the compiler cannot relate across the two generated
 * namespaces is left out or narrowed:
 * - `groupBy` and `aggregate`: their generic conditional types are declared
 *   once per namespace and TypeScript cannot prove them equal. `groupBy` is
 *   kept in the one form the app uses, counting rows by some columns;
 *   `aggregate` is not used.
 * - `$transaction`: the isolation levels differ by provider; the two forms
 *   the app uses (a batch, an interactive transaction with timeouts) are
 *   declared here.
 * - `$on` and `$extends` (logging hooks, client extensions): not used.
 */
type Models = Prisma.TypeMap["model"];
type ModelName = Prisma.ModelName;
type Scalars<N extends ModelName> = Models[N]["payload"]["scalars"];
type WhereOf<N extends ModelName> = Models[N]["operations"]["findMany"]["args"]["where"];
type SqliteDelegate<N extends ModelName> = SqliteClient[Uncapitalize<N>];

/** `groupBy` as the app uses it: rows counted per combination of some columns. */
export interface CountBy<N extends ModelName> {
  groupBy<K extends keyof Scalars<N>>(args: {
    by: K[];
    where?: WhereOf<N>;
    _count: { _all: true };
  }): Prisma.PrismaPromise<(Pick<Scalars<N>, K> & { _count: { _all: number } })[]>;
}

type Delegate<N extends ModelName> = Pick<
  SqliteDelegate<N>,
  Exclude<keyof SqliteDelegate<N>, symbol | "groupBy" | "aggregate">
> &
  CountBy<N>;

type Delegates = { [N in ModelName as Uncapitalize<N>]: Delegate<N> };

type RawQueries = Pick<SqliteClient, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The client inside an interactive transaction: every model and raw queries, no nested transactions. */
export interface DbTransaction extends Delegates, RawQueries {}

export interface Db extends Delegates, RawQueries {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  /** Runs the queries in one transaction, in order. */
  $transaction<P extends Prisma.PrismaPromise<unknown>[]>(batch: [...P]): Promise<{ [I in keyof P]: Awaited<P[I]> }>;
  /** An interactive transaction (kept last: `Parameters<Db["$transaction"]>` reads this form). */
  $transaction<R>(
    work: (tx: DbTransaction) => Promise<R>,
    options?: { maxWait?: number; timeout?: number },
  ): Promise<R>;
}

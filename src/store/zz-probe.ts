import type { PrismaClient as PgClient } from "../generated/postgresql/client.ts";
import type { Prisma, PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";

type Models = Prisma.TypeMap["model"];
type ModelName = Prisma.ModelName;
type DelegateKey<N extends ModelName> = Uncapitalize<N>;
type Scalars<N extends ModelName> = Models[N]["payload"]["scalars"];
type Where<N extends ModelName> = Models[N]["operations"]["findMany"]["args"]["where"];

interface CountBy<N extends ModelName> {
  groupBy<K extends keyof Scalars<N>>(args: {
    by: K[];
    where?: Where<N>;
    _count: { _all: true };
  }): Prisma.PrismaPromise<(Pick<Scalars<N>, K> & { _count: { _all: string } })[]>;
}
type Unprovable = "groupBy" | "aggregate";
type Delegate<N extends ModelName> = Pick<SqliteClient[DelegateKey<N>], Exclude<keyof SqliteClient[DelegateKey<N>], symbol | Unprovable>> & CountBy<N>;
type Delegates = { [N in ModelName as DelegateKey<N>]: Delegate<N> };

type Raw = Pick<SqliteClient, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;
export type DbTransaction = Delegates & Raw;
export interface Db extends Delegates, Raw {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  $transaction<P extends Prisma.PrismaPromise<unknown>[]>(batch: [...P]): Promise<{ [I in keyof P]: Awaited<P[I]> }>;
  $transaction<R>(work: (tx: DbTransaction) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

declare const pg: PgClient;
declare const sq: SqliteClient;
export const a: Db = pg;
export const b: Db = sq;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
declare const tx: Tx;
export const c: DbTransaction = tx;
export async function use(db: Db) {
  const r = await db.signup.groupBy({ by: ["eventId", "status"], where: { eventId: { in: [1] } }, _count: { _all: true } });
  const n: number = r[0]?._count._all ?? 0;
  const s: "confirmed" | "waitlisted" | "cancelled" | "attended" | "no_show" | undefined = r[0]?.status;
  const [x, y] = await db.$transaction([db.event.count(), db.user.findMany()]);
  const z = await db.$transaction(async (t) => t.event.findFirst({ select: { id: true } }));
  return [n, s, x, y, z?.id];
}
interface Wrong { event: { findMany(args: { where?: Prisma.EventWhereInput }): Prisma.PrismaPromise<{ id: string }[]> } }
export const w: Wrong = pg;
interface Wrong2 { event: { count(args: { where?: Prisma.EventWhereInput }): Prisma.PrismaPromise<string> } }
export const w2: Wrong2 = pg;

import type { Db } from "../store/database.ts";

/**
 * A claim runs this long unless renewed; the handler's instance renews it every third of it, so only the claim
 * of an instance that died (or hung) runs out, and a redelivery then handles the update again.
 */
export const UPDATE_LEASE_MS = 15_000;

/** What `claim` found. */
export type Claim =
  /** this instance handles the update now; `steps` are what an earlier, interrupted attempt already did */
  | { kind: "claimed"; steps: Record<string, unknown> }
  /** handled before (by this or another instance): skip it */
  | { kind: "done" }
  /** another instance is handling it right now (its lease runs until `leaseUntil`) */
  | { kind: "busy"; leaseUntil: Date };

function parseSteps(text: unknown): Record<string, unknown> {
  if (typeof text !== "string" || text === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  } catch {
    return {};
  }
}

/**
 * Which updates are handled, across all instances (the table is shared): an instance claims an update before
 * handling it (`handling`, with a lease) and marks it `done` after. A redelivery of a done update is skipped;
 * a redelivery while another live instance handles it waits for that one; a redelivery after the handling
 * instance died (its lease ran out) is handled again — a crash mid-update means Telegram delivers it again and
 * it is applied, not lost. Work that must not happen twice in such a retry is a `step`: its result is kept
 * with the claim, and the retry takes the result instead of doing it again.
 */
export class ProcessedUpdates {
  /** bookkeeping statements not yet answered (stopping waits for them before the database closes) */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Db,
    /** this process, as its claims name it (unique even when two hosts run the same process id) */
    readonly instanceId: string,
  ) {}

  /** Claims the update for this instance (new, or a claim whose lease ran out), or says why not. */
  async claim(updateId: number, now: Date): Promise<Claim> {
    const id = BigInt(updateId);
    const leaseUntil = new Date(now.getTime() + UPDATE_LEASE_MS);
    const claimed = await this.db.$queryRaw<{ steps: string | null }[]>`
      INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "status", "claimedBy", "leaseUntil")
      VALUES (${id}, ${now}, 'handling', ${this.instanceId}, ${leaseUntil})
      ON CONFLICT ("updateId") DO UPDATE
        SET "status" = 'handling', "claimedBy" = ${this.instanceId}, "leaseUntil" = ${leaseUntil}
        WHERE "ProcessedUpdate"."status" = 'handling' AND "ProcessedUpdate"."leaseUntil" < ${now}
      RETURNING "steps"`;
    const [row] = claimed;
    if (row) return { kind: "claimed", steps: parseSteps(row.steps) };
    const existing = await this.db.processedUpdate.findUnique({ where: { updateId: id } });
    if (!existing) return this.claim(updateId, now); // pruned in between: as if new
    if (existing.status === "handling" && existing.leaseUntil) return { kind: "busy", leaseUntil: existing.leaseUntil };
    return { kind: "done" };
  }

  /** The handler still runs: its lease runs from `now`. */
  async renew(updateId: number, now: Date): Promise<void> {
    await this.db.processedUpdate.updateMany({
      where: { updateId: BigInt(updateId), claimedBy: this.instanceId, status: "handling" },
      data: { leaseUntil: new Date(now.getTime() + UPDATE_LEASE_MS) },
    });
  }

  /** Keeps what a step returned with the claim (a retry after a crash takes it instead of doing the step again). */
  async recordSteps(updateId: number, steps: Record<string, unknown>): Promise<void> {
    await this.db.processedUpdate.updateMany({
      where: { updateId: BigInt(updateId), claimedBy: this.instanceId, status: "handling" },
      data: { steps: JSON.stringify(steps) },
    });
  }

  /** Handled: a redelivery from now on is skipped. */
  async done(updateId: number): Promise<void> {
    await this.track(
      this.db.processedUpdate.updateMany({
        where: { updateId: BigInt(updateId), claimedBy: this.instanceId },
        data: { status: "done", leaseUntil: null, steps: null },
      }),
    );
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  /** Waits for the bookkeeping under way (an update's `done` after its last answer went out). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }
}

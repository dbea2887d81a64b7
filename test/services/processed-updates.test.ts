import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProcessedUpdates, UPDATE_LEASE_MS } from "../../src/services/processed-updates.ts";
import { databaseKinds, openTestDatabase } from "../support/databases.ts";

const now = new Date("2026-07-30T00:00:00Z");
const later = (ms: number) => new Date(now.getTime() + ms);

describe.each(databaseKinds)("claims on updates, two instances on one %s database", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let a: ProcessedUpdates;
  let b: ProcessedUpdates;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    a = new ProcessedUpdates(db.prisma, "a");
    b = new ProcessedUpdates(db.prisma, "b");
  });
  afterAll(() => db?.drop());

  it("one claims, the other waits while it handles, and skips it once it is done", async () => {
    expect(await a.claim(1, now)).toEqual({ kind: "claimed", steps: {} });
    expect(await b.claim(1, later(1000))).toEqual({ kind: "busy", leaseUntil: later(UPDATE_LEASE_MS) });
    await a.done(1);
    expect(await b.claim(1, later(2000))).toEqual({ kind: "done" });
    // long after, when the lease would have run out, a done update is still skipped
    expect(await b.claim(1, later(10 * UPDATE_LEASE_MS))).toEqual({ kind: "done" });
  });

  it("a claim whose instance stopped renewing runs out: the other takes it over, with the steps already done", async () => {
    await a.claim(2, now);
    await a.recordSteps(2, { createEvent: 42 });
    await a.renew(2, later(UPDATE_LEASE_MS - 1000)); // still alive here
    expect((await b.claim(2, later(UPDATE_LEASE_MS + 500))).kind).toBe("busy");
    // a dies: its lease runs out
    expect(await b.claim(2, later(2 * UPDATE_LEASE_MS))).toEqual({ kind: "claimed", steps: { createEvent: 42 } });
    // a's late bookkeeping does not touch b's claim
    await a.done(2);
    expect((await a.claim(2, later(2 * UPDATE_LEASE_MS + 1000))).kind).toBe("busy");
    await b.done(2);
    expect((await a.claim(2, later(3 * UPDATE_LEASE_MS))).kind).toBe("done");
  });

  it("two claims of a new update at the same moment: exactly one gets it", async () => {
    const claims = await Promise.all([a.claim(3, now), b.claim(3, now), a.claim(3, now), b.claim(3, now)]);
    expect(claims.filter((c) => c.kind === "claimed")).toHaveLength(1);
  });
});

import type { Claim, ProcessedUpdates } from "../services/processed-updates.ts";
import { UPDATE_LEASE_MS } from "../services/processed-updates.ts";
import { decodeCallback } from "../views/callback-data.ts";
import type { YiqiContext } from "./context.ts";

/**
 * How long a redelivered update waits for the instance still handling it (within the webhook's 50 s answer);
 * a claim whose instance died runs out within `UPDATE_LEASE_MS`, well before.
 */
const WAIT_MS = 40_000;
const POLL_MS = 200;

/** Runs work without a claim (a sign-up tap, or an update that is not claimed): every step just runs. */
export const unclaimed: YiqiContext["step"] = (_name, work) => work();

/**
 * A sign-up tap is applied by one statement that is idempotent (the same person on the same event is signed up
 * once, whoever handles the tap how often), so it skips the claim's two extra statements: it is the hot path.
 */
function idempotentByConstruction(ctx: YiqiContext): boolean {
  return decodeCallback(ctx.callbackQuery?.data)?.action === "signUp";
}

/** Claims the update, waiting while another live instance handles it; null when it must be skipped. */
async function acquire(
  updates: ProcessedUpdates,
  ctx: YiqiContext,
): Promise<Extract<Claim, { kind: "claimed" }> | null> {
  const deadline = Date.now() + WAIT_MS;
  let waited = false;
  for (;;) {
    const claim = await updates.claim(ctx.update.update_id, ctx.services.now());
    if (claim.kind === "claimed") {
      if (waited || Object.keys(claim.steps).length > 0)
        ctx.log.info("update taken over from an instance that stopped");
      return claim;
    }
    if (claim.kind === "done") {
      ctx.log.info("update already processed; skipped");
      return null;
    }
    if (Date.now() >= deadline) {
      // the other instance is alive (it renews its lease) and will finish it
      ctx.log.warn("update still being handled by another instance; skipped here");
      return null;
    }
    if (!waited) ctx.log.info("update being handled by another instance; waiting for it");
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Handles the update once across instances (services/processed-updates.ts): claimed before, marked done after;
 * the lease is renewed while the handler runs. `ctx.step` keeps what a step returned with the claim, so a
 * retry after a crash takes it instead of doing the step again. Returns false when the update was skipped.
 */
export async function handleOnce(ctx: YiqiContext, handle: () => Promise<void>): Promise<boolean> {
  const updates = ctx.services.processedUpdates;
  if (idempotentByConstruction(ctx)) {
    ctx.step = unclaimed;
    await handle();
    return true;
  }
  const claim = await acquire(updates, ctx);
  if (!claim) return false;
  const id = ctx.update.update_id;
  const steps = claim.steps;
  ctx.step = async (name, work) => {
    if (name in steps) return steps[name] as Awaited<ReturnType<typeof work>>;
    const result = await work();
    steps[name] = result;
    await updates.recordSteps(id, steps);
    return result;
  };
  const renew = setInterval(() => {
    updates
      .renew(id, ctx.services.now())
      .catch((error: unknown) => ctx.log.warn({ err: error }, "could not renew a claim"));
  }, UPDATE_LEASE_MS / 3);
  renew.unref?.();
  try {
    await handle();
  } finally {
    clearInterval(renew);
    await updates.done(id).catch((error: unknown) => ctx.log.warn({ err: error }, "could not mark the update handled"));
  }
  return true;
}

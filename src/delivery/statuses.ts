import type { $Enums } from "../generated/sqlite/client.ts";

/**
 * Where a delivery is in its life: `pending` (waiting for its due time or its
 * turn), `sending` (claimed by a sender), then one of the finished statuses:
 * `sent`; `failed` (refused by Telegram, given up after retries, or
 * interrupted mid-send for an at-most-once kind); `missed` (no longer useful
 * when its turn came); `skipped` (the chat blocked or removed the bot);
 * `dropped` (no longer relevant: replanned, cancelled, or rendered to nothing).
 */
export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "missed", "skipped", "dropped"] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type OpenStatus = "pending" | "sending";
export type FinishedStatus = Exclude<DeliveryStatus, OpenStatus>;

/** Statuses a delivery never leaves (kept for a while, then pruned by housekeeping). */
export const FINISHED_STATUSES: readonly FinishedStatus[] = DELIVERY_STATUSES.filter(
  (s): s is FinishedStatus => s !== "pending" && s !== "sending",
);

// The list is the schema's `DeliveryStatus` enum, no more and no less (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const matchesSchema: Same<DeliveryStatus, $Enums.DeliveryStatus> = true;
void matchesSchema;

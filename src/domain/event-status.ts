/** Statuses of an event that still takes place: listed, reminded, counted in summaries and exports. */
export const LIVE_STATUSES = ["published", "closed"] as const;

export type LiveStatus = (typeof LIVE_STATUSES)[number];

export function isLiveStatus(status: string): status is LiveStatus {
  return LIVE_STATUSES.some((s) => s === status);
}

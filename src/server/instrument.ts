import type { Context, MiddlewareFn, Transformer } from "grammy";
import type { Services } from "../services/services.ts";
import type { MetricProbes, Metrics } from "./metrics.ts";

/** Counts every update by its type (message, callback_query, …) before Yiqi handles it. */
export function countUpdates(metrics: Metrics): MiddlewareFn<Context> {
  return (ctx, next) => {
    metrics.countUpdate(Object.keys(ctx.update).find((key) => key !== "update_id") ?? "unknown");
    return next();
  };
}

/** A grammY API transformer counting every Bot API call and every failure (its error code, or `network`). */
export function countApiCalls(metrics: Metrics): Transformer {
  return async (prev, method, payload, signal) => {
    metrics.countApiCall(method);
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) metrics.countApiError(method, String(result.error_code));
      return result;
    } catch (error) {
      metrics.countApiError(method, "network");
      throw error;
    }
  };
}

/** The gauges' database reads. */
export function databaseProbes(services: Services): MetricProbes {
  const db = services.database.prisma;
  return {
    async outboxLagSeconds() {
      const now = services.now();
      const oldest = await db.delivery.findFirst({
        where: { status: "pending", dueAt: { lte: now } },
        orderBy: { dueAt: "asc" },
        select: { dueAt: true },
      });
      return oldest ? Math.max(0, (now.getTime() - oldest.dueAt.getTime()) / 1000) : 0;
    },
    cardRefreshBacklog: () => db.cardMark.count(),
  };
}

import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** Gauges read from the database at scrape time (shared state, so every instance reports the same). */
export interface MetricProbes {
  /** seconds the oldest due pending delivery is overdue (0 when nothing is due) */
  outboxLagSeconds: () => Promise<number>;
  /** events whose cards are marked for a refresh and not yet refreshed */
  cardRefreshBacklog: () => Promise<number>;
}

/**
 * The app's Prometheus metrics, in a registry of its own (created per app, so tests can run several apps in one
 * process). The rest of the code does not import prom-client: it is handed small callbacks (`count…`) instead.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly updates: Counter<"type">;
  private readonly signups: Counter<"outcome">;
  private readonly deliveries: Counter<"kind" | "status">;
  private readonly apiCalls: Counter<"method">;
  private readonly apiErrors: Counter<"method" | "code">;

  constructor(probes: MetricProbes) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.updates = new Counter({
      name: "yiqi_updates_total",
      help: "Updates received from Telegram, by type",
      labelNames: ["type"],
      registers,
    });
    this.signups = new Counter({
      name: "yiqi_signups_total",
      help: "Sign-up taps, by outcome (confirmed, waitlisted, already_confirmed, refused, stale, …)",
      labelNames: ["outcome"],
      registers,
    });
    this.deliveries = new Counter({
      name: "yiqi_deliveries_total",
      help: "Messages sent on the bot's own initiative (outbox kinds, card edits), by kind and outcome",
      labelNames: ["kind", "status"],
      registers,
    });
    this.apiCalls = new Counter({
      name: "yiqi_bot_api_calls_total",
      help: "Bot API calls made, by method",
      labelNames: ["method"],
      registers,
    });
    this.apiErrors = new Counter({
      name: "yiqi_bot_api_errors_total",
      help: "Bot API calls that failed, by method and error code (429 included; network for no answer)",
      labelNames: ["method", "code"],
      registers,
    });
    new Gauge({
      name: "yiqi_outbox_lag_seconds",
      help: "How overdue the oldest due pending delivery is, in seconds",
      registers,
      async collect() {
        this.set(await probes.outboxLagSeconds().catch(() => Number.NaN));
      },
    });
    new Gauge({
      name: "yiqi_card_refresh_backlog",
      help: "Events whose posted cards are marked for a refresh",
      registers,
      async collect() {
        this.set(await probes.cardRefreshBacklog().catch(() => Number.NaN));
      },
    });
  }

  countUpdate = (type: string): void => this.updates.inc({ type });
  countSignUp = (outcome: string): void => this.signups.inc({ outcome });
  countDelivery = (kind: string, status: string): void => this.deliveries.inc({ kind, status });
  countApiCall = (method: string): void => this.apiCalls.inc({ method });
  countApiError = (method: string, code: string): void => this.apiErrors.inc({ method, code });

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

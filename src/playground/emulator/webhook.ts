import type { Update } from "grammy/types";

/** One POST of an update to a webhook target, as the fake made it. */
export interface WebhookDelivery {
  updateId: number;
  /** where it was posted (a target of `spreadWebhook`, else the webhook's URL) */
  url: string;
  /** the HTTP status answered, or 0 when the connection failed or timed out */
  status: number;
  /** when the POST was sent and when its answer came (the fake's clock, ms) */
  at: number;
  answeredAt: number;
}

export interface WebhookSettings {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
}

/** Telegram retries a failed delivery after a while; here quickly (tests), growing to at most this. */
const MAX_RETRY_MS = 4000;
const FIRST_RETRY_MS = 250;
/** How long a POST may take before it counts as failed (Telegram gives up on a slow webhook too). */
const POST_TIMEOUT_MS = 60_000;

/**
 * The webhook side of the fake: once `setWebhook` is called, every update is POSTed (JSON, with the
 * `X-Telegram-Bot-Api-Secret-Token` header when a secret was set) instead of waiting for getUpdates, up to
 * `max_connections` at a time. An update is delivered again while the answer is not a 2xx (or the connection
 * fails), with a growing pause, like Telegram. `spreadWebhook` stands in for a load balancer: POSTs go
 * round-robin to several instances' URLs instead of the one given to setWebhook.
 */
export class WebhookSender {
  settings: WebhookSettings | undefined;
  private targets: string[] | undefined;
  private next = 0;
  private readonly waiting: { update: Update; attempt: number }[] = [];
  private inFlight = 0;
  private readonly log: WebhookDelivery[] = [];
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<AbortController>();

  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void,
  ) {}

  get active(): boolean {
    return this.settings !== undefined;
  }

  /** Updates not yet answered with a 2xx (waiting, in flight or waiting for a retry). */
  get pending(): number {
    return this.waiting.length + this.inFlight + this.timers.size;
  }

  set(settings: WebhookSettings): void {
    this.settings = settings;
    this.pump();
  }

  delete(): void {
    this.settings = undefined;
  }

  spread(urls: string[] | undefined): void {
    this.targets = urls && urls.length > 0 ? [...urls] : undefined;
    this.pump();
  }

  deliveries(): WebhookDelivery[] {
    return this.log.map((d) => ({ ...d }));
  }

  /** Takes an update to POST; returns false when no webhook is set (then it waits for getUpdates). */
  offer(update: Update): boolean {
    if (!this.settings || this.closed) return false;
    this.waiting.push({ update, attempt: 0 });
    this.pump();
    return true;
  }

  private pump(): void {
    const settings = this.settings;
    if (!settings || this.closed) return;
    while (this.inFlight < settings.maxConnections && this.waiting.length > 0) {
      const item = this.waiting.shift();
      if (item) void this.post(settings, item);
    }
  }

  private pick(settings: WebhookSettings): string {
    const targets = this.targets;
    if (!targets) return settings.url;
    const url = targets[this.next % targets.length] ?? settings.url;
    this.next += 1;
    return url;
  }

  private async post(settings: WebhookSettings, item: { update: Update; attempt: number }): Promise<void> {
    this.inFlight += 1;
    const url = this.pick(settings);
    const at = this.now();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (settings.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = settings.secretToken;
    const abort = new AbortController();
    this.aborts.add(abort);
    const timeout = setTimeout(() => abort.abort(), POST_TIMEOUT_MS);
    let status = 0;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify(item.update),
        signal: abort.signal,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    } finally {
      clearTimeout(timeout);
      this.aborts.delete(abort);
    }
    this.inFlight -= 1;
    this.log.push({ updateId: item.update.update_id, url, status, at, answeredAt: this.now() });
    if ((status < 200 || status >= 300) && !this.closed) this.retryLater(item);
    this.onChange();
    this.pump();
  }

  private retryLater(item: { update: Update; attempt: number }): void {
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** item.attempt);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push({ update: item.update, attempt: item.attempt + 1 });
      this.pump();
    }, delay);
    this.timers.add(timer);
  }

  /** Stops delivering (the fake is closing). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abort of this.aborts) abort.abort();
    this.waiting.length = 0;
  }
}

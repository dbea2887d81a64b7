import pg from "pg";
import type { Logger } from "../log.ts";

/** What one instance tells the others. */
export type BusMessage =
  /** a chat's profile (organisation link, language, settings) changed: forget the cached one */
  | { type: "chat"; chatId: string }
  /** a person chose their language: forget the cached choice */
  | { type: "user"; userId: string }
  /** cached profiles of every chat may be stale (an organisation changed) */
  | { type: "chats" }
  /** something was put into the outbox: the sender should look now */
  | { type: "outbox" }
  /** an event's cards were marked for a refresh: the card refresher should look now */
  | { type: "cards" };

export const BUS_CHANNEL = "yiqi_bus";

export interface BusOptions {
  url: string;
  instanceId: string;
  logger: Logger;
  onMessage: (message: BusMessage) => void;
  /**
   * (Re)connected: notifications sent while this instance was not listening are lost, so anything cached
   * must be thrown away.
   */
  onConnected: () => void;
  /** sends a NOTIFY through the app's own pool (after the change it announces was committed there) */
  notify: (channel: string, payload: string) => Promise<void>;
  retryMs?: number;
}

/**
 * PostgreSQL LISTEN/NOTIFY between instances: no other server needed. Notifications are delivered after the
 * sending transaction commits, to every session listening at that moment; a listener that was disconnected
 * misses them, so on every (re)connection it drops its caches (`onConnected`).
 */
export class ChangeBus {
  private client: pg.Client | null = null;
  private running = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: BusOptions) {}

  async start(): Promise<void> {
    this.running = true;
    await this.connect().catch((error: unknown) => this.retry(error));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      application_name: "yiqi-bus",
    });
    const lost = (error: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      void client.end().catch(() => undefined);
      this.retry(error);
    };
    client.on("error", lost);
    client.on("end", () => lost(new Error("connection ended")));
    client.on("notification", (n) => {
      if (n.channel !== BUS_CHANNEL || !n.payload) return;
      const parsed = parse(n.payload);
      if (parsed && parsed.from !== this.options.instanceId) this.options.onMessage(parsed.message);
    });
    await client.connect();
    await client.query(`LISTEN ${BUS_CHANNEL}`);
    if (!this.running) {
      await client.end();
      return;
    }
    this.client = client;
    this.options.onConnected();
  }

  private retry(error: unknown): void {
    if (!this.running || this.timer) return;
    this.options.logger.warn({ err: error }, "change bus: not listening; retrying");
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) void this.connect().catch((e: unknown) => this.retry(e));
    }, this.options.retryMs ?? 2000);
    this.timer.unref?.();
  }

  /** Tells the other instances; a failure is logged, not thrown (their caches expire on their own anyway). */
  publish(message: BusMessage): void {
    const payload = JSON.stringify({ from: this.options.instanceId, message });
    void this.options.notify(BUS_CHANNEL, payload).catch((error: unknown) => {
      this.options.logger.warn({ err: error, message }, "change bus: could not notify the other instances");
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

function parse(payload: string): { from: string; message: BusMessage } | null {
  try {
    const value: unknown = JSON.parse(payload);
    if (typeof value !== "object" || value === null) return null;
    const from: unknown = Reflect.get(value, "from");
    const message: unknown = Reflect.get(value, "message");
    if (typeof from !== "string" || typeof message !== "object" || message === null) return null;
    const type: unknown = Reflect.get(message, "type");
    if (type === "chat") {
      const chatId: unknown = Reflect.get(message, "chatId");
      return typeof chatId === "string" && /^-?\d+$/.test(chatId) ? { from, message: { type, chatId } } : null;
    }
    if (type === "user") {
      const userId: unknown = Reflect.get(message, "userId");
      return typeof userId === "string" && /^\d+$/.test(userId) ? { from, message: { type, userId } } : null;
    }
    if (type === "chats" || type === "outbox" || type === "cards") return { from, message: { type } };
    return null;
  } catch {
    return null;
  }
}

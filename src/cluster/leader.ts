import pg from "pg";
import type { Logger } from "../log.ts";

/**
 * Who sends. Telegram's limits (about 30 messages a second per bot, 20 a minute per group) are one budget
 * for the bot, however many instances run. Yiqi keeps it with one sending leader rather than a shared
 * budget in the database: a leader's in-process sliding windows cost nothing per message, whereas a shared
 * budget would add a locked write per message for every instance and still need fail-over for claims.
 * Only the leader runs the outbox sender and the card refresher; every instance handles updates, replies to
 * the member who acted, and plans into the outbox as a member acts; the minute's planning pass runs on the leader.
 *
 * The leader holds a PostgreSQL session-level advisory lock on a connection of its own. The lock lives as
 * long as that session: when the leader dies (even kill -9) PostgreSQL ends the session and frees the lock,
 * and another instance, trying every `retryMs`, takes over within seconds. The leader pings its session;
 * when the ping or the connection fails it stops sending at once (the lock may already be someone else's).
 */
export interface LeaderOptions {
  url: string;
  logger: Logger;
  /** became the leader: start sending */
  onElected: () => Promise<void>;
  /** no longer the leader (lost the connection, or stopping): stop sending before returning */
  onDeposed: () => Promise<void>;
  /** how often a follower tries for the lock and the leader pings its session; default 2 s */
  retryMs?: number;
}

/** Arbitrary and constant ("yiqi send"); the migrator's lock is another key. */
export const SENDING_LOCK_KEY = 72_657_372;
const PING_TIMEOUT_MS = 5000;

export class AdvisoryLockLeader {
  private client: pg.Client | null = null;
  private leading = false;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** elect/depose callbacks run one after another */
  private transitions: Promise<void> = Promise.resolve();

  constructor(private readonly options: LeaderOptions) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Tries for the lock once (so a lone instance leads once this resolves), then keeps trying in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.attempt();
    this.loop = this.run();
  }

  private async attempt(): Promise<void> {
    try {
      await this.step();
    } catch (error) {
      this.options.logger.warn({ err: error }, "sending-leader election: database connection failed");
      await this.drop();
    }
  }

  private async run(): Promise<void> {
    const retryMs = this.options.retryMs ?? 2000;
    while (this.running) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
      if (this.running) await this.attempt();
    }
  }

  private async step(): Promise<void> {
    const client = this.client ?? (await this.connect());
    if (this.leading) {
      await withTimeout(client.query("SELECT 1"), PING_TIMEOUT_MS, "the leader's session did not answer");
      return;
    }
    const result = await withTimeout(
      client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [SENDING_LOCK_KEY]),
      PING_TIMEOUT_MS,
      "the lock query did not answer",
    );
    if (result.rows[0]?.locked !== true || !this.running) return;
    this.leading = true;
    this.options.logger.info("this instance is now the sending leader");
    await this.transition(this.options.onElected);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: PING_TIMEOUT_MS,
      keepAlive: true,
      application_name: "yiqi-leader",
    });
    client.on("error", (error) => {
      if (this.client !== client) return;
      this.options.logger.warn({ err: error }, "sending leader: lock connection lost");
      void this.drop();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /** The session is gone or unusable: whatever it held is no longer ours. */
  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (this.leading) {
      this.leading = false;
      this.options.logger.warn("no longer the sending leader (lock connection lost)");
      await this.transition(this.options.onDeposed);
    }
    await client?.end().catch(() => undefined);
  }

  private transition(step: () => Promise<void>): Promise<void> {
    this.transitions = this.transitions.then(step).catch((error: unknown) => {
      this.options.logger.error({ err: error }, "sending leader: start or stop of the sender failed");
    });
    return this.transitions;
  }

  /** Stops sending (if leading), frees the lock so another instance takes over at once, closes the session. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    const client = this.client;
    this.client = null;
    if (this.leading) {
      this.leading = false;
      await this.transition(this.options.onDeposed);
      await client?.query("SELECT pg_advisory_unlock($1)", [SENDING_LOCK_KEY]).catch(() => undefined);
    }
    await client?.end().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

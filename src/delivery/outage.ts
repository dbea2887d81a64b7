import type { Logger } from "../log.ts";

/**
 * The guard every background loop runs under (card refresher, sender,
 * scheduler, housekeeping, member write-behind): a failure is caught, logged
 * once per outage rather than on every retry, and answered with a capped,
 * doubling back-off; the first success afterwards logs that the loop
 * recovered. Nothing a loop does may throw out of its timer.
 */
export class Outage {
  private failures = 0;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
    private readonly backoff: { firstMs: number; maxMs: number } = { firstMs: 1000, maxMs: 30_000 },
  ) {}

  /** True while the last attempt failed. */
  get ongoing(): boolean {
    return this.failures > 0;
  }

  /** Records a failure; returns how long to wait before the next attempt. */
  failed(error: unknown): number {
    if (this.failures === 0) this.logger.error({ err: error }, `${this.what} failed; retrying with back-off`);
    this.failures++;
    return Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** Math.min(20, this.failures - 1));
  }

  succeeded(): void {
    if (this.failures > 0) this.logger.info({ failedAttempts: this.failures }, `${this.what} recovered`);
    this.failures = 0;
  }

  /** Runs `work` under the guard: never rejects; returns the back-off after a failure, else 0. */
  async run(work: () => Promise<unknown>): Promise<number> {
    try {
      await work();
      this.succeeded();
      return 0;
    } catch (error) {
      return this.failed(error);
    }
  }
}

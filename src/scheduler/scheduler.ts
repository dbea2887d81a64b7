import cron, { type ScheduledTask } from "node-cron";
import { Outage } from "../delivery/outage.ts";
import type { Logger } from "../log.ts";
import type { Housekeeping } from "./housekeeping.ts";
import type { ReminderPlanner } from "./reminder-planner.ts";
import type { SummaryPlanner } from "./summary-planner.ts";

/**
 * Runs the planning jobs once a minute (node-cron, never overlapping itself).
 * Jobs only write deliveries into the outbox; the sender sends them. `run`
 * takes `now`, so tests drive the clock and never wait for the cron.
 */
export class Scheduler {
  private task: ScheduledTask | null = null;
  private hourly: ScheduledTask | null = null;
  private current: Promise<void> = Promise.resolve();
  /** planning and pruning failures (a database outage) are logged once per outage, not every minute */
  private readonly planning: Outage;
  private readonly pruning: Outage;

  constructor(
    private readonly deps: {
      reminders: ReminderPlanner;
      summaries: SummaryPlanner;
      housekeeping: Housekeeping;
      /** places held for questions or offered from the waitlist whose time ran out (services/holds.ts) */
      holds: { expire(now: Date): Promise<number> };
      now: () => Date;
      logger: Logger;
      /** something became due: wake the sender */
      nudge: () => void;
    },
  ) {
    // the cron's minute is the back-off: a failed pass is tried again at the next minute
    this.planning = new Outage(deps.logger, "planning reminders and summaries", { firstMs: 60_000, maxMs: 60_000 });
    this.pruning = new Outage(deps.logger, "housekeeping", { firstMs: 3_600_000, maxMs: 3_600_000 });
  }

  /** One planning pass at `now`: returns how many deliveries were added. */
  async run(now: Date): Promise<{ reminders: number; summaries: number }> {
    const reminders = await this.deps.reminders.sweep(now);
    const summaries = await this.deps.summaries.sweep(now);
    if (reminders + summaries > 0) {
      this.deps.logger.debug({ reminders, summaries }, "planned deliveries");
      this.deps.nudge();
    }
    return { reminders, summaries };
  }

  /**
   * Releases the holds and offers that ran out by `now` (every instance may run it: each release is decided under
   * the event's lock, services/holds.ts). The notices and any next offer are in the outbox: the sender is woken.
   */
  async releaseExpired(now: Date): Promise<number> {
    const released = await this.deps.holds.expire(now);
    if (released > 0) {
      this.deps.logger.debug({ released }, "released expired holds and offers");
      this.deps.nudge();
    }
    return released;
  }

  private tick(): Promise<void> {
    this.current = this.planning
      .run(async () => {
        const now = this.deps.now();
        await this.run(now);
        await this.releaseExpired(now);
      })
      .then(() => undefined);
    return this.current;
  }

  /**
   * Plans once now, then every minute; prunes old bookkeeping every hour. With several instances only the
   * sending leader runs this (app.ts starts it on election and stops it on deposition).
   */
  start(): void {
    if (this.task) return;
    this.deps.logger.info("planning reminders and summaries on this instance");
    this.task = cron.schedule("* * * * *", () => this.tick(), { name: "yiqi-planner", noOverlap: true });
    this.hourly = cron.schedule("17 * * * *", () => this.prune(), { name: "yiqi-housekeeping", noOverlap: true });
    void this.tick();
  }

  private async prune(): Promise<void> {
    await this.pruning.run(async () => {
      const pruned = await this.deps.housekeeping.prune(this.deps.now());
      this.deps.logger.debug(pruned, "pruned old bookkeeping");
    });
  }

  /** Waits for planning started in the background by sign-ups. */
  settle(): Promise<void> {
    return this.deps.reminders.settle();
  }

  async stop(): Promise<void> {
    if (this.task) this.deps.logger.info("stopped planning on this instance");
    await this.task?.destroy();
    await this.hourly?.destroy();
    this.task = null;
    this.hourly = null;
    await this.current;
    await this.settle();
  }
}

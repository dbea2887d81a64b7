import type { Logger } from "../log.ts";
import type { Services } from "../services/services.ts";
import { Housekeeping } from "./housekeeping.ts";
import { ReminderPlanner } from "./reminder-planner.ts";
import { Scheduler } from "./scheduler.ts";
import { SummaryPlanner } from "./summary-planner.ts";

export { afterScheduledSend } from "./after-sent.ts";
export { schedulerRenderers } from "./renderers.ts";
export { Scheduler } from "./scheduler.ts";

/** The planners over the app's database and outbox (cheap to build; a bot command may build its own). */
export function planners(services: Services, logger: Logger) {
  const db = services.database.prisma;
  return {
    reminders: new ReminderPlanner({ db, people: services.database.tapPath, outbox: services.outbox, logger }),
    summaries: new SummaryPlanner({ db, outbox: services.outbox }),
  };
}

/** The scheduler of an app: plans reminders as events and sign-ups change, and every minute. */
export function createScheduler(services: Services, logger: Logger): Scheduler {
  const jobs = planners(services, logger);
  jobs.reminders.listen(services.changes, services.now);
  services.changes.on("chatSettingsChanged", async ({ chatId, reminders, summary }) => {
    if (reminders) await jobs.reminders.replanChat(chatId, services.now());
    if (summary) await jobs.summaries.replanChat(chatId, services.now());
    services.nudgeSender();
  });
  // a member's own times (or none): what is pending for them is replaced by a plan at the new times
  services.changes.on("memberRemindersChanged", async ({ userId }) => {
    await jobs.reminders.replanMember(userId, services.now());
    services.nudgeSender();
  });
  return new Scheduler({
    ...jobs,
    housekeeping: new Housekeeping(services.database.prisma),
    holds: services.holds,
    now: services.now,
    logger,
    nudge: () => services.nudgeSender(),
  });
}

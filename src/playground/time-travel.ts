import type { App } from "../app.ts";
import type { MovableClock } from "./clock.ts";

/**
 * Moves the clock `ms` forward the way the hours would pass: from one due delivery to the next, planning and
 * sending at each, so reminders and daily summaries arrive in order and none is "missed" by the jump.
 */
export async function travel(app: App, clock: MovableClock, ms: number): Promise<void> {
  const until = new Date(clock.nowMs() + ms);
  const db = app.services.database.prisma;
  for (let guard = 0; guard < 10_000; guard++) {
    await step(app, clock);
    const next = await db.delivery.findFirst({
      where: { status: "pending", dueAt: { gt: clock.now(), lte: until } },
      orderBy: { dueAt: "asc" },
    });
    if (!next) break;
    clock.set(next.dueAt);
  }
  clock.set(until);
  await step(app, clock);
}

async function step(app: App, clock: MovableClock): Promise<void> {
  await app.scheduler.run(clock.now());
  for (let guard = 0; guard < 1000 && (await app.sender.tick()) > 0; guard++);
}

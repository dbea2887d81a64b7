import type { DatabaseKind } from "../../src/store/database.ts";
import { seedGroupsWithEvents } from "../../test/scheduler/support.ts";
import { TELEGRAM_LIMITS } from "../../test/support/fake-telegram/index.ts";
import { startHarness } from "../../test/support/harness.ts";

export interface ThroughputResult {
  groups: number;
  sent: number;
  seconds: number;
  perSecond: number;
  /** the best rate over any 10 s stretch once sending was under way */
  sustained: number;
  tooManyRequests: number;
  duplicates: number;
  lost: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * N groups each due one reminder at the same instant, sent by the real app
 * (sender loop, rate limiter, renderers) through the fake Bot API server
 * enforcing Telegram's limits on the real clock.
 */
export async function measureFanout(kind: DatabaseKind, groups: number): Promise<ThroughputResult> {
  const h = await startHarness({ kind, start: false, env: { SCHEDULER: "off" }, fake: { limits: TELEGRAM_LIMITS } });
  try {
    const due = new Date(Date.now() + 10_000);
    // The group's one-hour reminder falls due at `due` (the 24-hour one is already past and not planned).
    const start = new Date(due.getTime() + 3_600_000);
    const seeded = await seedGroupsWithEvents(h.fake, h.app.services, groups, {
      start,
      end: new Date(start.getTime() + 7_200_000),
      precision: "exact",
      timeZone: "Asia/Shanghai",
    });
    const planned = await h.app.scheduler.run(new Date());
    if (planned.reminders !== groups) throw new Error(`planned ${planned.reminders} reminders for ${groups} groups`);
    await h.app.start();
    const db = h.app.services.database.prisma;
    while (Date.now() < due.getTime()) await sleep(50);
    const deadline = Date.now() + (groups / TELEGRAM_LIMITS.globalPerSecond) * 3000 + 30_000;
    while ((await db.delivery.count({ where: { status: { in: ["pending", "sending"] } } })) > 0) {
      if (Date.now() > deadline) break;
      await sleep(100);
    }
    const times = h.fake
      .calls("sendMessage")
      .filter((c) => c.status === 200)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    const seconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
    let sustained = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[j]! < times[i]! - 10_000) j++;
      if (times[i]! - times[0]! >= 10_000) sustained = Math.max(sustained, (i - j) / 10);
    }
    const perGroup = seeded.groups.map((g) => h.fake.sent(g).length);
    const hits = h.fake.limitHits();
    return {
      groups,
      sent: times.length,
      seconds,
      perSecond: seconds > 0 ? (times.length - 1) / seconds : 0,
      sustained,
      tooManyRequests: hits.globalPerSecond + hits.perGroupPerMinute + hits.perPrivateChatPerSecond,
      duplicates: perGroup.filter((n) => n > 1).length,
      lost: perGroup.filter((n) => n === 0).length,
    };
  } finally {
    await h.stop();
  }
}

/**
 * Planning the reminders of an event with many members, each with their own reminder times.
 *
 *   npx tsx bench/member-reminders.ts -- [--db sqlite|postgresql|both] [--members 5000]
 *
 * Prints, per database: planning one event whose members all follow the group's times, the same event when
 * they chose a mix (the group's, 1 day + 2 hours, 2 hours, none), and one member changing their times
 * (their pending rows dropped and their sign-ups planned again). The planner reads the members with their
 * choice in the sign-up query and computes the slots once per distinct choice, so the mix costs about the
 * same as the uniform case, and a change is a few statements whatever the number of members.
 */
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { Outbox } from "../src/delivery/outbox.ts";
import { ReminderPlanner } from "../src/scheduler/reminder-planner.ts";
import { openTestDatabase } from "../test/support/databases.ts";
import { benchArgs, benchDatabases } from "./args.ts";

const args = benchArgs();
const members = Number(args.get("members") ?? 5000);
const now = new Date("2026-06-01T02:00:00Z");
const start = new Date("2026-06-03T01:00:00Z");
const CHOICES: { remindersOn: boolean; reminderOffsets: string | null }[] = [
  { remindersOn: true, reminderOffsets: null },
  { remindersOn: true, reminderOffsets: "1440,120" },
  { remindersOn: true, reminderOffsets: "120" },
  { remindersOn: false, reminderOffsets: null },
];

for (const kind of benchDatabases(args.get("db"))) {
  const db = await openTestDatabase(kind);
  try {
    const prisma = db.prisma;
    const outbox = new Outbox(prisma, db.dialect);
    const planner = new ReminderPlanner({ db: prisma, people: db.tapPath, outbox, logger: pino({ level: "silent" }) });
    const org = await prisma.organisation.create({ data: { name: "bench", joinCode: "BENCH" } });
    await prisma.chat.create({ data: { id: -100n, type: "supergroup", title: "bench", organisationId: org.id } });
    const event = await prisma.event.create({
      data: {
        organisationId: org.id,
        title: "bench",
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * 3_600_000),
        precision: "exact",
        timeZone: "Asia/Shanghai",
        status: "published",
      },
    });
    const ids = Array.from({ length: members }, (_, i) => BigInt(1_000_000 + i));
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await prisma.user.createMany({ data: batch.map((id) => ({ id, firstName: "m", startedBot: true })) });
      await prisma.signup.createMany({
        data: batch.map((userId, j) => ({ eventId: event.id, userId, status: "confirmed", seq: i + j + 1 })),
      });
    }
    const time = async (what: () => Promise<number>) => {
      const t = performance.now();
      const planned = await what();
      return { ms: performance.now() - t, planned };
    };
    const uniform = await time(() => planner.planEvent(event.id, now));
    await prisma.delivery.deleteMany({});
    for (const [i, choice] of CHOICES.entries()) {
      const mine = ids.filter((_, j) => j % CHOICES.length === i);
      for (let k = 0; k < mine.length; k += 500) {
        await prisma.user.updateMany({ where: { id: { in: mine.slice(k, k + 500) } }, data: choice });
      }
    }
    const mixed = await time(() => planner.planEvent(event.id, now));
    const one = ids[1] ?? 0n;
    await prisma.user.update({ where: { id: one }, data: { reminderOffsets: "60" } });
    const change = await time(() => planner.replanMember(one, now));
    console.log(`\n== ${kind}: one event, ${members.toLocaleString("en")} members ==`);
    console.log(`  all at the group's times: ${uniform.ms.toFixed(0)} ms, ${uniform.planned} reminders planned`);
    console.log(`  mixed choices (group's / 1d+2h / 2h / none): ${mixed.ms.toFixed(0)} ms, ${mixed.planned} planned`);
    console.log(`  one member changes their times: ${change.ms.toFixed(1)} ms, ${change.planned} planned`);
  } finally {
    await db.drop();
  }
}

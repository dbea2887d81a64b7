import type { NewDelivery, Outbox } from "../delivery/outbox.ts";
import { endOfLocalDay, normaliseSummaryTime, summarySlot } from "../domain/reminders/plan.ts";
import { localDate } from "../domain/time/calendar.ts";
import type { Db } from "../store/database.ts";
import { SUMMARY, summary } from "./deliveries.ts";

/**
 * Plans each group's daily summary, today's and tomorrow's, at the group's
 * local summary time (so a summary due during downtime is already in the
 * outbox). Whether there is anything to say is decided when it is sent.
 */
export class SummaryPlanner {
  /** key → due instant already planned by this process (skips re-inserting every minute) */
  private readonly planned = new Map<string, number>();

  constructor(
    private readonly deps: {
      db: Db;
      outbox: Outbox;
    },
  ) {}

  async sweep(now: Date): Promise<number> {
    return this.plan(now, {});
  }

  /** The group changed its summary settings: the pending summaries are replaced. */
  async replanChat(chatId: bigint, now: Date): Promise<number> {
    await this.deps.outbox.retire({ chatId }, [SUMMARY], "summary settings changed");
    for (const key of this.planned.keys()) if (key.startsWith(`${SUMMARY}:${chatId}:`)) this.planned.delete(key);
    return this.plan(now, { id: chatId });
  }

  private async plan(now: Date, only: { id?: bigint }): Promise<number> {
    const chats = await this.deps.db.chat.findMany({
      where: {
        ...only,
        active: true,
        summaryOn: true,
        organisationId: { not: null },
        type: { in: ["group", "supergroup"] },
      },
      select: { id: true, summaryTime: true, organisation: { select: { timeZone: true } } },
    });
    const due: NewDelivery[] = [];
    for (const chat of chats) {
      const tz = chat.organisation!.timeZone;
      for (const date of [localDate(now, tz), localDate(endOfLocalDay(now, tz), tz)]) {
        const slot = summarySlot(date, normaliseSummaryTime(chat.summaryTime) ?? "09:00", tz);
        const delivery = summary(chat.id, slot);
        if (slot.dueAt.getTime() < now.getTime() || this.planned.get(delivery.key) === slot.dueAt.getTime()) continue;
        due.push(delivery);
      }
    }
    const inserted = await this.deps.outbox.enqueue(due, now);
    if (this.planned.size > 100_000) this.planned.clear();
    for (const d of due) this.planned.set(d.key, d.dueAt.getTime());
    return inserted;
  }
}

import { type NewDelivery, planRendered } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { endOfLocalDay, normaliseSummaryTime, summarySlot } from "../domain/reminders/plan.ts";
import { localDate } from "../domain/time/calendar.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";

/**
 * Plans each group's daily summary, today's and tomorrow's, at the group's
 * local summary time (so a summary due during downtime is already in the
 * outbox). Whether there is anything to say is decided when it is sent.
 */
export class SummaryPlanner {
  /** key → chat and due instant already planned by this process (skips re-inserting every minute) */
  private readonly planned = new Map<string, { chatId: TelegramId; dueAt: number }>();

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
  async replanChat(chatId: TelegramId, now: Date): Promise<number> {
    await this.deps.outbox.retire({ chatId }, ["summary"], "summary settings changed");
    for (const [key, planned] of this.planned) if (planned.chatId === chatId) this.planned.delete(key);
    return this.plan(now, { id: chatId });
  }

  private async plan(now: Date, only: { id?: TelegramId }): Promise<number> {
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
      if (!chat.organisation) continue;
      const tz = chat.organisation.timeZone;
      for (const date of [localDate(now, tz), localDate(endOfLocalDay(now, tz), tz)]) {
        const slot = summarySlot(date, normaliseSummaryTime(chat.summaryTime) ?? "09:00", tz);
        const delivery = planRendered("summary", { chatId: chat.id, slot });
        const known = this.planned.get(delivery.key);
        if (slot.dueAt.getTime() < now.getTime() || known?.dueAt === slot.dueAt.getTime()) continue;
        due.push(delivery);
      }
    }
    const inserted = await this.deps.outbox.enqueue(due, now);
    // a slot already due is never looked up again (see above): kept to two summaries per group, not one a day forever
    for (const [key, planned] of this.planned) if (planned.dueAt < now.getTime()) this.planned.delete(key);
    for (const d of due) this.planned.set(d.key, { chatId: d.chatId, dueAt: d.dueAt.getTime() });
    return inserted;
  }
}

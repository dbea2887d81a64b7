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
  /**
   * chat → the summary time and zone its slots were last worked out for, and until when that holds (the end of
   * its local day, when "tomorrow" moves on). Until then a sweep skips the chat: working out two days' slots in
   * its zone is a dozen Intl conversions, and a sweep every minute over every group made the idle bot's largest
   * share of garbage (issue 12).
   */
  private checked = new Map<TelegramId, { time: string; tz: string; until: number }>();

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
    this.checked.delete(chatId);
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
    const sweep = only.id === undefined;
    const checked = new Map<TelegramId, { time: string; tz: string; until: number }>();
    for (const chat of chats) {
      if (!chat.organisation) continue;
      const tz = chat.organisation.timeZone;
      const time = normaliseSummaryTime(chat.summaryTime) ?? "09:00";
      const last = this.checked.get(chat.id);
      if (sweep && last && last.time === time && last.tz === tz && now.getTime() < last.until) {
        checked.set(chat.id, last);
        continue;
      }
      const dayEnd = endOfLocalDay(now, tz);
      for (const date of [localDate(now, tz), localDate(dayEnd, tz)]) {
        const slot = summarySlot(date, time, tz);
        const delivery = planRendered("summary", { chatId: chat.id, slot });
        const known = this.planned.get(delivery.key);
        if (slot.dueAt.getTime() < now.getTime() || known?.dueAt === slot.dueAt.getTime()) continue;
        due.push(delivery);
      }
      checked.set(chat.id, { time, tz, until: dayEnd.getTime() });
    }
    const inserted = await this.deps.outbox.enqueue(due, now);
    // only once the slots are in the outbox; a sweep keeps only the chats it saw (the others left or turned it off)
    if (sweep) this.checked = checked;
    else for (const [id, c] of checked) this.checked.set(id, c);
    // a slot already due is never looked up again (see above): kept to two summaries per group, not one a day forever
    for (const [key, planned] of this.planned) if (planned.dueAt < now.getTime()) this.planned.delete(key);
    for (const d of due) this.planned.set(d.key, { chatId: d.chatId, dueAt: d.dueAt.getTime() });
    return inserted;
  }
}

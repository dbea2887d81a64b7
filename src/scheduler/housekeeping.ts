import { FINISHED_STATUSES } from "../delivery/statuses.ts";
import type { Db } from "../store/database.ts";

const DAY_MS = 86_400_000;

/** How long finished bookkeeping is kept. */
export const retention = {
  /** update ids are only needed while Telegram might redeliver an update */
  processedUpdatesDays: 7,
  /** finished deliveries stay a month for questions ("was the reminder sent?"); their events are long past by then */
  finishedDeliveriesDays: 30,
  /** a guided conversation nobody finished */
  conversationsDays: 1,
};

/**
 * Deletes bookkeeping that has served its purpose, so a bot that runs for
 * years keeps small tables. A finished delivery's key is only freed once its
 * event or summary day is long past, so nothing can be planned and sent again.
 */
export class Housekeeping {
  constructor(private readonly db: Db) {}

  async prune(now: Date): Promise<{ updates: number; deliveries: number; conversations: number }> {
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
    const updates = await this.db.processedUpdate.deleteMany({
      where: { processedAt: { lt: before(retention.processedUpdatesDays) } },
    });
    const deliveries = await this.db.delivery.deleteMany({
      where: {
        status: { in: [...FINISHED_STATUSES] },
        dueAt: { lt: before(retention.finishedDeliveriesDays) },
      },
    });
    const conversations = await this.db.conversation.deleteMany({
      where: { updatedAt: { lt: before(retention.conversationsDays) } },
    });
    return { updates: updates.count, deliveries: deliveries.count, conversations: conversations.count };
  }
}

import { jsonField } from "../delivery/kinds.ts";
import type { Delivery } from "../delivery/outbox.ts";
import type { Services } from "../services/services.ts";

/**
 * Bookkeeping once a scheduled delivery went out: a group reminder is
 * remembered as a card of its event (so its Sign up button is accepted and
 * its places are kept current); a summary moves the group's "since the last
 * summary" mark.
 */
export function afterScheduledSend(services: Services) {
  return async (delivery: Delivery, result: unknown): Promise<void> => {
    const messageId = jsonField(result, "message_id");
    if (delivery.kind === "reminder" && delivery.eventId !== null && typeof messageId === "number") {
      await services.cards.remember(delivery.eventId, delivery.chatId, messageId);
    }
    if (delivery.kind === "summary") {
      await services.database.prisma.chat.updateMany({
        where: { id: delivery.chatId },
        data: { lastSummaryAt: services.now() },
      });
    }
  };
}

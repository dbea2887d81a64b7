import type { Delivery } from "../delivery/outbox.ts";
import type { Services } from "../services/services.ts";
import { REMINDER, SUMMARY } from "./deliveries.ts";

function messageId(result: unknown): number | null {
  const id = (result as { message_id?: unknown } | null)?.message_id;
  return typeof id === "number" ? id : null;
}

/**
 * Bookkeeping once a scheduled delivery went out: a group reminder is
 * remembered as a card of its event (so its Sign up button is accepted and
 * its places are kept current); a summary moves the group's "since the last
 * summary" mark.
 */
export function afterScheduledSend(services: Services) {
  return async (delivery: Delivery, result: unknown): Promise<void> => {
    const id = messageId(result);
    if (delivery.kind === REMINDER && delivery.eventId !== null && id !== null) {
      await services.cards.remember(delivery.eventId, Number(delivery.chatId), id);
    }
    if (delivery.kind === SUMMARY) {
      await services.database.prisma.chat.updateMany({
        where: { id: delivery.chatId },
        data: { lastSummaryAt: services.now() },
      });
    }
  };
}

import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";

/** The chat messages that show an event, so they can be kept up to date and buttons on them trusted. */
export class CardService {
  constructor(
    private readonly db: Db,
    private readonly onPosted: (eventId: number) => void = () => {},
  ) {}

  /** `shownHash`: what the card shows (card-refresher.ts `viewHash`), so it is not edited to the same again. */
  async remember(eventId: number, chatId: TelegramId, messageId: number, shownHash?: string): Promise<void> {
    await this.db.eventMessage.upsert({
      where: { chatId_messageId: { chatId, messageId } },
      create: { eventId, chatId, messageId, shownHash: shownHash ?? null },
      update: { eventId, shownHash: shownHash ?? null },
    });
    this.onPosted(eventId);
  }

  /**
   * Forgets every card of the event in the chat but the newest `keep` (by message id) and returns the
   * message ids forgotten, for the caller to delete.
   */
  async retireBeyond(eventId: number, chatId: TelegramId, keep: number): Promise<number[]> {
    const cards = await this.db.eventMessage.findMany({
      where: { eventId, chatId },
      orderBy: { messageId: "desc" },
      select: { id: true, messageId: true },
    });
    const old = cards.slice(keep);
    if (old.length === 0) return [];
    await this.db.eventMessage.deleteMany({ where: { id: { in: old.map((c) => c.id) } } });
    return old.map((c) => c.messageId);
  }

  async isCardOf(eventId: number, chatId: TelegramId, messageId: number): Promise<boolean> {
    const row = await this.db.eventMessage.findUnique({
      where: { chatId_messageId: { chatId, messageId } },
      select: { eventId: true },
    });
    return row?.eventId === eventId;
  }
}

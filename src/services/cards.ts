import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";

/** The chat messages that show an event, so they can be kept up to date and buttons on them trusted. */
export class CardService {
  constructor(
    private readonly db: Db,
    private readonly onPosted: (eventId: number) => void = () => {},
  ) {}

  async remember(eventId: number, chatId: TelegramId, messageId: number): Promise<void> {
    await this.db.eventMessage.upsert({
      where: { chatId_messageId: { chatId, messageId } },
      create: { eventId, chatId, messageId },
      update: { eventId },
    });
    this.onPosted(eventId);
  }

  async isCardOf(eventId: number, chatId: TelegramId, messageId: number): Promise<boolean> {
    const row = await this.db.eventMessage.findUnique({
      where: { chatId_messageId: { chatId, messageId } },
      select: { eventId: true },
    });
    return row?.eventId === eventId;
  }
}

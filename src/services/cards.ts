import type { Db } from "../store/database.ts";

/** The chat messages that show an event, so they can be kept up to date and buttons on them trusted. */
export class CardService {
  constructor(
    private readonly db: Db,
    private readonly onPosted: (eventId: number) => void = () => {},
  ) {}

  async remember(eventId: number, chatId: number, messageId: number): Promise<void> {
    await this.db.eventMessage.upsert({
      where: { chatId_messageId: { chatId: BigInt(chatId), messageId } },
      create: { eventId, chatId: BigInt(chatId), messageId },
      update: { eventId },
    });
    this.onPosted(eventId);
  }

  async isCardOf(eventId: number, chatId: number, messageId: number): Promise<boolean> {
    const row = await this.db.eventMessage.findUnique({
      where: { chatId_messageId: { chatId: BigInt(chatId), messageId } },
      select: { eventId: true },
    });
    return row?.eventId === eventId;
  }

  /**
   * The event behind a sign-up button, read together with the check that the
   * button sits on a card of that very event (one statement on the hot path).
   * Null for forged or stale buttons.
   */
  async gate(eventId: number, chatId: number, messageId: number) {
    const row = await this.db.eventMessage.findUnique({
      where: { chatId_messageId: { chatId: BigInt(chatId), messageId } },
      select: { eventId: true, event: { select: { id: true, status: true, endsAt: true, signupDeadline: true } } },
    });
    return row?.eventId === eventId ? row.event : null;
  }

  /** Where an event is shown (for edits and notices). */
  postedIn(eventId: number) {
    return this.db.eventMessage.findMany({ where: { eventId } });
  }
}

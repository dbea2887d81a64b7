import type { Db } from "../store/database.ts";

/** Conversations older than this are forgotten: the user started over or walked away. */
const EXPIRY_MS = 24 * 60 * 60_000;

export interface ConversationState<T> {
  kind: string;
  step: string;
  data: T;
}

/** Where a guided conversation stands, per chat and user, in the database (survives restarts). */
export class ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async get<T>(chatId: number, userId: number): Promise<ConversationState<T> | null> {
    const row = await this.db.conversation.findUnique({
      where: { chatId_userId: { chatId: BigInt(chatId), userId: BigInt(userId) } },
    });
    if (!row) return null;
    if (this.now().getTime() - row.updatedAt.getTime() > EXPIRY_MS) {
      await this.clear(chatId, userId);
      return null;
    }
    return { kind: row.kind, step: row.step, data: JSON.parse(row.data) as T };
  }

  async set<T>(chatId: number, userId: number, state: ConversationState<T>): Promise<void> {
    const key = { chatId: BigInt(chatId), userId: BigInt(userId) };
    const fields = { kind: state.kind, step: state.step, data: JSON.stringify(state.data), updatedAt: this.now() };
    await this.db.conversation.upsert({ where: { chatId_userId: key }, create: { ...key, ...fields }, update: fields });
  }

  async clear(chatId: number, userId: number): Promise<void> {
    await this.db.conversation.deleteMany({ where: { chatId: BigInt(chatId), userId: BigInt(userId) } });
  }
}

import type { Db } from "../store/database.ts";
import { parseWithIds, stringifyWithIds, type TelegramId } from "../telegram-id.ts";

/** Conversations older than this are forgotten: the user started over or walked away. */
const EXPIRY_MS = 24 * 60 * 60_000;

/**
 * A kind of guided conversation and the version of its steps. Bump `version`
 * whenever a deploy changes the steps or the shape of the stored data: a
 * conversation stored by an older version is then answered with "please start
 * again" instead of being read as if it were the new shape.
 */
export interface ConversationKind<_T> {
  name: string;
  version: number;
}

export function conversationKind<T>(name: string, version: number): ConversationKind<T> {
  return { name, version };
}

export interface ConversationState<T> {
  step: string;
  data: T;
}

/** What a chat and user have going: nothing (of this kind), a conversation, or one stored by older steps. */
export type Loaded<T> = ConversationState<T> | "outdated" | null;

/** Stored as `{"v": version, "d": data}` in the data column; Telegram ids keep their bigint type. */
interface Envelope {
  v: number;
  d: unknown;
}

function isEnvelope(value: unknown): value is Envelope {
  return value !== null && typeof value === "object" && "v" in value && typeof value.v === "number" && "d" in value;
}

/** Where a guided conversation stands, per chat and user, in the database (survives restarts and instances). */
export class ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** The conversation of this kind, if the user has one going. */
  async get<T>(chatId: TelegramId, userId: TelegramId, kind: ConversationKind<T>): Promise<Loaded<T>> {
    const row = await this.db.conversation.findUnique({ where: { chatId_userId: { chatId, userId } } });
    if (!row || row.kind !== kind.name) return null;
    if (this.now().getTime() - row.updatedAt.getTime() > EXPIRY_MS) {
      await this.clear(chatId, userId);
      return null;
    }
    let stored: unknown;
    try {
      stored = parseWithIds(row.data);
    } catch {
      return "outdated";
    }
    if (!isEnvelope(stored) || stored.v !== kind.version) return "outdated";
    // the version says the data has the shape this kind's code writes
    return { step: row.step, data: stored.d as T };
  }

  async set<T>(
    chatId: TelegramId,
    userId: TelegramId,
    kind: ConversationKind<T>,
    step: string,
    data: T,
  ): Promise<void> {
    const envelope: Envelope = { v: kind.version, d: data };
    const fields = { kind: kind.name, step, data: stringifyWithIds(envelope), updatedAt: this.now() };
    await this.db.conversation.upsert({
      where: { chatId_userId: { chatId, userId } },
      create: { chatId, userId, ...fields },
      update: fields,
    });
  }

  async clear(chatId: TelegramId, userId: TelegramId): Promise<void> {
    await this.db.conversation.deleteMany({ where: { chatId, userId } });
  }
}

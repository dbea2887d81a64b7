/**
 * Telegram chat and user ids. They are BIGINT in the database and `bigint`
 * everywhere from the bot's middleware inward (services, delivery, scheduler);
 * they become JavaScript numbers only where a call leaves for the Bot API.
 */
export type TelegramId = bigint;

/** An id from a Telegram update (a JavaScript number of at most 52 bits). */
export function telegramId(id: number): TelegramId {
  return BigInt(id);
}

/** An id written in text (a deep-link payload, a command argument); null when it is not one. */
export function parseTelegramId(text: string): TelegramId | null {
  return /^-?\d{1,16}$/.test(text) ? BigInt(text) : null;
}

/** What the Bot API's JSON takes; used only where a call leaves for Telegram. */
export function apiId(id: TelegramId): number {
  return Number(id);
}

/** Private chats have the user's (positive) id; groups and channels negative ones. */
export function isPrivateChatId(id: TelegramId): boolean {
  return id > 0n;
}

/** JSON with bigint values kept (stored conversations): `{"$id":"-100123"}` on disk. */
export function stringifyWithIds(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? { $id: v.toString() } : v));
}

export function parseWithIds(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && "$id" in v && typeof v.$id === "string" && Object.keys(v).length === 1) {
      return BigInt(v.$id);
    }
    return v;
  });
}

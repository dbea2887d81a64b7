import type { Db } from "../store/database.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/** The longest of Telegram's windows (20 a minute into a group). */
const WINDOW_MS = 60_000;

/**
 * A new sending leader starts with empty windows, but the previous one may have sent a burst a moment ago:
 * the outbox (`sentAt`, and claims still in flight) and the posted cards (`editedAt`) say what went out in
 * the last minute, and it is counted as if this instance had sent it. So a fail-over never lets the bot exceed
 * 30 a second or a group's 20 a minute.
 */
export async function seedFromRecentSends(db: Db, limiter: RateLimiter, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const [sent, inFlight, edited] = await Promise.all([
    db.delivery.findMany({ where: { status: "sent", sentAt: { gte: since } }, select: { chatId: true, sentAt: true } }),
    db.delivery.findMany({ where: { status: "sending" }, select: { chatId: true } }),
    db.eventMessage.findMany({ where: { editedAt: { gte: since } }, select: { chatId: true, editedAt: true } }),
  ]);
  for (const d of sent) limiter.seed(d.chatId, (d.sentAt ?? now).getTime());
  for (const d of inFlight) limiter.seed(d.chatId, now.getTime());
  for (const c of edited) limiter.seed(c.chatId, (c.editedAt ?? now).getTime());
  return sent.length + inFlight.length + edited.length;
}

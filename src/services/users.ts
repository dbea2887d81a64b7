import type { User as TelegramUser } from "grammy/types";
import { boundedCache, type Cache } from "../cache.ts";
import { cleanText, textLimits } from "../domain/text-hygiene.ts";
import type { Db } from "../store/database.ts";
import type { TapPath } from "../store/tap-path.ts";
import { type TelegramId, telegramId } from "../telegram-id.ts";

const LOCALE_CACHE_MS = 60_000;

/**
 * Keeps the users table in step with Telegram profiles. A tap must stay one
 * or two statements, so a profile is written only when it changed since this
 * process last saw it.
 */
export class UserService {
  /** each person's profile as last written (cache.ts bounds it: someone evicted is written again next time) */
  private readonly seen: Cache<TelegramId, string>;
  /**
   * Languages chosen in /settings, read at most once a minute per person (a tap stays one or two
   * statements). A choice is seen at once here (`setLocale`) and, through the change bus, on the other
   * instances (`onLocaleChanged` → their `forgetLocaleHere`).
   */
  private readonly chosen: Cache<TelegramId, { locale: string | null }>;
  /** Told about every language chosen on this instance; with several instances the app passes it on. */
  onLocaleChanged: (userId: TelegramId) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly tapPath: TapPath,
    /** entries each cache keeps (default cache.ts's CACHE_ENTRIES; tests make it small) */
    cacheEntries?: number,
  ) {
    this.seen = boundedCache({ max: cacheEntries });
    this.chosen = boundedCache({ max: cacheEntries, ttlMs: LOCALE_CACHE_MS });
  }

  async remember(user: TelegramUser): Promise<void> {
    const fingerprint = `${user.first_name}\u0000${user.last_name ?? ""}\u0000${user.username ?? ""}\u0000${user.language_code ?? ""}`;
    const id = telegramId(user.id);
    if (this.seen.get(id) === fingerprint) return;
    // One statement: this runs on the first tap of every user the process sees; it answers their chosen language too.
    const { locale } = await this.tapPath.rememberUser({
      id,
      // names from Telegram are stored without bidi overrides or control characters, cut to fit a list
      firstName: cleanText(user.first_name, textLimits.person),
      lastName: user.last_name ? cleanText(user.last_name, textLimits.person) : null,
      username: user.username?.toLowerCase() ?? null,
      languageCode: user.language_code ?? null,
      now: new Date(),
    });
    this.seen.set(id, fingerprint);
    this.rememberChosen(id, locale);
  }

  /** Forgets what this process cached about a person, so the next update writes their row afresh. */
  forgetCached(userId: TelegramId): void {
    this.seen.delete(userId);
    this.chosen.delete(userId);
  }

  async markStarted(user: TelegramUser): Promise<void> {
    await this.remember(user);
    await this.db.user.update({ where: { id: telegramId(user.id) }, data: { startedBot: true } });
  }

  /** The user blocked the bot: stop private messages until they press Start again. */
  async markBlocked(userId: TelegramId): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { startedBot: false } });
  }

  /** The language this person chose in /settings, or null (then their Telegram language applies). */
  async chosenLocale(userId: TelegramId): Promise<string | null> {
    const cached = this.chosen.get(userId);
    if (cached !== undefined) return cached.locale;
    const row = await this.db.user.findUnique({ where: { id: userId }, select: { locale: true } });
    this.rememberChosen(userId, row?.locale ?? null);
    return row?.locale ?? null;
  }

  private rememberChosen(userId: TelegramId, locale: string | null): void {
    this.chosen.set(userId, { locale });
  }

  /** Chooses (or with null, forgets) the language this person is spoken to in privately. */
  async setLocale(userId: TelegramId, locale: string | null): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { locale } });
    this.rememberChosen(userId, locale);
    this.onLocaleChanged(userId);
  }

  /** Another instance changed this person's language: read it afresh next time. */
  forgetLocaleHere(userId: TelegramId): void {
    this.chosen.delete(userId);
  }

  /** The change bus reconnected and may have missed changes: read every language afresh. */
  forgetAllLocalesHere(): void {
    this.chosen.clear();
  }

  async find(userId: TelegramId) {
    return this.db.user.findUnique({ where: { id: userId } });
  }

  async findByUsername(username: string) {
    return this.db.user.findFirst({ where: { username: username.replace(/^@/, "").toLowerCase() } });
  }
}

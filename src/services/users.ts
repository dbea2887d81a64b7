import type { User as TelegramUser } from "grammy/types";
import type { Db } from "../store/database.ts";
import type { TapPath } from "../store/tap-path.ts";
import { type TelegramId, telegramId } from "../telegram-id.ts";

/**
 * Keeps the users table in step with Telegram profiles. A tap must stay one
 * or two statements, so a profile is written only when it changed since this
 * process last saw it.
 */
export class UserService {
  private readonly seen = new Map<TelegramId, string>();

  constructor(
    private readonly db: Db,
    private readonly tapPath: TapPath,
  ) {}

  async remember(user: TelegramUser): Promise<void> {
    const fingerprint = `${user.first_name}\u0000${user.last_name ?? ""}\u0000${user.username ?? ""}\u0000${user.language_code ?? ""}`;
    const id = telegramId(user.id);
    if (this.seen.get(id) === fingerprint) return;
    // One statement: this runs on the first tap of every user the process sees.
    await this.tapPath.rememberUser({
      id,
      firstName: user.first_name,
      lastName: user.last_name ?? null,
      username: user.username?.toLowerCase() ?? null,
      languageCode: user.language_code ?? null,
      now: new Date(),
    });
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(id, fingerprint);
  }

  async markStarted(user: TelegramUser): Promise<void> {
    await this.remember(user);
    await this.db.user.update({ where: { id: telegramId(user.id) }, data: { startedBot: true } });
  }

  /** The user blocked the bot: stop private messages until they press Start again. */
  async markBlocked(userId: TelegramId): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { startedBot: false } });
  }

  async find(userId: TelegramId) {
    return this.db.user.findUnique({ where: { id: userId } });
  }

  async findByUsername(username: string) {
    return this.db.user.findFirst({ where: { username: username.replace(/^@/, "").toLowerCase() } });
  }
}

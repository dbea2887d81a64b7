import type { Locale } from "../config/config.ts";
import type { Translator } from "../i18n/translator.ts";
import { isPrivateChatId, type TelegramId } from "../telegram-id.ts";
import type { ChatService } from "./chats.ts";
import type { UserService } from "./users.ts";

/**
 * The one place that decides which language a chat or a person is addressed
 * in. A group: its own choice, else its organisation's, else (while neither
 * chose) the language of whoever is talking, else the default. A person (a
 * private chat, a toast, a file sent privately): what they chose in /settings,
 * else their Telegram language, else the default.
 */
export class Languages {
  constructor(
    private readonly translator: Translator,
    private readonly chats: ChatService,
    private readonly users: UserService,
  ) {}

  /** A Telegram `language_code` as one of our locales. */
  ofLanguageCode(code: string | null | undefined): Locale {
    return this.translator.negotiate(code);
  }

  /** What the whole chat sees; `speaker` is the language code of the person talking, when there is one. */
  async ofChat(chatId: TelegramId, speaker?: string | null): Promise<Locale> {
    if (isPrivateChatId(chatId)) return this.ofUser(chatId);
    const profile = await this.chats.profile(chatId);
    const chosen = profile?.locale ?? profile?.organisationLocale ?? speaker ?? null;
    return this.translator.negotiate(chosen);
  }

  /** What one person sees privately. */
  async ofUser(userId: TelegramId): Promise<Locale> {
    const user = await this.users.find(userId);
    return user ? this.ofUserRow(user) : this.translator.negotiate(null);
  }

  /** What one person sees, from their stored row (their choice, else their Telegram language). */
  ofUserRow(user: { locale: string | null; languageCode: string | null }): Locale {
    return this.translator.negotiate(user.locale ?? user.languageCode);
  }

  /** What the person behind an update sees: their choice (cached), else the update's `language_code`. */
  async ofPerson(userId: TelegramId, languageCode: string | null | undefined): Promise<Locale> {
    return this.translator.negotiate((await this.users.chosenLocale(userId)) ?? languageCode);
  }
}

import { type PersonalReminders, storePersonalReminders } from "../domain/reminders/personal.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChangeFeed } from "./changes.ts";
import type { ChatService } from "./chats.ts";
import type { UserService } from "./users.ts";

/** What a group's organisers can change with /settings. */
export interface GroupSettings {
  reminderOffsets?: string;
  remindersOn?: boolean;
  summaryTime?: string;
  summaryOn?: boolean;
  summaryWhenQuiet?: boolean;
  /** the language the whole group is addressed in */
  locale?: string;
}

/**
 * Settings of groups and members. A change is written, the chat's cached
 * profile is forgotten, and the change is announced, so the reminder and
 * summary planners replan what is already in the outbox.
 */
export class ChatSettingsService {
  constructor(
    private readonly db: Db,
    private readonly chats: ChatService,
    private readonly users: UserService,
    private readonly changes: ChangeFeed,
  ) {}

  async changeGroup(chatId: TelegramId, change: GroupSettings): Promise<void> {
    await this.db.chat.update({ where: { id: chatId }, data: change });
    this.chats.forget(chatId);
    await this.changes.emit("chatSettingsChanged", {
      chatId,
      reminders: change.reminderOffsets !== undefined || change.remindersOn !== undefined,
      summary:
        change.summaryTime !== undefined || change.summaryOn !== undefined || change.summaryWhenQuiet !== undefined,
    });
  }

  /** A member chose when they want their reminders: their planned ones are replaced (scheduler/index.ts). */
  async setMemberReminders(userId: TelegramId, choice: PersonalReminders): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: storePersonalReminders(choice) });
    await this.changes.emit("memberRemindersChanged", { userId });
  }

  /** A member chose their language (null: follow Telegram's); seen at once on every instance. */
  async setMemberLocale(userId: TelegramId, locale: string | null): Promise<void> {
    await this.users.setLocale(userId, locale);
  }
}

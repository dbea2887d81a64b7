import { randomBytes } from "node:crypto";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { ChatService } from "./chats.ts";
import type { UserService } from "./users.ts";

/** Placeholder ids live far above Telegram's user ids (below 2^52), inside a signed 64-bit integer. */
const PLACEHOLDER_BASE = 1n << 62n;

export function placeholderId(): TelegramId {
  return PLACEHOLDER_BASE + (randomBytes(8).readBigUInt64BE(0) >> 8n);
}

/** What Yiqi stores about one person, for /privacy. */
export interface StoredAboutUser {
  known: boolean;
  signups: number;
  groups: number;
  organiserOf: number;
  queued: number;
}

/**
 * The user's control over their data (PIPL, GDPR): what is stored, and deleting it. Deleting keeps the
 * events' counts and volunteer-hour totals: the person's sign-ups move to an anonymous placeholder row
 * (`User.forgotten`), shown as "former member" in rosters and exports; everything that says who they
 * were (their answers to events' questions, the user row, their private chat, group memberships, organiser roles, conversations, pending
 * imports, messages queued to them) is deleted.
 */
export class PrivacyService {
  constructor(
    private readonly db: Db,
    private readonly users: UserService,
    private readonly chats: ChatService,
  ) {}

  async stored(userId: TelegramId): Promise<StoredAboutUser> {
    await this.chats.flushMembers();
    const [user, signups, groups, organiserOf, queued] = await Promise.all([
      this.db.user.findUnique({ where: { id: userId }, select: { id: true } }),
      this.db.signup.count({ where: { userId } }),
      this.db.chatMember.count({ where: { userId } }),
      this.db.organiser.count({ where: { userId } }),
      this.db.delivery.count({ where: { chatId: userId, status: "pending" } }),
    ]);
    return { known: user !== null, signups, groups, organiserOf, queued };
  }

  /** Deletes everything that identifies the person; returns how many sign-ups were kept anonymously. */
  async forget(userId: TelegramId): Promise<{ signups: number }> {
    await this.chats.flushMembers();
    const placeholder = placeholderId();
    const kept = await this.db.$transaction(async (tx) => {
      const signups = await tx.signup.count({ where: { userId } });
      // answers to events' questions say who the person was (a phone number): they go, the sign-ups stay anonymous
      await tx.signupAnswer.deleteMany({ where: { signup: { userId } } });
      if (signups > 0) {
        await tx.user.create({ data: { id: placeholder, firstName: "", forgotten: true, remindersOn: false } });
        await tx.signup.updateMany({ where: { userId }, data: { userId: placeholder } });
      }
      await tx.organiser.deleteMany({ where: { userId } });
      await tx.organiser.updateMany({ where: { addedById: userId }, data: { addedById: null } });
      await tx.chatMember.deleteMany({ where: { userId } });
      await tx.chatAdmin.deleteMany({ where: { userId } });
      await tx.conversation.deleteMany({ where: { OR: [{ userId }, { chatId: userId }] } });
      await tx.pendingImport.deleteMany({ where: { userId } });
      await tx.delivery.deleteMany({ where: { chatId: userId } });
      await tx.event.updateMany({ where: { createdById: userId }, data: { createdById: null } });
      await tx.parentRequest.updateMany({ where: { requestedById: userId }, data: { requestedById: placeholder } });
      await tx.parentRequest.updateMany({ where: { decidedById: userId }, data: { decidedById: null } });
      await tx.chat.deleteMany({ where: { id: userId } });
      await tx.user.deleteMany({ where: { id: userId } });
      return signups;
    });
    this.users.forgetCached(userId);
    this.chats.forgetUser(userId);
    return { signups: kept };
  }
}

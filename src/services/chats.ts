import type { Chat as TelegramChat } from "grammy/types";
import { boundedCache, type Cache } from "../cache.ts";
import { Outage } from "../delivery/outage.ts";
import type { Logger } from "../log.ts";
import type { Db, DbTransaction } from "../store/database.ts";
import type { TapPath } from "../store/tap-path.ts";
import { stringifyWithIds, type TelegramId, telegramId } from "../telegram-id.ts";

const ADMIN_CACHE_MS = 10 * 60_000;
const PROFILE_CACHE_MS = 60_000;

/** What the bot layer needs of a chat on every update: its language and organisation. */
export interface ChatProfile {
  locale: string | null;
  organisationId: number | null;
  organisationLocale: string | null;
  timeZone: string | null;
  active: boolean;
}

/** Group and private chats the bot is in, their organisation link, settings and admin cache. */
export class ChatService {
  /** What this process remembers, each bounded (cache.ts): chats with a row, (chat, user) pairs recorded, profiles. */
  private readonly known: Cache<TelegramId, true>;
  private readonly members: Cache<string, true>;
  /**
   * Pairs not yet written. A flush empties it (every second or 100 pairs); only while the database is away does
   * it fill up, and then a pair pushed out is forgotten as recorded too, so it is noted again when next seen.
   */
  private readonly pendingMembers: Cache<string, { chatId: TelegramId; userId: TelegramId }>;
  private memberTimer: NodeJS.Timeout | null = null;
  /**
   * True from a failed write until one succeeds: meanwhile an update does not try the write itself (each would
   * send the whole growing batch to a database that is away); the timer's back-off retries it.
   */
  private memberWritesFailing = false;
  /** a chat's profile, or `{ profile: null }` for a chat without a row */
  private readonly profiles: Cache<TelegramId, { profile: ChatProfile | null }>;
  /**
   * Told about every profile this instance forgets because it changed; with several instances the app
   * passes it on to the others (cluster/bus.ts), which forget theirs (`forgetHere`).
   */
  onForget: (chatId: TelegramId) => void = () => {};
  /** the write-behind's failures (a database outage): logged once, retried with back-off, the batch kept */
  private readonly memberWrites: Outage | null;

  constructor(
    private readonly db: Db,
    private readonly tapPath: TapPath,
    private readonly now: () => Date,
    logger?: Logger,
    /** entries each cache of what was seen keeps (default cache.ts's CACHE_ENTRIES; tests make it small) */
    cacheEntries?: number,
  ) {
    this.known = boundedCache({ max: cacheEntries });
    this.members = boundedCache({ max: cacheEntries });
    this.pendingMembers = boundedCache({ onEvict: (key) => this.members.delete(key) }); // always far above a batch
    this.profiles = boundedCache({ max: cacheEntries, ttlMs: PROFILE_CACHE_MS, now: () => this.now().getTime() });
    this.memberWrites = logger ? new Outage(logger, "recording group members", { firstMs: 1000, maxMs: 30_000 }) : null;
  }

  /**
   * Makes sure a row exists for a chat the bot just saw (one statement the first time per process). It does
   * not make an inactive chat active again: only the bot being added back does (`setActive`), so the service
   * message about the bot's own removal cannot undo the removal.
   */
  async remember(chat: TelegramChat): Promise<void> {
    const id = telegramId(chat.id);
    if (this.known.get(id)) return; // get, not has: a chat seen again is the most recently used
    const title = "title" in chat ? (chat.title ?? null) : null;
    await this.db.chat.upsert({
      where: { id },
      create: { id, type: chat.type, title },
      update: { type: chat.type, title },
    });
    this.known.set(id, true);
  }

  /**
   * Notes that a user is in a group. Written behind (batched every second or
   * 100 pairs) so a tap stays one or two statements; reads flush first.
   */
  async seen(chatId: TelegramId, userId: TelegramId): Promise<void> {
    const key = `${chatId}:${userId}`;
    if (this.members.get(key)) return; // get, not has: a pair seen again is the most recently used
    this.members.set(key, true);
    this.pendingMembers.set(key, { chatId, userId });
    if (this.pendingMembers.size < 100 || this.memberWritesFailing) return this.scheduleMemberFlush(1000);
    try {
      await this.flushMembers();
    } catch (error) {
      this.scheduleMemberFlush(1000); // from now on the timer retries, with back-off
      throw error;
    }
  }

  /** The write-behind's timer: never throws out of it; after a failure it tries again with back-off. */
  private scheduleMemberFlush(ms: number): void {
    if (this.memberTimer) return;
    this.memberTimer = setTimeout(async () => {
      this.memberTimer = null;
      const work = () => this.flushMembers();
      const backoff = this.memberWrites
        ? await this.memberWrites.run(work)
        : await work().then(
            () => 0,
            () => 1000,
          );
      if (backoff > 0 && this.pendingMembers.size > 0) this.scheduleMemberFlush(backoff);
    }, ms);
    this.memberTimer.unref?.();
  }

  async flushMembers(): Promise<void> {
    if (this.memberTimer) clearTimeout(this.memberTimer);
    this.memberTimer = null;
    const batch = [...this.pendingMembers.values()].reverse(); // values() is the most recent first
    this.pendingMembers.clear();
    if (batch.length === 0) return;
    try {
      // through the tap path (store/tap-path.ts): a statement of its own, not a Prisma query
      await this.tapPath.rememberMembers(batch, this.now());
      this.memberWritesFailing = false;
    } catch (error) {
      // the database is away: keep the batch for the next flush instead of losing it
      for (const m of batch) this.pendingMembers.set(`${m.chatId}:${m.userId}`, m);
      this.memberWritesFailing = true;
      throw error;
    }
  }

  async left(chatId: TelegramId, userId: TelegramId): Promise<void> {
    this.members.delete(`${chatId}:${userId}`);
    await this.db.chatMember.deleteMany({ where: { chatId: chatId, userId: userId } });
  }

  /** Drops what this process remembers about a person (their data was deleted by /forgetme). */
  forgetUser(userId: TelegramId): void {
    this.known.delete(userId);
    this.profiles.delete(userId);
    for (const key of [...this.members.keys()]) if (key.endsWith(`:${userId}`)) this.members.delete(key);
    for (const [key, m] of [...this.pendingMembers.entries()]) if (m.userId === userId) this.pendingMembers.delete(key);
  }

  /** Has the user been seen in any of these chats (and not left)? */
  async memberOfAny(userId: TelegramId, chatIds: TelegramId[]): Promise<boolean> {
    if (chatIds.length === 0) return false;
    await this.flushMembers();
    const row = await this.db.chatMember.findFirst({
      where: { userId, chatId: { in: chatIds } },
      select: { userId: true },
    });
    return row !== null;
  }

  /** Organisations of the active groups a user has been seen in. */
  async organisationsOfMember(userId: TelegramId): Promise<number[]> {
    await this.flushMembers();
    const rows = await this.db.chatMember.findMany({
      where: { userId: userId, chat: { active: true, organisationId: { not: null } } },
      select: { chat: { select: { organisationId: true } } },
    });
    return [...new Set(rows.flatMap((r) => (r.chat.organisationId === null ? [] : [r.chat.organisationId])))];
  }

  /** Cached for a minute per process; a change (made here or, through the change bus, elsewhere) forgets it at once. */
  async profile(chatId: TelegramId): Promise<ChatProfile | null> {
    const cached = this.profiles.get(chatId);
    if (cached !== undefined) return cached.profile;
    const chat = await this.find(chatId);
    const profile = chat
      ? {
          locale: chat.locale,
          organisationId: chat.organisationId,
          organisationLocale: chat.organisation?.locale ?? null,
          timeZone: chat.organisation?.timeZone ?? null,
          active: chat.active,
        }
      : null;
    this.profiles.set(chatId, { profile });
    return profile;
  }

  /** The chat's profile changed: forget it here and tell the other instances. */
  forget(chatId: TelegramId): void {
    this.profiles.delete(chatId);
    this.onForget(chatId);
  }

  /** Another instance changed this chat's profile. */
  forgetHere(chatId: TelegramId): void {
    this.profiles.delete(chatId);
  }

  /** Cached profiles may all be stale (the change bus reconnected and may have missed something). */
  forgetAllHere(): void {
    this.profiles.clear();
  }

  find(chatId: TelegramId) {
    return this.db.chat.findUnique({ where: { id: chatId }, include: { organisation: true } });
  }

  async setActive(chatId: TelegramId, active: boolean): Promise<void> {
    await this.db.chat.updateMany({ where: { id: chatId }, data: { active } });
    if (!active) this.known.delete(chatId);
    this.forget(chatId);
  }

  /**
   * A group became a supergroup: the organisation link, settings and posted
   * cards move to the new id; the old row stays, marked as migrated.
   */
  async migrate(from: TelegramId, to: TelegramId): Promise<{ movedConversations: number }> {
    let movedConversations = 0;
    await this.db.$transaction(async (tx) => {
      const old = await tx.chat.findUnique({ where: { id: from } });
      if (!old) return;
      // Both service messages (old and new chat) trigger this, possibly at once: only the first moves anything.
      const { count } = await tx.chat.updateMany({
        where: { id: from, migratedToId: null },
        data: { migratedToId: to },
      });
      if (count === 0) return;
      const { id: _id, createdAt: _c, updatedAt: _u, migratedToId: _m, ...carried } = old;
      await tx.chat.upsert({
        where: { id: to },
        create: { ...carried, id: to, type: "supergroup", active: true },
        update: { ...carried, type: "supergroup", active: true },
      });
      await tx.eventMessage.updateMany({ where: { chatId: from }, data: { chatId: to } });
      await tx.chatAdmin.deleteMany({ where: { chatId: from } });
      await tx.delivery.updateMany({ where: { chatId: from, status: "pending" }, data: { chatId: to } });
      await tx.chat.update({ where: { id: from }, data: { active: false, migratedToId: to, organisationId: null } });
      movedConversations = await moveConversations(tx, from, to);
    });
    this.known.delete(from);
    this.forget(from);
    this.forget(to);
    return { movedConversations };
  }

  /** Telegram admins of a group, from a cache refreshed every 10 minutes or when told to. */
  async admins(chatId: TelegramId, fetch: () => Promise<TelegramId[]>, force = false): Promise<Set<TelegramId>> {
    const chat = await this.db.chat.findUnique({
      where: { id: chatId },
      select: { adminsFetchedAt: true, admins: { select: { userId: true } } },
    });
    const fresh = chat?.adminsFetchedAt && this.now().getTime() - chat.adminsFetchedAt.getTime() < ADMIN_CACHE_MS;
    if (chat && fresh && !force) return new Set(chat.admins.map((a) => a.userId));
    const ids = await fetch();
    await this.db.$transaction([
      this.db.chatAdmin.deleteMany({ where: { chatId: chatId } }),
      this.db.chatAdmin.createMany({ data: ids.map((userId) => ({ chatId, userId })) }),
      this.db.chat.update({ where: { id: chatId }, data: { adminsFetchedAt: this.now() } }),
    ]);
    return new Set(ids);
  }

  /** Forget the cached admins (a chat_member update arrived). */
  async invalidateAdmins(chatId: TelegramId): Promise<void> {
    await this.db.chat.updateMany({ where: { id: chatId }, data: { adminsFetchedAt: null } });
  }
}

/**
 * The conversations a migration would strand: those held in the group (a /setup half done) move to the
 * supergroup, and a group picked in any other conversation (a private /newevent's groups) is the supergroup
 * from now on. Ids are stored as `{"$id":"…"}` (telegram-id.ts `stringifyWithIds`), so the exact token is
 * replaced and free text that happens to contain the number is left alone.
 */
async function moveConversations(tx: DbTransaction, from: TelegramId, to: TelegramId): Promise<number> {
  const held = await tx.conversation.findMany({ where: { chatId: from }, select: { userId: true } });
  for (const { userId } of held) {
    // one conversation per chat and user: one the user already started in the supergroup wins
    const there = await tx.conversation.findUnique({ where: { chatId_userId: { chatId: to, userId } } });
    if (there) await tx.conversation.delete({ where: { chatId_userId: { chatId: from, userId } } });
    else await tx.conversation.update({ where: { chatId_userId: { chatId: from, userId } }, data: { chatId: to } });
  }
  const token = stringifyWithIds(from);
  const naming = await tx.conversation.findMany({ where: { data: { contains: token } } });
  for (const row of naming) {
    await tx.conversation.update({
      where: { chatId_userId: { chatId: row.chatId, userId: row.userId } },
      data: { data: row.data.split(token).join(stringifyWithIds(to)) },
    });
  }
  return held.length;
}

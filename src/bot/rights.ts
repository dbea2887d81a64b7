import { apiId, type TelegramId, telegramId } from "../telegram-id.ts";
import type { YiqiContext } from "./context.ts";

/** The group's Telegram admins (cached; refreshed after chat_member updates). */
export async function chatAdmins(ctx: YiqiContext, chatId: TelegramId, force = false): Promise<Set<TelegramId>> {
  return ctx.services.chats.admins(
    chatId,
    async () =>
      (await ctx.api.getChatAdministrators(apiId(chatId)))
        .filter((m) => !m.user.is_bot)
        .map((m) => telegramId(m.user.id)),
    force,
  );
}

export async function isChatAdmin(ctx: YiqiContext, chatId: TelegramId, userId: TelegramId): Promise<boolean> {
  return (await chatAdmins(ctx, chatId)).has(userId);
}

/**
 * May this user organise for the organisation? Named organisers of it or of a
 * hub above it, and the Telegram admins of any group linked to it or to a hub above it.
 */
export async function canOrganise(ctx: YiqiContext, organisationId: number, userId: TelegramId): Promise<boolean> {
  const { organisations } = ctx.services;
  const chain = await organisations.ancestors(organisationId);
  for (const org of chain) {
    if (await organisations.isNamedOrganiser(org.id, userId)) return true;
  }
  for (const org of chain) {
    for (const chat of await organisations.groupsOf(org.id)) {
      try {
        if (await isChatAdmin(ctx, chat.id, userId)) return true;
      } catch (error) {
        ctx.log.warn({ err: error, chatId: String(chat.id) }, "could not read a group's admins");
      }
    }
  }
  return false;
}

/** A t.me deep link that opens the private chat with a start payload. */
export function deepLink(ctx: YiqiContext, payload: string): string {
  return `https://t.me/${ctx.me.username}?start=${payload}`;
}

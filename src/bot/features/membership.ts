import { Composer } from "grammy";
import { apiId, type TelegramId, telegramId } from "../../telegram-id.ts";
import type { YiqiContext } from "../context.ts";

/**
 * The bot added to / removed from a group, members promoted or demoted, a
 * group upgraded to a supergroup: the chat's row, admin cache and
 * organisation link follow.
 */
export function membershipFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const chatId = ctx.ids.chat;
    const gone = status === "left" || status === "kicked";
    if (ctx.myChatMember.chat.type === "private") {
      if (gone) await ctx.services.users.markBlocked(ctx.ids.user);
      return;
    }
    await ctx.services.chats.setActive(chatId, !gone);
    if (gone) {
      await ctx.services.outbox.skipChat(chatId, "the bot was removed from the chat");
      ctx.log.info({ chatId }, "removed from a group");
    } else {
      await ctx.services.chats.invalidateAdmins(chatId);
      const added =
        ctx.myChatMember.old_chat_member.status === "left" || ctx.myChatMember.old_chat_member.status === "kicked";
      if (added) await ctx.reply(ctx.t("start-group")).catch(() => undefined);
    }
  });

  feature.on("chat_member", async (ctx) => {
    await ctx.services.chats.invalidateAdmins(ctx.ids.chat);
    const status = ctx.chatMember.new_chat_member.status;
    if (status === "left" || status === "kicked") {
      await ctx.services.chats.left(ctx.ids.chat, telegramId(ctx.chatMember.new_chat_member.user.id));
    }
  });

  // A conversation half done in the group (a /setup waiting for an answer) moved to the supergroup: its
  // question is in the old chat, so ask for the answer again there, as a message one can reply to.
  const migrated = async (ctx: YiqiContext, from: TelegramId, to: TelegramId) => {
    const { movedConversations } = await ctx.services.chats.migrate(from, to);
    if (movedConversations === 0) return;
    const t = ctx.services.translator.for(await ctx.services.languages.ofChat(to));
    await ctx.api.sendMessage(apiId(to), t("conversation-migrated"), { reply_markup: { force_reply: true } });
  };
  feature.on("message:migrate_to_chat_id", async (ctx) => {
    await migrated(ctx, ctx.ids.chat, telegramId(ctx.message.migrate_to_chat_id));
    ctx.log.info({ from: ctx.chat.id, to: ctx.message.migrate_to_chat_id }, "group became a supergroup");
  });
  feature.on("message:migrate_from_chat_id", async (ctx) => {
    await migrated(ctx, telegramId(ctx.message.migrate_from_chat_id), ctx.ids.chat);
  });
  feature.on("message:left_chat_member", async (ctx) => {
    await ctx.services.chats.left(ctx.ids.chat, telegramId(ctx.message.left_chat_member.id));
    await ctx.services.chats.invalidateAdmins(ctx.ids.chat);
  });
  return feature;
}

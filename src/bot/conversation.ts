import type { ConversationKind, ConversationState } from "../services/conversations.ts";
import type { YiqiContext } from "./context.ts";

/**
 * The user's conversation of this kind in this chat. One stored by an older
 * version of its steps is cleared and the user is asked to start again
 * ("told": the update is answered; do not pass it on).
 */
export async function conversationOf<T>(
  ctx: YiqiContext,
  kind: ConversationKind<T>,
): Promise<ConversationState<T> | null | "told"> {
  const state = await ctx.services.conversations.get(ctx.ids.chat, ctx.ids.user, kind);
  if (state !== "outdated") return state;
  await ctx.services.conversations.clear(ctx.ids.chat, ctx.ids.user);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.tp("conversation-outdated"), show_alert: true });
  else await ctx.reply(ctx.t("conversation-outdated"));
  return "told";
}

/** Saves where the user's conversation of this kind stands (in the chat of the update). */
export function saveConversation<T>(ctx: YiqiContext, kind: ConversationKind<T>, step: string, data: T): Promise<void> {
  return ctx.services.conversations.set(ctx.ids.chat, ctx.ids.user, kind, step, data);
}

export function endConversation(ctx: YiqiContext): Promise<void> {
  return ctx.services.conversations.clear(ctx.ids.chat, ctx.ids.user);
}

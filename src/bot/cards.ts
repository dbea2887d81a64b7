import { viewHash } from "../delivery/card-refresher.ts";
import { apiId, type TelegramId } from "../telegram-id.ts";
import { sendOptions } from "../views/view.ts";
import type { YiqiContext } from "./context.ts";

/**
 * Posts an event's card into a chat, in that chat's language, and remembers
 * it so it is kept up to date and its buttons are trusted. Defaults to the
 * chat the update came from. False when the event does not exist.
 */
export async function postCard(ctx: YiqiContext, eventId: number, chatId: TelegramId = ctx.ids.chat): Promise<boolean> {
  const { languages, presenter, cards } = ctx.services;
  const locale = chatId === ctx.ids.chat ? ctx.locale : await languages.ofChat(chatId);
  const view = await presenter.card(eventId, locale);
  if (!view) return false;
  const sent = await ctx.api.sendMessage(apiId(chatId), view.text, sendOptions(view));
  await cards.remember(eventId, chatId, sent.message_id, viewHash(view));
  return true;
}

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
  // Every tap in the /events list posts a card: keep only the newest few of this event in this chat, so a
  // busy group is not flooded. The older ones are forgotten first (the refresher no longer edits them and
  // their buttons are refused as stale), then deleted (the bot's own messages; a failure leaves them be).
  for (const old of await cards.retireBeyond(eventId, chatId, LIVE_CARDS_PER_CHAT)) {
    await ctx.api.deleteMessage(apiId(chatId), old).catch((error: unknown) => {
      ctx.log.debug({ err: error, messageId: old }, "could not delete an old card");
    });
  }
  return true;
}

/** Live cards of one event in one chat, at most: the newest are kept, older ones are deleted. */
export const LIVE_CARDS_PER_CHAT = 2;

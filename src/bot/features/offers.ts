import { Composer } from "grammy";
import type { CallbackPayload } from "../../views/callback-data.ts";
import { offerView } from "../../views/hold-views.ts";
import { userText } from "../../views/html.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";

/**
 * Accept / Decline on a place offered from the waitlist. The button names only the event: the offer is looked up
 * for the person who pressed it, so a forwarded or forged button offers nobody else's place.
 */
async function respond(ctx: YiqiContext, { id }: CallbackPayload, accept: boolean): Promise<unknown> {
  const outcome = await ctx.services.holds.respond(id, ctx.ids.user, accept, ctx.services.now());
  const event = await ctx.services.events.get(id);
  const title = userText(event?.title ?? "", 200);
  if (outcome.kind === "none") return ctx.answerCallbackQuery({ text: ctx.tp("offer-none"), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const key = {
    accepted: "offer-accepted",
    declined: "offer-declined",
    already_confirmed: "offer-already",
    expired: "offer-expired",
  }[outcome.kind];
  return ctx.reply(ctx.tp(key, { title }), { parse_mode: "HTML" });
}

/** The offer buttons, and the `of_` link that shows an offer to someone who never started the bot. */
export function offersFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.chatType("private").command("start", async (ctx, next) => {
    const id = /^of_(\d{1,10})$/.exec(ctx.match)?.[1];
    if (id === undefined) return next();
    const eventId = Number(id);
    const [event, signup] = await Promise.all([
      ctx.services.events.get(eventId),
      ctx.services.answers.signupOf(eventId, ctx.ids.user),
    ]);
    const until = signup?.status === "offered" ? signup.heldUntil : null;
    if (!event || !until || until.getTime() <= ctx.services.now().getTime()) return ctx.reply(ctx.t("offer-none"));
    const view = offerView(event, until, ctx.services.presenter.viewContext(ctx.locale));
    return ctx.reply(view.text, sendOptions(view));
  });

  callbacks.add({
    offerAccept: (ctx, payload) => respond(ctx, payload, true),
    offerDecline: (ctx, payload) => respond(ctx, payload, false),
  });
  return feature;
}

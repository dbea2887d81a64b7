import { encodeCallback } from "../../views/callback-data.ts";
import { userText } from "../../views/html.ts";
import { patternText } from "../../views/series-views.ts";
import { callbackButton, keyboard } from "../../views/view.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

/**
 * The one confirmation before an event is cancelled (from the card's organiser
 * menu and from /cancelevent): how many people it affects, Cancel it / Keep it.
 * Rights are checked on every press.
 */
export async function askToCancelEvent(ctx: YiqiContext, eventId: number): Promise<unknown> {
  const event = await ctx.services.events.get(eventId);
  if (!event) return ctx.answerCallbackQuery({ text: ctx.tp("toast-event-missing") });
  if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
    return ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
  }
  const count = (await ctx.services.signups.counts([eventId])).get(eventId) ?? { confirmed: 0, waitlisted: 0 };
  const place = await ctx.services.events.seriesPlace(eventId, ctx.services.now());
  if (place && place.ids.length > 1 && place.ids.includes(eventId)) {
    // one occurrence of a recurring activity: this one, or this and every later one
    const title = userText(event.title, 200);
    const rule = patternText(place.pattern, ctx);
    await ctx.reply(ctx.t("cancel-series-ask", { title, rule, count: count.confirmed + count.waitlisted }), {
      parse_mode: "HTML",
      reply_markup: keyboard([
        [callbackButton(ctx.t("btn-cancel-this-one"), encodeCallback("cancelEventConfirm", eventId))],
        [
          callbackButton(
            ctx.t("btn-cancel-future", { count: place.ids.length }),
            encodeCallback("cancelSeriesConfirm", eventId),
          ),
        ],
        [callbackButton(ctx.t("btn-keep-event"), encodeCallback("abort", eventId))],
      ]),
    });
    return ctx.answerCallbackQuery();
  }
  await ctx.reply(
    ctx.t("cancel-event-ask", { title: userText(event.title, 200), count: count.confirmed + count.waitlisted }),
    {
      parse_mode: "HTML",
      reply_markup: keyboard([
        [callbackButton(ctx.t("btn-cancel-event-confirm"), encodeCallback("cancelEventConfirm", eventId))],
        [callbackButton(ctx.t("btn-keep-event"), encodeCallback("abort", eventId))],
      ]),
    },
  );
  return ctx.answerCallbackQuery();
}

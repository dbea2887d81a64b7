import { Composer } from "grammy";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";
import { eventAccess } from "../scope.ts";
import { toast, untilCardRecorded } from "../taps.ts";

/** A card's buttons for every upcoming occurrence of a recurring activity: sign up for all, cancel all. */
export function seriesFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  callbacks.add({
    async signUpSeries(ctx, { id }) {
      const card = ctx.callbackQuery?.message;
      if (!card) return toast(ctx, "toast-stale-button");
      // as for one tap: in a group the recorded card is the check; a card in private is checked again
      if (ctx.chat?.type === "private") {
        const event = await ctx.services.events.get(id);
        if (!event || (await eventAccess(ctx, event)) === "none")
          return toast(ctx, "event-not-visible", undefined, true);
      }
      const chatId = ctx.chat?.type === "private" ? null : ctx.ids.chat;
      const tap = () =>
        ctx.services.series.signUpAll(id, ctx.ids.user, chatId, ctx.services.now(), {
          chatId: ctx.ids.chat,
          messageId: card.message_id,
        });
      // as for one tap: a card just posted may not be recorded yet
      const outcome = await untilCardRecorded(tap);
      switch (outcome.kind) {
        case "done":
          return toast(ctx, "toast-series-signed-up", { ...outcome.tally }, true);
        case "stale":
          return toast(ctx, "toast-stale-button");
        case "missing":
          return toast(ctx, "toast-event-missing");
        case "pick_role":
          return toast(ctx, "toast-pick-role");
        case "questions":
          return toast(ctx, "toast-series-questions", undefined, true);
      }
    },

    /** organiser: cancel this and every later occurrence (from the cancel confirmation) */
    async cancelSeriesConfirm(ctx, { id }) {
      const event = await ctx.services.events.get(id);
      if (!event) return toast(ctx, "toast-event-missing");
      if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
        return toast(ctx, "toast-not-organiser", undefined, true);
      }
      const count = await ctx.services.series.cancelFuture(id, ctx.services.now());
      if (count === 0) return toast(ctx, "toast-not-in-state");
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return toast(ctx, "toast-series-cancelled-events", { count });
    },

    async cancelSeries(ctx, { id }) {
      const message = ctx.callbackQuery?.message;
      if (!message || !(await ctx.services.cards.isCardOf(id, ctx.ids.chat, message.message_id))) {
        return toast(ctx, "toast-stale-button");
      }
      const cancelled = await ctx.services.series.cancelAll(id, ctx.ids.user, ctx.services.now());
      if (cancelled === null) return toast(ctx, "toast-event-missing");
      return toast(ctx, "toast-series-cancelled", { count: cancelled });
    },
  });
  return feature;
}

import { Composer } from "grammy";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { toast } from "../taps.ts";

/** The guest buttons of a card (+1, +2, none): a confirmed member brings guests who hold places. */
export function guestsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  callbacks.add({
    async guests(ctx, { id, arg }) {
      const message = ctx.callbackQuery?.message;
      if (!message || arg === null || !(await ctx.services.cards.isCardOf(id, ctx.ids.chat, message.message_id))) {
        return toast(ctx, "toast-stale-button");
      }
      const outcome = await ctx.services.guests.setGuests(id, ctx.ids.user, arg, ctx.services.now());
      switch (outcome.kind) {
        case "set":
        case "unchanged":
          return outcome.guests === 0
            ? toast(ctx, "toast-guests-none")
            : toast(ctx, "toast-guests-set", { count: outcome.guests, places: outcome.guests + 1 });
        case "full":
          return toast(ctx, "toast-guests-full", { free: outcome.free });
        case "not_signed_up":
          return toast(ctx, "toast-guests-sign-up-first");
        case "waitlisted":
          return toast(ctx, "toast-guests-waitlisted");
        case "too_many":
          return toast(ctx, "toast-guests-too-many", { max: outcome.max });
        case "closed":
          return toast(ctx, "toast-refused-closed");
        case "missing":
          return toast(ctx, "toast-event-missing");
      }
    },
  });
  return feature;
}

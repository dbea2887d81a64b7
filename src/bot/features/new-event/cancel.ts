import { Composer } from "grammy";
import type { CallbackRoutes } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { askToCancelEvent } from "../cancel-event.ts";
import { eventButtons, manageableHere } from "./pick.ts";

/** /cancelevent: pick one of the events the user organises, then the one cancel confirmation. */
export function cancelFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("cancelevent", async (ctx) => {
    const events = await manageableHere(ctx);
    if (events.length === 0) return;
    return ctx.reply(ctx.t("cancel-pick"), { reply_markup: eventButtons(events, "cancelPick") });
  });

  callbacks.add({
    cancelPick: (ctx, payload) => askToCancelEvent(ctx, payload.id),
  });

  return feature;
}

import { Composer } from "grammy";
import { keyboard, urlButton } from "../../../views/view.ts";
import type { CallbackRoutes } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { deepLink } from "../../rights.ts";
import { groupOrganisation } from "../../scope.ts";
import { cancelFeature } from "./cancel.ts";
import { editFeature } from "./edit.ts";
import { oneLineInGroup, oneLineInPrivate } from "./one-line.ts";
import { newEventLink } from "./state.ts";
import { chooseOrganisation, wizardFeature } from "./wizard.ts";

/**
 * /newevent: in private the guided form, or the one-line form with the line;
 * in a group the one-line form, or a link to the guided form in private. Also /edit and /cancelevent.
 */
export function newEventFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("newevent", async (ctx) => {
    const line = ctx.match.trim();
    if (ctx.chat?.type === "private") return line ? oneLineInPrivate(ctx, line) : chooseOrganisation(ctx);
    const orgId = await groupOrganisation(ctx);
    if (orgId === null) return ctx.reply(ctx.t("events-not-set-up"));
    if (orgId === "refused") return ctx.reply(ctx.t("newevent-not-organiser"));
    if (line) return oneLineInGroup(ctx, line, orgId);
    return ctx.reply(ctx.t("form-continue-private"), {
      reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, newEventLink(ctx.ids.chat)))]]),
    });
  });

  feature.use(wizardFeature(callbacks), editFeature(callbacks), cancelFeature(callbacks));
  return feature;
}

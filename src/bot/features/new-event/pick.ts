import { type Action, encodeCallback } from "../../../views/callback-data.ts";
import { callbackButton, keyboard } from "../../../views/view.ts";
import type { YiqiContext } from "../../context.ts";
import { groupOrganisation, organisedBy } from "../../scope.ts";
import { label } from "./form.ts";

/** Organisations whose events the user may manage from here: in a group its own, in private all they organise. */
async function managedHere(ctx: YiqiContext): Promise<number[]> {
  if (ctx.chat?.type === "private") return (await organisedBy(ctx)).map((o) => o.id);
  const orgId = await groupOrganisation(ctx);
  return typeof orgId === "number" ? [orgId] : [];
}

export type ManageableEvent = Awaited<ReturnType<YiqiContext["services"]["events"]["manageable"]>>[number];

/**
 * The events the user may edit or cancel from this chat. When there are none
 * the user has been told why (not an organiser, or no events) and the result is empty.
 */
export async function manageableHere(ctx: YiqiContext): Promise<ManageableEvent[]> {
  const orgIds = await managedHere(ctx);
  if (orgIds.length === 0) {
    await ctx.reply(ctx.t("form-not-organiser"));
    return [];
  }
  return manageableOf(ctx, orgIds);
}

/** The events of these organisations that can still be managed; "no events" told when there are none. */
export async function manageableOf(ctx: YiqiContext, orgIds: number[]): Promise<ManageableEvent[]> {
  const events = await ctx.services.events.manageable(orgIds, ctx.services.now());
  if (events.length === 0) await ctx.reply(ctx.t("events-none"));
  return events;
}

/** One button per event, by title. */
export function eventButtons(events: ManageableEvent[], action: Action) {
  return keyboard(events.map((e) => [callbackButton(label(e.title, 50), encodeCallback(action, e.id))]));
}

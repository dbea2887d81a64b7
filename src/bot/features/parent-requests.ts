import { Composer } from "grammy";
import type { Translate } from "../../i18n/translator.ts";
import { apiId } from "../../telegram-id.ts";
import type { CallbackPayload } from "../../views/callback-data.ts";
import { encodeCallback } from "../../views/callback-data.ts";
import { userText } from "../../views/html.ts";
import { callbackButton, keyboard } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

/**
 * An organisation named a hub as its parent without the hub's join code: the hub's organisers are asked in
 * the hub's groups (Approve / Decline, organisers of the hub only) and the asking group hears the outcome.
 */
export async function askHubToApprove(
  ctx: YiqiContext,
  org: { id: number; name: string },
  hubId: number,
  t: Translate,
): Promise<void> {
  const { organisations, languages } = ctx.services;
  const hub = await organisations.find(hubId);
  const groups = await organisations.groupsOf(hubId);
  if (!hub || groups.length === 0) {
    await ctx.reply(t("parent-unreachable"));
    return;
  }
  const request = await organisations.requestParent({
    organisationId: org.id,
    hubId,
    chatId: ctx.ids.chat,
    requestedById: ctx.ids.user,
  });
  let asked = 0;
  for (const group of groups) {
    const tg = ctx.services.translator.for(await languages.ofChat(group.id));
    try {
      await ctx.api.sendMessage(
        apiId(group.id),
        tg("parent-request", {
          org: userText(org.name, 100),
          hub: userText(hub.name, 100),
          by: userText(ctx.from?.first_name ?? "", 60),
          chat: userText(ctx.chat?.title ?? "", 100),
        }),
        {
          parse_mode: "HTML",
          reply_markup: keyboard([
            [
              callbackButton(tg("parent-btn-approve"), encodeCallback("parentApprove", request.id)),
              callbackButton(tg("parent-btn-decline"), encodeCallback("parentDecline", request.id)),
            ],
          ]),
        },
      );
      asked++;
    } catch (error) {
      ctx.log.warn({ err: error, chatId: String(group.id) }, "could not ask a hub's group to approve a parent request");
    }
  }
  await ctx.reply(t(asked > 0 ? "parent-asked" : "parent-unreachable", { hub: userText(hub.name, 100) }), {
    parse_mode: "HTML",
  });
}

async function decide(ctx: YiqiContext, payload: CallbackPayload) {
  const approve = payload.action === "parentApprove";
  const { organisations, translator, languages } = ctx.services;
  const request = await organisations.findParentRequest(payload.id);
  // forged ids and other hubs' requests get the same answer as a member's tap: nothing is changed
  if (!request || !(await canOrganise(ctx, request.hubId, ctx.ids.user))) {
    return ctx.answerCallbackQuery({ text: ctx.t("toast-not-organiser"), show_alert: true });
  }
  const decided = await organisations.decideParent(request.id, approve, ctx.ids.user, ctx.services.now());
  if (!decided) return ctx.answerCallbackQuery({ text: ctx.t("parent-already-decided") });
  await ctx.answerCallbackQuery();
  const [org, hub] = await Promise.all([organisations.find(decided.organisationId), organisations.find(decided.hubId)]);
  const names = { org: userText(org?.name ?? "", 100), hub: userText(hub?.name ?? "", 100) };
  const outcome = approve ? "parent-approved" : "parent-declined";
  await ctx
    .editMessageText(ctx.t(`${outcome}-hub`, { ...names, by: userText(ctx.from?.first_name ?? "", 60) }), {
      parse_mode: "HTML",
    })
    .catch((error: unknown) => ctx.log.warn({ err: error }, "could not update a parent request message"));
  const tr = translator.for(await languages.ofChat(decided.chatId));
  await ctx.api
    .sendMessage(apiId(decided.chatId), tr(outcome, names), { parse_mode: "HTML" })
    .catch((error: unknown) => ctx.log.warn({ err: error }, "could not tell the asking group the outcome"));
}

export const parentRequestHandlers: CallbackHandlers = { parentApprove: decide, parentDecline: decide };

/** The hub organisers' Approve / Decline buttons. */
export function parentRequestsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  callbacks.add(parentRequestHandlers);
  return feature;
}

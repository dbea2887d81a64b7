import { Composer, InputFile } from "grammy";
import { qrPng } from "../../exports/qr.ts";
import { CHECK_IN_PREFIX } from "../../services/check-in.ts";
import { apiId, type TelegramId } from "../../telegram-id.ts";
import { checkInCodeView, checkInOutcomeText } from "../../views/check-in-views.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { sendPrivately } from "../private.ts";
import { canOrganise, deepLink } from "../rights.ts";

/** The QR image of the event's check-in link, with the link and a "new code" button, to the organiser privately. */
async function sendCode(ctx: YiqiContext, eventId: number, token: string, userId: TelegramId) {
  const event = await ctx.services.events.get(eventId);
  if (!event) return false;
  const link = deepLink(ctx, `${CHECK_IN_PREFIX}${token}`);
  const view = checkInCodeView(event, link, ctx.services.presenter.viewContext(ctx.personalLocale));
  const { link_preview_options: _none, ...options } = sendOptions(view);
  await ctx.api.sendPhoto(apiId(userId), new InputFile(await qrPng(link), `yiqi-check-in-${eventId}.png`), {
    caption: view.text,
    ...options,
  });
  return true;
}

/** Rights on every press (the button is only a hint); an event that is over or cancelled has no check-in. */
async function organisedEvent(ctx: YiqiContext, eventId: number) {
  const event = await ctx.services.events.get(eventId);
  if (!event) {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-event-missing") });
    return null;
  }
  if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
    return null;
  }
  if (event.status === "cancelled" || event.endsAt.getTime() <= ctx.services.now().getTime()) {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-not-in-state") });
    return null;
  }
  return event;
}

const handlers: CallbackHandlers = {
  async checkInCode(ctx, { id }) {
    if (!(await organisedEvent(ctx, id))) return;
    const token = await ctx.services.checkIn.token(id, ctx.ids.user);
    return sendPrivately(ctx, `mg_${id}`, (userId) => sendCode(ctx, id, token, userId));
  },

  async checkInRenew(ctx, { id }) {
    if (!(await organisedEvent(ctx, id))) return;
    const token = await ctx.services.checkIn.renew(id, ctx.ids.user);
    const user = await ctx.services.users.find(ctx.ids.user);
    if (!user?.startedBot) return ctx.answerCallbackQuery({ url: deepLink(ctx, `mg_${id}`) });
    await sendCode(ctx, id, token, ctx.ids.user);
    return ctx.answerCallbackQuery({ text: ctx.tp("toast-check-in-renewed") });
  },
};

/**
 * Check-in at the venue (issue 15): organisers get a QR code of a `t.me/<bot>?start=ci_<token>` link from the
 * roster; a member who opens it is marked attended (domain/check-in.ts decides when and who).
 */
export function checkInFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  callbacks.add(handlers);
  feature.chatType("private").command("start", async (ctx, next) => {
    if (!ctx.match.startsWith(CHECK_IN_PREFIX)) return next();
    const token = ctx.match.slice(CHECK_IN_PREFIX.length);
    const outcome = await ctx.services.checkIn.checkIn(token, ctx.ids.user, ctx.services.now());
    if (outcome.kind === "unknown") ctx.log.info("check-in with an unknown code");
    return ctx.reply(checkInOutcomeText(outcome, ctx.services.presenter.viewContext(ctx.locale)), {
      parse_mode: "HTML",
    });
  });
  return feature;
}

import { Composer } from "grammy";
import { encodeCallback } from "../../views/callback-data.ts";
import { userText } from "../../views/html.ts";
import { callbackButton, keyboard, sendOptions } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import { postCard } from "../cards.ts";
import type { YiqiContext } from "../context.ts";
import { isChatAdmin } from "../rights.ts";
import { chatScope } from "../scope.ts";

/** Join codes as newJoinCode makes them (older or hand-made ones may be a little longer or shorter). */
const CODE = /^[A-Za-z0-9]{4,16}$/;
/** Up to this many upcoming events get their cards in a newly linked group; more are shown as the list. */
const MAX_CARDS = 5;

/**
 * One-tap linking: the `t.me/<bot>?startgroup=<code>` link adds the bot to a group and Telegram then
 * sends `/start <code>` there. A group admin confirms with a button and the group is linked to that
 * organisation; its upcoming events follow as cards (or as the /events list when there are many).
 */
async function offerLink(ctx: YiqiContext, code: string) {
  const org = await ctx.services.organisations.findByJoinCode(code);
  if (!org) return ctx.reply(ctx.t("setup-code-unknown", { code: userText(code, 20) }), { parse_mode: "HTML" });
  const profile = await ctx.services.chats.profile(ctx.ids.chat);
  if (profile?.organisationId === org.id) {
    return ctx.reply(ctx.t("link-already", { name: userText(org.name, 100) }), { parse_mode: "HTML" });
  }
  if (!(await isChatAdmin(ctx, ctx.ids.chat, ctx.ids.user))) return ctx.reply(ctx.t("link-admins-only"));
  const current = profile?.organisationId ? await ctx.services.organisations.find(profile.organisationId) : null;
  const text = current
    ? ctx.t("link-ask-change", { name: userText(org.name, 100), current: userText(current.name, 100) })
    : ctx.t("link-ask", { name: userText(org.name, 100) });
  return ctx.reply(text, {
    parse_mode: "HTML",
    reply_markup: keyboard([
      [
        callbackButton(
          ctx.t("btn-link-confirm", { name: Array.from(org.name).slice(0, 30).join("") }),
          encodeCallback("linkGroup", org.id),
        ),
      ],
    ]),
  });
}

/** The linked group's upcoming events: cards when there are a few, else the first page of /events. */
async function showEvents(ctx: YiqiContext) {
  const scope = await chatScope(ctx);
  if (!scope) return;
  const { events, presenter, now } = ctx.services;
  const { total, events: upcoming } = await events.upcoming(scope.orgs, now(), 0, MAX_CARDS);
  if (total === 0) return ctx.reply(ctx.t("link-no-events"));
  if (total <= MAX_CARDS) {
    for (const event of upcoming) await postCard(ctx, event.id);
    return;
  }
  const view = await presenter.eventList(scope.orgs, scope.several, 0, ctx.locale);
  return ctx.reply(view.text, sendOptions(view));
}

const handlers: CallbackHandlers = {
  async linkGroup(ctx, { id }) {
    if (ctx.chat?.type !== "group" && ctx.chat?.type !== "supergroup") return ctx.answerCallbackQuery();
    if (!(await isChatAdmin(ctx, ctx.ids.chat, ctx.ids.user))) {
      return ctx.answerCallbackQuery({ text: ctx.t("link-admins-only"), show_alert: true });
    }
    // Only the button the bot put on its offer (made after `/start <join code>` here) links: forged data naming
    // any organisation id would otherwise link this group — and make its admins that organisation's organisers.
    const offered = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard
      .flat()
      .some((b) => "callback_data" in b && b.callback_data === ctx.callbackQuery?.data);
    const org = offered ? await ctx.services.organisations.find(id) : null;
    if (!org) return ctx.answerCallbackQuery({ text: ctx.t("toast-stale-button"), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const profile = await ctx.services.chats.profile(ctx.ids.chat);
    if (profile?.organisationId === org.id) return; // pressed twice
    await ctx.services.organisations.linkChat(ctx.ids.chat, org.id);
    ctx.services.chats.forget(ctx.ids.chat);
    // from now on the group speaks its organisation's language (unless it chose its own)
    const locale = await ctx.services.languages.ofChat(ctx.ids.chat);
    const t = ctx.services.translator.for(locale);
    await ctx.reply(t("setup-joined", { name: userText(org.name, 100) }), { parse_mode: "HTML" });
    return showEvents(Object.assign(ctx, { locale, t }));
  },
};

export function groupLinkFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.chatType(["group", "supergroup"]).command("start", (ctx, next) => {
    const code = ctx.match.trim();
    return CODE.test(code) ? offerLink(ctx, code) : next();
  });
  callbacks.add(handlers);
  return feature;
}

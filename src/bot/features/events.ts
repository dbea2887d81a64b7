import { Composer, GrammyError, InputFile } from "grammy";
import type { Locale } from "../../config/config.ts";
import { eventCalendar } from "../../services/calendar.ts";
import { type CallbackPayload, encodeCallback } from "../../views/callback-data.ts";
import { eventTime, placeText } from "../../views/event-views.ts";
import { userText } from "../../views/html.ts";
import { callbackButton, keyboard, sendOptions, urlButton, type View } from "../../views/view.ts";
import { type CallbackHandlers, handleCallbacks } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise, deepLink, isChatAdmin } from "../rights.ts";

/** The organisations whose events this chat shows: the group's organisation and all below it, or a member's groups. */
async function organisationsForChat(ctx: YiqiContext): Promise<number[] | null> {
  const { chats, organisations } = ctx.services;
  if (!ctx.chat) return null;
  if (ctx.chat.type === "private") {
    const roots = ctx.from ? await chats.organisationsOfMember(ctx.from.id) : [];
    const all = new Set<number>();
    for (const root of roots) for (const id of await organisations.subtreeIds(root)) all.add(id);
    return [...all];
  }
  const profile = await chats.profile(ctx.chat.id);
  if (!profile?.organisationId) return null;
  return organisations.subtreeIds(profile.organisationId);
}

async function replyView(ctx: YiqiContext, view: View) {
  return ctx.reply(view.text, sendOptions(view));
}

/** Posts an event card into the current chat and remembers it so it is kept up to date. */
export async function postCard(ctx: YiqiContext, eventId: number): Promise<boolean> {
  const view = await ctx.services.presenter.card(eventId, ctx.locale);
  if (!view || !ctx.chat) return false;
  const sent = await replyView(ctx, view);
  await ctx.services.cards.remember(eventId, ctx.chat.id, sent.message_id);
  return true;
}

async function listEvents(ctx: YiqiContext) {
  const orgIds = await organisationsForChat(ctx);
  if (orgIds === null) {
    const admin = ctx.from && ctx.chat ? await isChatAdmin(ctx, ctx.chat.id, ctx.from.id).catch(() => false) : false;
    return ctx.reply(ctx.t(admin ? "events-not-set-up-admin" : "events-not-set-up"));
  }
  if (orgIds.length === 0) return ctx.reply(ctx.t("events-private-none"));
  return replyView(ctx, await ctx.services.presenter.eventList(orgIds, 0, ctx.locale));
}

/** Is this callback about an event that belongs where the button was pressed? */
async function eventBelongsHere(ctx: YiqiContext, eventId: number): Promise<boolean> {
  const message = ctx.callbackQuery?.message;
  if (!message) return false;
  if (await ctx.services.cards.isCardOf(eventId, message.chat.id, message.message_id)) return true;
  const event = await ctx.services.events.get(eventId);
  const orgIds = await organisationsForChat(ctx);
  return event !== null && (orgIds?.includes(event.organisationId) ?? false);
}

const toast = (ctx: YiqiContext, key: string, args?: Record<string, string | number>, alert = false) =>
  ctx.answerCallbackQuery({ text: ctx.t(key, args), show_alert: alert });

/** Sends something privately, or tells the user how to open the private chat first. */
async function sendPrivately(ctx: YiqiContext, payload: string, send: (userId: number) => Promise<unknown>) {
  const user = ctx.from ? await ctx.services.users.find(ctx.from.id) : null;
  if (!ctx.from || !user?.startedBot) {
    return ctx.answerCallbackQuery({ url: deepLink(ctx, payload) });
  }
  try {
    await send(ctx.from.id);
  } catch (error) {
    if (!(error instanceof GrammyError) || error.error_code !== 403) throw error;
    ctx.log.info({ err: error }, "private message refused; offering the deep link");
    await ctx.services.users.markBlocked(ctx.from.id);
    return ctx.answerCallbackQuery({ url: deepLink(ctx, payload) });
  }
  if (ctx.chat?.type === "private") return ctx.answerCallbackQuery();
  return toast(ctx, "toast-sent-private");
}

export async function sendCalendar(ctx: YiqiContext, eventId: number, userId: number, locale: Locale) {
  const event = await ctx.services.events.get(eventId);
  if (!event) return false;
  const file = eventCalendar(event, ctx.services.now(), ctx.me.username);
  const t = ctx.services.translator.for(locale);
  await ctx.api.sendDocument(userId, new InputFile(Buffer.from(file, "utf8"), `yiqi-event-${eventId}.ics`), {
    caption: t("calendar-caption", { title: Array.from(event.title).slice(0, 200).join("") }),
  });
  return true;
}

export async function sendRoster(ctx: YiqiContext, eventId: number, userId: number, locale: Locale) {
  const view = await ctx.services.presenter.roster(eventId, locale);
  if (!view) return false;
  await ctx.api.sendMessage(userId, view.text, sendOptions(view));
  return true;
}

const handlers: CallbackHandlers = {
  async page(ctx, { id: page }) {
    const orgIds = await organisationsForChat(ctx);
    if (!orgIds || orgIds.length === 0) return toast(ctx, "toast-stale-button");
    const view = await ctx.services.presenter.eventList(orgIds, page, ctx.locale);
    await ctx.editMessageText(view.text, sendOptions(view)).catch((e) => ctx.log.debug({ err: e }, "page unchanged"));
    return ctx.answerCallbackQuery();
  },

  async open(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    await postCard(ctx, id);
    return ctx.answerCallbackQuery();
  },

  async signUp(ctx, { id }) {
    const card = ctx.callbackQuery?.message;
    if (!ctx.from || !card) return toast(ctx, "toast-stale-button");
    const chatId = card.chat.type !== "private" ? card.chat.id : null;
    const outcome = await ctx.services.signups.signUp(id, ctx.from.id, chatId, ctx.services.now(), {
      chatId: card.chat.id,
      messageId: card.message_id,
    });
    switch (outcome.kind) {
      case "confirmed":
        return toast(ctx, "toast-signed-up");
      case "waitlisted":
        return toast(ctx, "toast-waitlisted", { position: outcome.position });
      case "already_confirmed":
        return toast(ctx, "toast-already-confirmed");
      case "already_waitlisted":
        return toast(ctx, "toast-already-waitlisted", { position: outcome.position });
      case "refused":
        return toast(ctx, `toast-refused-${outcome.reason}`);
      case "stale":
        return toast(ctx, "toast-stale-button");
      case "missing":
        return toast(ctx, "toast-event-missing");
    }
  },

  async cancel(ctx, { id }) {
    if (!ctx.from) return;
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    const outcome = await ctx.services.signups.cancel(id, ctx.from.id, ctx.services.now());
    switch (outcome.kind) {
      case "cancelled":
        return toast(ctx, outcome.wasWaitlisted ? "toast-cancelled-waitlist" : "toast-cancelled");
      case "not_signed_up":
        return toast(ctx, "toast-not-signed-up");
      case "refused":
        return toast(ctx, "toast-refused-ended");
      case "missing":
        return toast(ctx, "toast-event-missing");
    }
  },

  async who(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    const text = await ctx.services.presenter.whoIsGoing(id, ctx.locale);
    if (text === null) return toast(ctx, "toast-event-missing");
    return ctx.answerCallbackQuery({ text, show_alert: true });
  },

  async calendar(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    const locale = ctx.services.translator.negotiate(ctx.from?.language_code);
    return sendPrivately(ctx, `ic_${id}`, (userId) => sendCalendar(ctx, id, userId, locale));
  },

  async manage(ctx, { id }) {
    const event = await ctx.services.events.get(id);
    if (!event || !(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    if (!ctx.from || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
      return toast(ctx, "toast-not-organiser", undefined, true);
    }
    const locale = ctx.services.translator.negotiate(ctx.from.language_code);
    return sendPrivately(ctx, `mg_${id}`, (userId) => sendRoster(ctx, id, userId, locale));
  },

  close: (ctx, p) =>
    organiserAction(ctx, p, async (id) => ctx.services.events.setSignupsOpen(id, false), "toast-closed"),
  reopen: (ctx, p) =>
    organiserAction(ctx, p, async (id) => ctx.services.events.setSignupsOpen(id, true), "toast-reopened"),

  async cancelEvent(ctx, { id }) {
    const event = await ctx.services.events.get(id);
    if (!event) return toast(ctx, "toast-event-missing");
    if (!ctx.from || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
      return toast(ctx, "toast-not-organiser", undefined, true);
    }
    const count = (await ctx.services.signups.counts([id])).get(id)!;
    await ctx.reply(
      ctx.t("cancel-event-ask", { title: userText(event.title, 200), count: count.confirmed + count.waitlisted }),
      {
        parse_mode: "HTML",
        reply_markup: keyboard([
          [callbackButton(ctx.t("btn-cancel-event-confirm"), encodeCallback("cancelEventConfirm", id))],
          [callbackButton(ctx.t("btn-keep-event"), encodeCallback("abort", id))],
        ]),
      },
    );
    return ctx.answerCallbackQuery();
  },

  cancelEventConfirm: (ctx, p) =>
    organiserAction(ctx, p, (id) => ctx.services.events.cancel(id), "toast-event-cancelled"),

  async abort(ctx) {
    await ctx.deleteMessage().catch(() => undefined);
    return ctx.answerCallbackQuery();
  },
};

/** An organiser-only action: rights are checked on every press, never trusted from the button. */
async function organiserAction(
  ctx: YiqiContext,
  { id }: CallbackPayload,
  act: (eventId: number) => Promise<boolean>,
  doneKey: string,
) {
  const event = await ctx.services.events.get(id);
  if (!event) return toast(ctx, "toast-event-missing");
  if (!ctx.from || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
    return toast(ctx, "toast-not-organiser", undefined, true);
  }
  if (!(await act(id))) return toast(ctx, "toast-not-in-state");
  const view = await ctx.services.presenter.roster(id, ctx.locale);
  if (view && ctx.callbackQuery?.message && ctx.chat?.type === "private") {
    await ctx.editMessageText(view.text, sendOptions(view)).catch(() => undefined);
  }
  return toast(ctx, doneKey);
}

/** /events, /my, event cards and every button on them. */
export function eventsFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("events", listEvents);

  feature.command("my", async (ctx) => {
    if (!ctx.from || !ctx.chat) return;
    if (ctx.chat.type !== "private") {
      return ctx.reply(ctx.t("my-in-group-start"), {
        reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, "my"))]]),
      });
    }
    return replyView(ctx, await myView(ctx, ctx.from.id));
  });

  feature.chatType("private").command("start", async (ctx, next) => {
    const match = /^(ic|mg|ev|my)_?(\d*)$/.exec(ctx.match);
    if (!match) return next();
    const id = Number(match[2]);
    switch (match[1]) {
      case "my":
        return replyView(ctx, await myView(ctx, ctx.from.id));
      case "ic":
        return (await sendCalendar(ctx, id, ctx.from.id, ctx.locale)) || ctx.reply(ctx.t("toast-event-missing"));
      case "ev":
        return (await postCard(ctx, id)) || ctx.reply(ctx.t("toast-event-missing"));
      case "mg": {
        const event = await ctx.services.events.get(id);
        if (!event) return ctx.reply(ctx.t("toast-event-missing"));
        if (!(await canOrganise(ctx, event.organisationId, ctx.from.id)))
          return ctx.reply(ctx.t("toast-not-organiser"));
        return sendRoster(ctx, id, ctx.from.id, ctx.locale);
      }
    }
  });

  handleCallbacks(feature, handlers);
  return feature;
}

async function myView(ctx: YiqiContext, userId: number): Promise<View> {
  const rows = await ctx.services.signups.mine(userId, ctx.services.now());
  if (rows.length === 0) return { text: ctx.t("my-none") };
  const v = ctx.services.presenter.viewContext(ctx.locale);
  const lines = rows.map((r) => {
    const state =
      r.position === null ? ctx.t("my-line-confirmed") : ctx.t("my-line-waitlisted", { position: r.position });
    return `<b>${userText(r.event.title, 80)}</b>\n${eventTime(r.event, v)} · ${placeText(r.event, v)}\n${state}`;
  });
  return {
    text: [ctx.t("my-header"), "", lines.join("\n\n")].join("\n"),
    reply_markup: keyboard(
      rows
        .slice(0, 20)
        .map((r) => [
          callbackButton(Array.from(r.event.title).slice(0, 40).join(""), encodeCallback("open", r.eventId)),
        ]),
    ),
  };
}

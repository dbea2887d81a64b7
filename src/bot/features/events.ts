import { Composer, InputFile } from "grammy";
import type { Locale } from "../../config/config.ts";
import { HOLD_MINUTES } from "../../domain/signup-rules.ts";
import { eventCalendar } from "../../services/calendar.ts";
import { apiId, type TelegramId } from "../../telegram-id.ts";
import type { CallbackPayload } from "../../views/callback-data.ts";
import { mySignupsView } from "../../views/my-views.ts";
import { keyboard, sendOptions, urlButton, type View } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import { postCard } from "../cards.ts";
import type { YiqiContext } from "../context.ts";
import { sendPrivately } from "../private.ts";
import { canOrganise, deepLink, isChatAdmin } from "../rights.ts";
import { chatScope, type EventAccess, eventAccess, seesNames } from "../scope.ts";
import { toast, untilCardRecorded } from "../taps.ts";
import { askToCancelEvent } from "./cancel-event.ts";
import { askAfterTap } from "./questions.ts";

async function replyView(ctx: YiqiContext, view: View) {
  return ctx.reply(view.text, sendOptions(view));
}

async function listEvents(ctx: YiqiContext) {
  const scope = await chatScope(ctx);
  if (scope === null && ctx.chat?.type === "private") return ctx.reply(ctx.t("events-private-none"));
  if (scope === null) {
    const admin = await isChatAdmin(ctx, ctx.ids.chat, ctx.ids.user).catch(() => false);
    return ctx.reply(ctx.t(admin ? "events-not-set-up-admin" : "events-not-set-up"));
  }
  return replyView(ctx, await ctx.services.presenter.eventList(scope.orgs, scope.several, 0, ctx.locale));
}

/** Is this callback about an event that belongs where the button was pressed? */
async function eventBelongsHere(ctx: YiqiContext, eventId: number): Promise<boolean> {
  const message = ctx.callbackQuery?.message;
  if (!message) return false;
  if (await ctx.services.cards.isCardOf(eventId, ctx.ids.chat, message.message_id)) return true;
  const scope = await chatScope(ctx);
  return scope !== null && (await ctx.services.events.shownIn(eventId, scope.orgs));
}

/** The event and what this user may see of it (bot/scope.ts `eventAccess`); access "none" when it does not exist. */
async function accessTo(ctx: YiqiContext, eventId: number) {
  const event = await ctx.services.events.get(eventId);
  const access: EventAccess = event ? await eventAccess(ctx, event) : "none";
  return { event, access };
}

export async function sendCalendar(ctx: YiqiContext, eventId: number, userId: TelegramId, locale: Locale) {
  const event = await ctx.services.events.get(eventId);
  if (!event) return false;
  const file = eventCalendar(event, ctx.services.now(), ctx.me.username);
  const t = ctx.services.translator.for(locale);
  await ctx.api.sendDocument(apiId(userId), new InputFile(Buffer.from(file, "utf8"), `yiqi-event-${eventId}.ics`), {
    caption: t("calendar-caption", { title: Array.from(event.title).slice(0, 200).join("") }),
  });
  return true;
}

export async function sendRoster(ctx: YiqiContext, eventId: number, userId: TelegramId, locale: Locale) {
  const view = await ctx.services.presenter.roster(eventId, locale);
  if (!view) return false;
  await ctx.api.sendMessage(apiId(userId), view.text, sendOptions(view));
  if (await ctx.services.presenter.rosterOverflows(eventId, locale)) {
    // a big event: the message shows the counts and the first names that fit; everyone is in the spreadsheet
    const t = ctx.services.translator.for(locale);
    const { csv, rows } = await ctx.services.exports.signupsCsv([eventId], { t, locale, now: ctx.services.now() });
    await ctx.api.sendDocument(apiId(userId), new InputFile(csv, `yiqi-signups-${eventId}.csv`), {
      caption: t("roster-document", { count: rows }),
    });
  }
  return true;
}

/** Everyone going, by first name, as a text document (when the names do not fit in an alert). */
async function sendNames(ctx: YiqiContext, eventId: number, userId: TelegramId, locale: Locale): Promise<boolean> {
  const who = await ctx.services.presenter.whoIsGoingList(eventId, locale);
  if (!who) return false;
  const names = who.names ?? who.text;
  await ctx.api.sendDocument(apiId(userId), new InputFile(Buffer.from(names, "utf8"), `yiqi-going-${eventId}.txt`), {
    caption: who.text,
  });
  return true;
}

const handlers: CallbackHandlers = {
  async page(ctx, { id: page }) {
    const scope = await chatScope(ctx);
    if (scope === null) return toast(ctx, "toast-stale-button");
    const view = await ctx.services.presenter.eventList(scope.orgs, scope.several, page, ctx.locale);
    await ctx.editMessageText(view.text, sendOptions(view)).catch((e) => ctx.log.debug({ err: e }, "page unchanged"));
    return ctx.answerCallbackQuery();
  },

  async open(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    if ((await accessTo(ctx, id)).access === "none") return toast(ctx, "event-not-visible", undefined, true);
    await postCard(ctx, id);
    return ctx.answerCallbackQuery();
  },

  async signUp(ctx, { id, arg: roleId }) {
    const card = ctx.callbackQuery?.message;
    if (!card) return toast(ctx, "toast-stale-button");
    // In a group the recorded card is the check (cards are posted only into groups that show the event);
    // a card in a private chat was posted after `eventAccess`, and is checked again here.
    if (ctx.chat?.type === "private" && (await accessTo(ctx, id)).access === "none") {
      return toast(ctx, "event-not-visible", undefined, true);
    }
    const chatId = ctx.chat?.type === "private" ? null : ctx.ids.chat;
    const tap = () =>
      ctx.services.signups.signUp(
        id,
        ctx.ids.user,
        chatId,
        ctx.services.now(),
        { chatId: ctx.ids.chat, messageId: card.message_id },
        roleId,
      );
    const outcome = await untilCardRecorded(tap);
    const role = roleId === null ? undefined : (await ctx.services.events.roles(id)).find((r) => r.id === roleId);
    switch (outcome.kind) {
      case "confirmed":
        return role ? toast(ctx, "toast-signed-up-role", { role: role.name }) : toast(ctx, "toast-signed-up");
      case "held":
        // the place is held while the questions are answered in private (bot/features/questions.ts)
        return askAfterTap(ctx, id, ctx.tp("toast-held", { minutes: HOLD_MINUTES }));
      case "waitlisted": {
        const text = role
          ? ctx.tp("toast-waitlisted-role", { role: role.name, position: outcome.position })
          : ctx.tp("toast-waitlisted", { position: outcome.position });
        if (outcome.asks) return askAfterTap(ctx, id, text);
        return ctx.answerCallbackQuery({ text });
      }
      case "offered":
        return toast(ctx, "toast-offered");
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
      case "pick_role":
        return toast(ctx, "toast-pick-role");
    }
  },

  async cancel(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    const outcome = await ctx.services.signups.cancel(id, ctx.ids.user, ctx.services.now());
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
    const { access } = await accessTo(ctx, id);
    if (access === "none") return toast(ctx, "event-not-visible", undefined, true);
    if (!seesNames(access)) return toast(ctx, "who-members-only", undefined, true);
    const who = await ctx.services.presenter.whoIsGoingList(id, ctx.personalLocale);
    if (who === null) return toast(ctx, "toast-event-missing");
    if (who.names === null) return ctx.answerCallbackQuery({ text: who.text, show_alert: true });
    // too many names for an alert: the counts, and the whole list privately as a document
    const user = await ctx.services.users.find(ctx.ids.user);
    if (!user?.startedBot) return ctx.answerCallbackQuery({ url: deepLink(ctx, `wh_${id}`) });
    await sendNames(ctx, id, ctx.ids.user, ctx.personalLocale);
    return ctx.answerCallbackQuery({ text: `${who.text}\n${ctx.tp("who-sent-private")}`, show_alert: true });
  },

  async calendar(ctx, { id }) {
    if (!(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    if ((await accessTo(ctx, id)).access === "none") return toast(ctx, "event-not-visible", undefined, true);
    const locale = ctx.personalLocale;
    return sendPrivately(ctx, `ic_${id}`, (userId) => sendCalendar(ctx, id, userId, locale));
  },

  async manage(ctx, { id }) {
    const event = await ctx.services.events.get(id);
    if (!event || !(await eventBelongsHere(ctx, id))) return toast(ctx, "toast-stale-button");
    if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
      return toast(ctx, "toast-not-organiser", undefined, true);
    }
    const locale = ctx.personalLocale;
    return sendPrivately(ctx, `mg_${id}`, (userId) => sendRoster(ctx, id, userId, locale));
  },

  close: (ctx, p) =>
    organiserAction(ctx, p, async (id) => ctx.services.events.setSignupsOpen(id, false), "toast-closed"),
  reopen: (ctx, p) =>
    organiserAction(ctx, p, async (id) => ctx.services.events.setSignupsOpen(id, true), "toast-reopened"),

  async togglePublic(ctx, { id }) {
    const event = await ctx.services.events.get(id);
    if (!event) return toast(ctx, "toast-event-missing");
    if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
      return toast(ctx, "toast-not-organiser", undefined, true);
    }
    const isPublic = !event.isPublic;
    await ctx.services.events.setPublic(id, isPublic);
    const view = await ctx.services.presenter.roster(id, ctx.locale);
    if (view && ctx.callbackQuery?.message) {
      await ctx.editMessageText(view.text, sendOptions(view)).catch(() => undefined);
    }
    return toast(ctx, isPublic ? "toast-made-public" : "toast-made-members-only");
  },

  cancelEvent: (ctx, { id }) => askToCancelEvent(ctx, id),

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
  if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
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
export function eventsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.command("events", listEvents);

  feature.command("my", async (ctx) => {
    if (ctx.chat?.type !== "private") {
      return ctx.reply(ctx.t("my-in-group-start"), {
        reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, "my"))]]),
      });
    }
    return replyView(ctx, await myView(ctx));
  });

  feature.chatType("private").command("start", async (ctx, next) => {
    const match = /^(ic|mg|ev|my|wh)_?(\d*)$/.exec(ctx.match);
    if (!match) return next();
    const id = Number(match[2]);
    switch (match[1]) {
      case "my":
        return replyView(ctx, await myView(ctx));
      case "ic":
      case "ev": {
        // a missing and a private event get the same answer: a link tells a stranger nothing
        if ((await accessTo(ctx, id)).access === "none") return ctx.reply(ctx.t("event-not-visible"));
        const done =
          match[1] === "ic" ? await sendCalendar(ctx, id, ctx.ids.user, ctx.locale) : await postCard(ctx, id);
        return done || ctx.reply(ctx.t("event-not-visible"));
      }
      case "wh": {
        const { access } = await accessTo(ctx, id);
        if (access === "none" || !seesNames(access)) return ctx.reply(ctx.t("event-not-visible"));
        return (await sendNames(ctx, id, ctx.ids.user, ctx.locale)) || ctx.reply(ctx.t("event-not-visible"));
      }
      case "mg": {
        const event = await ctx.services.events.get(id);
        if (!event) return ctx.reply(ctx.t("toast-event-missing"));
        if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user)))
          return ctx.reply(ctx.t("toast-not-organiser"));
        return sendRoster(ctx, id, ctx.ids.user, ctx.locale);
      }
    }
  });

  callbacks.add(handlers);
  return feature;
}

async function myView(ctx: YiqiContext): Promise<View> {
  const rows = await ctx.services.signups.mine(ctx.ids.user, ctx.services.now());
  const history = await ctx.services.attendance.history(ctx.ids.user, ctx.services.now());
  return mySignupsView(rows, ctx.services.presenter.viewContext(ctx.locale), history);
}

import { Composer } from "grammy";
import { parseHours } from "../../domain/volunteer-hours.ts";
import type { AttendanceOutcome } from "../../services/attendance.ts";
import { conversationKind } from "../../services/conversations.ts";
import { attendanceView, hoursText } from "../../views/attendance-views.ts";
import { userText } from "../../views/html.ts";
import { sendOptions, type View } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { conversationOf, endConversation, saveConversation } from "../conversation.ts";
import { canOrganise } from "../rights.ts";

const KIND = conversationKind<HoursState>("hours", 1);

interface HoursState {
  eventId: number;
}

async function sheetView(ctx: YiqiContext, eventId: number, page: number): Promise<View | null> {
  const sheet = await ctx.services.attendance.sheet(eventId);
  if (!sheet) return null;
  const { event, people } = sheet;
  const window = {
    start: event.startsAt,
    end: event.endsAt,
    precision: event.precision,
    timeZone: event.timeZone,
    openEnded: event.openEnded,
  };
  return attendanceView(
    { id: event.id, title: event.title, hours: event.hours, window },
    people,
    page,
    ctx.services.presenter.viewContext(ctx.locale),
  );
}

/** Rights are checked on every press: the button is only a hint. */
async function mayOrganise(ctx: YiqiContext, eventId: number): Promise<boolean> {
  const event = await ctx.services.events.get(eventId);
  if (!event) {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-event-missing") });
    return false;
  }
  if (!(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
    await ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
    return false;
  }
  return true;
}

async function refresh(ctx: YiqiContext, eventId: number, page: number) {
  const view = await sheetView(ctx, eventId, page);
  if (view)
    await ctx.editMessageText(view.text, sendOptions(view)).catch((e) => ctx.log.debug({ err: e }, "unchanged"));
}

async function answerOutcome(ctx: YiqiContext, outcome: AttendanceOutcome, doneKey: string) {
  if (outcome.kind === "not_started") return ctx.answerCallbackQuery({ text: ctx.tp("attendance-not-started") });
  if (outcome.kind === "missing") return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
  return ctx.answerCallbackQuery({ text: ctx.tp(doneKey, { count: outcome.count }) });
}

const handlers: CallbackHandlers = {
  async attendance(ctx, { id, arg }) {
    if (!(await mayOrganise(ctx, id))) return;
    const view = await sheetView(ctx, id, arg ?? 0);
    if (!view) return ctx.answerCallbackQuery({ text: ctx.tp("toast-event-missing") });
    // from the roster (no page): a new message; ◀ ▶ on the sheet: the sheet itself
    if (arg === null) await ctx.reply(view.text, sendOptions(view));
    else await refresh(ctx, id, arg);
    return ctx.answerCallbackQuery();
  },

  async attendAll(ctx, { id }) {
    if (!(await mayOrganise(ctx, id))) return;
    const outcome = await ctx.services.attendance.markAllAttended(id, ctx.services.now());
    if (outcome.kind === "done") await refresh(ctx, id, 0);
    return answerOutcome(ctx, outcome, "attendance-marked");
  },

  async attendToggle(ctx, { id: signupId, arg }) {
    const eventId = await ctx.services.attendance.eventOfSignup(signupId);
    if (eventId === null) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    if (!(await mayOrganise(ctx, eventId))) return;
    const outcome = await ctx.services.attendance.toggle(eventId, signupId, ctx.services.now());
    if (outcome.kind === "done") await refresh(ctx, eventId, arg ?? 0);
    return answerOutcome(ctx, outcome, "attendance-switched");
  },

  async hoursLength(ctx, { id }) {
    if (!(await mayOrganise(ctx, id))) return;
    await ctx.services.attendance.setHours(id, null);
    await refresh(ctx, id, 0);
    return ctx.answerCallbackQuery();
  },

  async hoursSet(ctx, { id }) {
    if (!(await mayOrganise(ctx, id))) return;
    const event = await ctx.services.events.get(id);
    const state: HoursState = { eventId: id };
    await saveConversation(ctx, KIND, "hours", state);
    await ctx.reply(ctx.t("attendance-ask-hours", { title: userText(event?.title ?? "", 100) }), {
      parse_mode: "HTML",
      reply_markup: { force_reply: true, selective: true },
    });
    return ctx.answerCallbackQuery();
  },
};

/** Attendance after an event (from the organiser's roster) and the hours each attendee gets. */
export function attendanceFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  callbacks.add(handlers);

  feature.on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const state = await conversationOf(ctx, KIND);
    if (state === "told") return;
    if (state === null) return next();
    const { eventId } = state.data;
    const event = await ctx.services.events.get(eventId);
    if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
      await endConversation(ctx);
      return ctx.reply(ctx.t("toast-not-organiser"));
    }
    const hours = parseHours(ctx.message.text);
    if (hours === null) {
      return ctx.reply(ctx.t("attendance-hours-bad", { value: userText(ctx.message.text, 40) }), {
        parse_mode: "HTML",
      });
    }
    await endConversation(ctx);
    await ctx.services.attendance.setHours(eventId, hours);
    await ctx.reply(
      ctx.t("attendance-hours-saved", { hours: hoursText(hours, ctx.services.presenter.viewContext(ctx.locale)) }),
    );
    const view = await sheetView(ctx, eventId, 0);
    if (view) await ctx.reply(view.text, sendOptions(view));
  });
  return feature;
}

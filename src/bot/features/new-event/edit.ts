import { Composer } from "grammy";
import { answerField, type FormField, formFields, isFormField } from "../../../domain/event-form.ts";
import { describePattern } from "../../../domain/recurrence.ts";
import { startOfLocalDay } from "../../../domain/time/calendar.ts";
import { formatTimeWindow } from "../../../domain/time/format.ts";
import type { EventWithOrg } from "../../../services/events.ts";
import { type CallbackPayload, encodeCallback } from "../../../views/callback-data.ts";
import { windowOf } from "../../../views/event-views.ts";
import { userText } from "../../../views/html.ts";
import { callbackButton, keyboard, urlButton } from "../../../views/view.ts";
import type { CallbackRoutes } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { conversationOf, endConversation, saveConversation } from "../../conversation.ts";
import { canOrganise, deepLink } from "../../rights.ts";
import { organisedBy } from "../../scope.ts";
import {
  applyToFuture,
  askScope,
  type EditScope,
  laterOccurrences,
  makeRecurring,
  refuseNewRule,
} from "./edit-series.ts";
import { formContext, formExpired, replyFieldError, shortenedLines, timeNoteLines } from "./form.ts";
import { eventButtons, manageableHere, manageableOf } from "./pick.ts";
import { seriesOf } from "./series.ts";
import { editKind } from "./state.ts";

/** The button presses of /edit: which event, then which part (the event's rights checked on each). */
async function onEditButton(ctx: YiqiContext, payload: CallbackPayload): Promise<unknown> {
  const event = await ctx.services.events.get(payload.id);
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
    return ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  if (payload.action === "editPick") {
    return ctx.reply(ctx.t("edit-which", { title: userText(event.title, 200) }), {
      parse_mode: "HTML",
      reply_markup: keyboard(
        formFields.map((f, i) => [callbackButton(ctx.t(`form-field-${f}`), encodeCallback("editField", event.id, i))]),
      ),
    });
  }
  const field = payload.arg === null ? undefined : formFields[payload.arg];
  if (!field) return;
  await saveConversation(ctx, editKind, field, { eventId: event.id });
  return ctx.reply(ctx.t(`form-ask-${field}`), { parse_mode: "HTML" });
}

/** The parts whose change the people signed up are offered to be told of (old → new). */
const noticeFields = new Set<FormField>(["time", "place"]);

/** Applies a typed part (checked again: the clock may have moved) and, if chosen, tells the people signed up. */
async function applyEdit(
  ctx: YiqiContext,
  eventId: number,
  field: FormField,
  text: string,
  notify: boolean,
  scope: EditScope = "one",
) {
  const event = await ctx.services.events.get(eventId);
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) return formExpired(ctx);
  const form = await formContext(ctx, event.organisationId);
  const result = answerField(field, text, { window: windowOf(event) }, form);
  if (!result.ok) return replyFieldError(ctx, field, result);
  const notes = field === "time" ? timeNoteLines(ctx, text, form) : [];
  if (scope === "future") {
    const changes = await applyToFuture(ctx, event, result.patch);
    await endConversation(ctx);
    const told = notify ? await ctx.services.changeNotices.editedMany(changes) : 0;
    const title = userText(result.patch.title ?? event.title, 200);
    const done = ctx.t("edit-done-series", { title, count: changes.length });
    const notice = notify ? [ctx.t("edit-notified", { count: told })] : [];
    const cut = result.shortened ? shortenedLines(ctx, [field], result.draft) : [];
    return ctx.reply([done, ...cut, ...notes, ...notice].join("\n"), { parse_mode: "HTML" });
  }
  // a recurring time on a one-off event: it becomes the first of a series, counted from the event's own day
  const from = startOfLocalDay(event.startsAt, event.timeZone);
  const seriesForm = { ...form, now: new Date(Math.max(form.now.getTime(), from.getTime())) };
  const convert = result.draft.series !== undefined && event.seriesId === null;
  const first = convert ? seriesOf(text, seriesForm)?.occurrences[0] : undefined;
  await ctx.services.events.update(event.id, first ? { ...result.patch, window: first } : result.patch, form.now);
  const recurring = first ? await makeRecurring(ctx, event, text, seriesForm) : null;
  await endConversation(ctx);
  const told = notify ? await ctx.services.changeNotices.edited(event.id, event) : 0;
  const title = userText(result.patch.title ?? event.title, 200);
  const last = recurring?.series.occurrences.at(-1);
  const done =
    recurring && first && last
      ? ctx.t("edit-converted-series", {
          title,
          rule: describePattern(recurring.series.pattern, ctx.locale),
          count: recurring.series.occurrences.length,
          first: formatTimeWindow(first, ctx.locale, { now: form.now }),
          final: formatTimeWindow(last, ctx.locale, { now: form.now }),
        })
      : ctx.t("edit-done", { title });
  const cut = result.shortened ? shortenedLines(ctx, [field], result.draft) : [];
  const notice = notify ? [ctx.t("edit-notified", { count: told })] : [];
  return ctx.reply([done, ...cut, ...notes, ...notice].join("\n"), { parse_mode: "HTML" });
}

/**
 * After a valid part: for an occurrence with later ones, which of them (this one, or all from it on); then, for
 * the time or the place with people signed up, whether to tell them; then the edit.
 */
async function askOrApply(ctx: YiqiContext, event: EventWithOrg, field: FormField, text: string, scope?: EditScope) {
  if (scope === undefined) {
    const later = await laterOccurrences(ctx, event.id);
    if (later) {
      await saveConversation(ctx, editKind, "scope", { eventId: event.id, field, text });
      return askScope(ctx, event, later.pattern, later.ids.length);
    }
  }
  const ids = scope === "future" ? ((await laterOccurrences(ctx, event.id))?.ids ?? [event.id]) : [event.id];
  const people = noticeFields.has(field) ? await ctx.services.signups.peopleSignedUpIn(ids) : 0;
  if (people === 0) return applyEdit(ctx, event.id, field, text, false, scope);
  // the time or the place changed and people are signed up: the organiser chooses whether to tell them
  await saveConversation(ctx, editKind, "notify", { eventId: event.id, field, text, ...(scope ? { scope } : {}) });
  return ctx.reply(ctx.t("edit-ask-notify", { count: people }), {
    parse_mode: "HTML",
    reply_markup: keyboard([
      [callbackButton(ctx.t("edit-btn-notify"), encodeCallback("editNotify", event.id, 1))],
      [callbackButton(ctx.t("edit-btn-no-notify"), encodeCallback("editNotify", event.id, 0))],
    ]),
  });
}

/** "This one only" / "this and the later ones": the typed part waits in the conversation until then. */
async function onScopeButton(ctx: YiqiContext, payload: CallbackPayload): Promise<unknown> {
  const state = await conversationOf(ctx, editKind);
  if (state === "told") return;
  const { field, text } = state ? state.data : {};
  if (state?.step !== "scope" || state.data.eventId !== payload.id || !field || text === undefined) {
    return ctx.answerCallbackQuery({ text: ctx.tp("form-expired") });
  }
  const event = await ctx.services.events.get(payload.id);
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) {
    return ctx.answerCallbackQuery({ text: ctx.tp("toast-not-organiser"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  return askOrApply(ctx, event, field, text, payload.arg === 1 ? "future" : "one");
}

/** "Tell the people signed up?" — yes or no; the edit waits in the conversation until then. */
async function onNotifyButton(ctx: YiqiContext, payload: CallbackPayload): Promise<unknown> {
  const state = await conversationOf(ctx, editKind);
  if (state === "told") return;
  const { field, text } = state ? state.data : {};
  if (state?.step !== "notify" || state.data.eventId !== payload.id || !field || text === undefined) {
    return ctx.answerCallbackQuery({ text: ctx.tp("form-expired") });
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  return applyEdit(ctx, payload.id, field, text, payload.arg === 1, state.data.scope);
}

/** /edit: pick an event, pick a part, type it; the change reaches every card of the event. */
export function editFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("edit", async (ctx) => {
    const events = await manageableHere(ctx);
    if (events.length === 0) return;
    if (ctx.chat?.type !== "private") {
      return ctx.reply(ctx.t("form-continue-private"), {
        reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, "edit"))]]),
      });
    }
    return ctx.reply(ctx.t("edit-pick"), { reply_markup: eventButtons(events, "editPick") });
  });

  feature.chatType("private").command("start", async (ctx, next) => {
    if (ctx.match !== "edit") return next();
    const events = await manageableOf(
      ctx,
      (await organisedBy(ctx)).map((o) => o.id),
    );
    if (events.length === 0) return;
    return ctx.reply(ctx.t("edit-pick"), { reply_markup: eventButtons(events, "editPick") });
  });

  callbacks.add({
    editPick: onEditButton,
    editField: onEditButton,
    editNotify: onNotifyButton,
    editScope: onScopeButton,
  });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const state = await conversationOf(ctx, editKind);
    if (state === "told") return;
    if (!state || !isFormField(state.step)) return next();
    const field = state.step;
    const event = await ctx.services.events.get(state.data.eventId);
    if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) return formExpired(ctx);
    const result = answerField(field, text, { window: windowOf(event) }, await formContext(ctx, event.organisationId));
    if (!result.ok) return replyFieldError(ctx, field, result);
    if (result.draft.series && event.seriesId !== null) {
      const place = await ctx.services.events.seriesPlace(event.id, ctx.services.now());
      return refuseNewRule(ctx, event, place?.pattern ?? "");
    }
    return askOrApply(ctx, event, field, text);
  });

  return feature;
}

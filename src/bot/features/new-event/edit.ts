import { Composer } from "grammy";
import { answerField, type FormField, formFields, isFormField } from "../../../domain/event-form.ts";
import { type CallbackPayload, encodeCallback } from "../../../views/callback-data.ts";
import { userText } from "../../../views/html.ts";
import { callbackButton, keyboard, urlButton } from "../../../views/view.ts";
import { handleCallbacks } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { conversationOf, endConversation, saveConversation } from "../../conversation.ts";
import { canOrganise, deepLink } from "../../rights.ts";
import { organisedBy } from "../../scope.ts";
import { formContext, formExpired, replyFieldError, shortenedLines, timeNoteLines } from "./form.ts";
import { eventButtons, manageableHere, manageableOf } from "./pick.ts";
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
async function applyEdit(ctx: YiqiContext, eventId: number, field: FormField, text: string, notify: boolean) {
  const event = await ctx.services.events.get(eventId);
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) return formExpired(ctx);
  const current = {
    window: { start: event.startsAt, end: event.endsAt, precision: event.precision, timeZone: event.timeZone },
  };
  const form = await formContext(ctx, event.organisationId);
  const result = answerField(field, text, current, form);
  if (!result.ok) return replyFieldError(ctx, field, result);
  await ctx.services.events.update(event.id, result.patch, ctx.services.now());
  await endConversation(ctx);
  const told = notify ? await ctx.services.changeNotices.edited(event.id, event) : 0;
  const done = ctx.t("edit-done", { title: userText(result.patch.title ?? event.title, 200) });
  const notes = field === "time" ? timeNoteLines(ctx, text, form) : [];
  const cut = result.shortened ? shortenedLines(ctx, [field], result.draft) : [];
  const notice = notify ? [ctx.t("edit-notified", { count: told })] : [];
  return ctx.reply([done, ...cut, ...notes, ...notice].join("\n"), { parse_mode: "HTML" });
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
  return applyEdit(ctx, payload.id, field, text, payload.arg === 1);
}

/** /edit: pick an event, pick a part, type it; the change reaches every card of the event. */
export function editFeature(): Composer<YiqiContext> {
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

  handleCallbacks(feature, { editPick: onEditButton, editField: onEditButton, editNotify: onNotifyButton });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const state = await conversationOf(ctx, editKind);
    if (state === "told") return;
    if (!state || !isFormField(state.step)) return next();
    const field = state.step;
    const event = await ctx.services.events.get(state.data.eventId);
    if (!event || !(await canOrganise(ctx, event.organisationId, ctx.ids.user))) return formExpired(ctx);
    const current = {
      window: { start: event.startsAt, end: event.endsAt, precision: event.precision, timeZone: event.timeZone },
    };
    const result = answerField(field, text, current, await formContext(ctx, event.organisationId));
    if (!result.ok) return replyFieldError(ctx, field, result);
    const people = noticeFields.has(field) ? await ctx.services.signups.peopleSignedUp(event.id) : 0;
    if (people === 0) return applyEdit(ctx, event.id, field, text, false);
    // the time or the place changed and people are signed up: the organiser chooses whether to tell them
    await saveConversation(ctx, editKind, "notify", { eventId: event.id, field, text });
    return ctx.reply(ctx.t("edit-ask-notify", { count: people }), {
      parse_mode: "HTML",
      reply_markup: keyboard([
        [callbackButton(ctx.t("edit-btn-notify"), encodeCallback("editNotify", event.id, 1))],
        [callbackButton(ctx.t("edit-btn-no-notify"), encodeCallback("editNotify", event.id, 0))],
      ]),
    });
  });

  return feature;
}

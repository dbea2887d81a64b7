import { Composer } from "grammy";
import {
  answerField,
  type EventDraft,
  isFormField,
  nextMissing,
  skipButton,
  skipField,
  skippedField,
} from "../../../domain/event-form.ts";
import { formatTimeWindow } from "../../../domain/time/format.ts";
import type { TelegramId } from "../../../telegram-id.ts";
import { encodeCallback } from "../../../views/callback-data.ts";
import { userText } from "../../../views/html.ts";
import { callbackButton, keyboard } from "../../../views/view.ts";
import type { CallbackRoutes } from "../../callbacks.ts";
import type { YiqiContext } from "../../context.ts";
import { conversationOf, saveConversation } from "../../conversation.ts";
import { canOrganise } from "../../rights.ts";
import { organisedBy } from "../../scope.ts";
import { formContext, label, replyFieldError, shortenedLines, timeNoteLines } from "./form.ts";
import { askGroups, groupButtons } from "./groups.ts";
import { seriesNoteLines, seriesReading } from "./series.ts";
import { groupOfLink, loadDraft, newEventKind, type StartedState, started, storeDraft } from "./state.ts";
import { wizardButton } from "./wizard-button.ts";

/** Answers of the time-confirm step's buttons (the `arg` of newStep; skip buttons use the form's own numbers). */
const timeAnswers = { ok: 0, retype: 1 } as const;

/** Asks for the next missing part (with its skip button, if it has one), or goes on to the groups. */
/** Asks for the next part the draft lacks; `before`: lines said first in the same message (e.g. "✂️ shortened"). */
export async function ask(ctx: YiqiContext, state: StartedState, before: string[] = []): Promise<unknown> {
  const field = nextMissing(loadDraft(state.draft));
  if (field === null) {
    if (before.length > 0) await ctx.reply(before.join("\n"), { parse_mode: "HTML" });
    return askGroups(ctx, state);
  }
  await saveConversation(ctx, newEventKind, field, state);
  const skip = skipButton(field);
  const buttons = skip ? [[callbackButton(ctx.t(skip.label), encodeCallback("newStep", 0, skip.answer))]] : [];
  return ctx.reply([...before, ctx.t(`form-ask-${field}`)].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard(buttons),
  });
}

/** Echoes how the time was read, to be confirmed or typed again. */
async function confirmTime(ctx: YiqiContext, state: StartedState): Promise<unknown> {
  const draft = loadDraft(state.draft);
  const { window, timeText } = draft;
  if (!window) return ask(ctx, state);
  await saveConversation(ctx, newEventKind, "time-confirm", state);
  const form = await formContext(ctx, state.orgId);
  const notes = timeText ? [...timeNoteLines(ctx, timeText, form), ...seriesNoteLines(ctx, draft, form)] : [];
  const series = seriesReading(ctx, draft, form);
  const reading = series
    ? ctx.t("form-series-reading", series)
    : ctx.t("form-time-reading", { when: formatTimeWindow(window, ctx.locale, { now: ctx.services.now() }) });
  return ctx.reply([reading, ...notes].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard([
      [
        callbackButton(ctx.t("form-btn-time-ok"), encodeCallback("newStep", 0, timeAnswers.ok)),
        callbackButton(ctx.t("form-btn-time-retype"), encodeCallback("newStep", 0, timeAnswers.retype)),
      ],
    ]),
  });
}

async function startConversation(ctx: YiqiContext, orgId: number, draft: EventDraft = {}, fromChat?: TelegramId) {
  const state: StartedState = { orgId, draft: storeDraft(draft), ...(fromChat !== undefined ? { fromChat } : {}) };
  const org = await ctx.services.organisations.find(orgId);
  await ctx.reply(ctx.t("form-start", { org: userText(org?.name ?? "", 100) }), { parse_mode: "HTML" });
  return ask(ctx, state);
}

/** Starts the guided form for the user's one organisation, or asks which one first. */
export async function chooseOrganisation(ctx: YiqiContext, draft: EventDraft = {}): Promise<unknown> {
  const [first, ...others] = await organisedBy(ctx);
  if (!first) return ctx.reply(ctx.t("form-not-organiser"));
  if (others.length === 0) return startConversation(ctx, first.id, draft);
  await saveConversation(ctx, newEventKind, "org", { draft: storeDraft(draft) });
  return ctx.reply(ctx.t("form-ask-org"), {
    reply_markup: keyboard(
      [first, ...others].slice(0, 30).map((o) => [callbackButton(label(o.name, 50), encodeCallback("newOrg", o.id))]),
    ),
  });
}

/** The draft after a button answer on this step; null when the button is not one of this step's. */
function buttonAnswer(step: string, answer: number, draft: EventDraft): EventDraft | null {
  if (step === "time-confirm") {
    if (answer === timeAnswers.ok) return draft;
    if (answer === timeAnswers.retype) return { ...draft, window: undefined, timeText: undefined, series: undefined };
    return null;
  }
  const field = skippedField(answer);
  return field !== null && field === step ? skipField(field, draft) : null;
}

/** The guided /newevent in the private chat: one part at a time, each checked and echoed. */
export function wizardFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  // the link from a group's /newevent: continue (the one-line form's fixes) or start for that group
  feature.chatType("private").command("start", async (ctx, next) => {
    const groupId = groupOfLink(ctx.match);
    if (groupId === null) return next();
    const existing = await conversationOf(ctx, newEventKind);
    if (existing === "told") return;
    if (existing && started(existing.data)) return ask(ctx, existing.data);
    const profile = await ctx.services.chats.profile(groupId);
    if (!profile?.organisationId || !(await canOrganise(ctx, profile.organisationId, ctx.ids.user))) {
      return ctx.reply(ctx.t("form-not-organiser"));
    }
    return startConversation(ctx, profile.organisationId, {}, groupId);
  });

  callbacks.add({
    newOrg: wizardButton(async (ctx, payload, { data }) => {
      if (!(await canOrganise(ctx, payload.id, ctx.ids.user))) return ctx.reply(ctx.t("form-not-organiser"));
      return startConversation(ctx, payload.id, loadDraft(data.draft));
    }),
    newStep: wizardButton(async (ctx, payload, { step, data }) => {
      const next = payload.arg === null ? null : buttonAnswer(step, payload.arg, loadDraft(data.draft));
      if (!next || !started(data)) return;
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return ask(ctx, { ...data, draft: storeDraft(next) });
    }),
    ...groupButtons,
  });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const state = await conversationOf(ctx, newEventKind);
    if (state === "told") return;
    if (!state || !started(state.data)) return next();
    if (state.step === "time-confirm" || state.step === "groups") return ctx.reply(ctx.t("form-use-buttons"));
    const field = state.step;
    if (!isFormField(field)) return next();
    const data = state.data;
    const result = answerField(field, text, loadDraft(data.draft), await formContext(ctx, data.orgId));
    if (!result.ok) return replyFieldError(ctx, field, result);
    const nextState = { ...data, draft: storeDraft(result.draft) };
    if (field === "time") return confirmTime(ctx, nextState);
    return ask(ctx, nextState, result.shortened ? shortenedLines(ctx, [field], result.draft) : []);
  });

  return feature;
}

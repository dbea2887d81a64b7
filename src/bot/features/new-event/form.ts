import {
  type EventDraft,
  type FieldError,
  type FormContext,
  type FormField,
  PLACE_MAX,
  TITLE_MAX,
  timeNotes,
} from "../../../domain/event-form.ts";
import type { QuestionInput } from "../../../domain/questions.ts";
import { describeNote } from "../../../domain/time/ambiguity.ts";
import { escapeHtml, userText } from "../../../views/html.ts";
import type { YiqiContext } from "../../context.ts";
import { endConversation } from "../../conversation.ts";

/** What the form's checks need: the organisation's time zone, now, and the user's language. */
export async function formContext(ctx: YiqiContext, orgId: number): Promise<FormContext> {
  const org = await ctx.services.organisations.find(orgId);
  return {
    timeZone: org?.timeZone ?? ctx.services.config.defaultTimeZone,
    now: ctx.services.now(),
    locale: ctx.locale,
  };
}

/** "Time: 「2月30日」 is not a valid date" — the part and what is wrong with it. */
export function errorText(ctx: YiqiContext, e: FieldError): string {
  return `${ctx.t(`form-field-${e.field}`)}: ${ctx.t(e.error, { ...e.args, value: userText(e.value ?? "", 80) })}`;
}

/** "✂️ The title was too long for a card, so it was shortened…" for each part that was cut to fit (HTML). */
export function shortenedLines(ctx: YiqiContext, fields: readonly FormField[], draft: EventDraft): string[] {
  return fields.flatMap((field) => {
    const value = field === "title" ? draft.title : field === "place" ? draft.place : null;
    if (!value) return [];
    const max = field === "title" ? TITLE_MAX : PLACE_MAX;
    return [ctx.t(`form-${field}-shortened`, { max, value: escapeHtml(value) })];
  });
}

/** How a typed time was read where that was a choice, one line each ("ℹ️ …"), in the chat's language. */
export function timeNoteLines(ctx: YiqiContext, text: string, form: FormContext): string[] {
  return timeNotes(text, form).map((note) => {
    const { key, args } = describeNote(note, ctx.locale, form.timeZone, form.now);
    return `ℹ️ ${ctx.t(key, args)}`;
  });
}

/** Button labels are cut to whole characters (emoji and CJK included). */
export function label(text: string, max: number): string {
  return Array.from(text).slice(0, max).join("");
}

/** The problem with a typed part, and the question again. */
export function replyFieldError(ctx: YiqiContext, field: FormField, error: FieldError): Promise<unknown> {
  return ctx.reply(`${errorText(ctx, error)}\n${ctx.t(`form-ask-${field}`)}`, { parse_mode: "HTML" });
}

/** The conversation cannot go on (its event is gone, or the user may no longer organise): it ends. */
export async function formExpired(ctx: YiqiContext): Promise<unknown> {
  await endConversation(ctx);
  return ctx.reply(ctx.t("form-expired"));
}

/** The questions as the organiser would type them again (the summary before posting), in the chat's words. */
export function questionLines(ctx: YiqiContext, questions: readonly QuestionInput[]): string {
  return questions
    .map((q) => {
      const kind = ctx.t(`question-kind-${q.kind}`);
      const prompt = userText(q.prompt, 100);
      return q.kind === "choice"
        ? ctx.t("question-line-choice", { kind, prompt, options: userText(q.options.join(" / "), 300) })
        : ctx.t("question-line", { kind, prompt });
    })
    .join("\n");
}

/** "2 小时" / "90 分钟": how long a waitlist offer stays open. */
export function offerDuration(ctx: YiqiContext, minutes: number): string {
  return minutes % 60 === 0
    ? ctx.t("offer-hours", { count: minutes / 60 })
    : ctx.t("offer-minutes", { count: minutes });
}

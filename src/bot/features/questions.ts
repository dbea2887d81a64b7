import { Composer, GrammyError } from "grammy";
import { checkAnswer } from "../../domain/questions.ts";
import type { Question } from "../../services/answers.ts";
import { conversationKind } from "../../services/conversations.ts";
import { apiId, type TelegramId } from "../../telegram-id.ts";
import { formatInstant } from "../../views/event-views.ts";
import { questionView } from "../../views/hold-views.ts";
import { userText } from "../../views/html.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { deepLink } from "../rights.ts";

/** Where a member stands in answering an event's questions: the question being asked (its position). */
interface AnswersState {
  eventId: number;
  position: number;
}

/** The questionnaire lives in the member's private chat (chat id = user id), one event at a time. */
export const answersKind = conversationKind<AnswersState>("answers", 1);

/** The link that opens the questionnaire of an event for someone who never started the bot. */
export const answersLink = (eventId: number) => `qa_${eventId}`;

const translate = (ctx: YiqiContext) => ctx.services.translator.for(ctx.personalLocale);

/** What the member is told before the first question: their place held until …, their waitlist place, or "change". */
async function intro(ctx: YiqiContext, eventId: number, userId: TelegramId, count: number): Promise<string | null> {
  const t = translate(ctx);
  const [event, signup] = await Promise.all([
    ctx.services.events.get(eventId),
    ctx.services.answers.signupOf(eventId, userId),
  ]);
  if (!event || !signup) return null;
  const title = userText(event.title, 200);
  if (signup.status === "held" && signup.heldUntil) {
    const until = formatInstant(signup.heldUntil, event.timeZone, ctx.personalLocale);
    return t("questions-intro-held", { title, until, count });
  }
  if (signup.status === "waitlisted") {
    const position = await ctx.services.signups.waitlistPosition(eventId, signup.seq, signup.roleId);
    return t("questions-intro-waitlisted", { title, position, count });
  }
  return t("questions-intro-change", { title, count });
}

/** Asks one question privately and remembers that it is the one being answered. */
async function ask(ctx: YiqiContext, userId: TelegramId, eventId: number, q: Question, total: number) {
  const event = await ctx.services.events.get(eventId);
  if (!event) return;
  const current = (await ctx.services.answers.answersOf(eventId, userId)).get(q.id) ?? null;
  const view = questionView(event, q, total, { t: translate(ctx) }, current);
  await ctx.services.conversations.set(userId, userId, answersKind, "answer", { eventId, position: q.position });
  await ctx.api.sendMessage(apiId(userId), view.text, sendOptions(view));
}

/** Starts (or starts again) the questionnaire of an event in the member's private chat; false when there is none. */
async function begin(ctx: YiqiContext, eventId: number, userId: TelegramId): Promise<boolean> {
  const questions = await ctx.services.answers.questions(eventId);
  const first = questions[0];
  const text = first ? await intro(ctx, eventId, userId, questions.length) : null;
  if (!first || text === null) return false;
  await ctx.api.sendMessage(apiId(userId), text, { parse_mode: "HTML" });
  await ask(ctx, userId, eventId, first, questions.length);
  return true;
}

/**
 * After a tap on an event with questions: the questions go to the member's private chat, and the toast says
 * so; someone the bot cannot write to (never started it, or blocked it) is taken there by the `qa_` link.
 */
export async function askAfterTap(ctx: YiqiContext, eventId: number, toast: string): Promise<unknown> {
  const user = await ctx.services.users.find(ctx.ids.user);
  if (user?.startedBot) {
    try {
      if (await begin(ctx, eventId, ctx.ids.user)) {
        return ctx.answerCallbackQuery({ text: `${toast}\n${ctx.tp("questions-see-private")}`, show_alert: true });
      }
    } catch (error) {
      if (!(error instanceof GrammyError) || error.error_code !== 403) throw error;
      await ctx.services.users.markBlocked(ctx.ids.user);
    }
  }
  return ctx.answerCallbackQuery({ url: deepLink(ctx, answersLink(eventId)) });
}

/** After the last answer: a held place is confirmed (if the hold is still on), and the member is told. */
async function finish(ctx: YiqiContext, eventId: number): Promise<unknown> {
  await ctx.services.conversations.clear(ctx.ids.user, ctx.ids.user);
  const event = await ctx.services.events.get(eventId);
  const title = userText(event?.title ?? "", 200);
  const outcome = await ctx.services.holds.answered(eventId, ctx.ids.user, ctx.services.now());
  const t = translate(ctx);
  switch (outcome.kind) {
    case "confirmed":
      return ctx.reply(t("questions-done-confirmed", { title }), { parse_mode: "HTML" });
    case "waitlisted":
      return ctx.reply(t("questions-done-waitlisted", { title, position: outcome.position }), { parse_mode: "HTML" });
    case "expired":
    case "none":
      return ctx.reply(t("questions-done-too-late", { title }), { parse_mode: "HTML" });
  }
}

/** Stores an answer to the question being asked and asks the next one (or finishes). */
async function answer(ctx: YiqiContext, state: AnswersState, q: Question, value: string): Promise<unknown> {
  const questions = await ctx.services.answers.questions(state.eventId);
  const saved = await ctx.services.answers.save(state.eventId, ctx.ids.user, q.id, value, ctx.services.now());
  if (!saved) {
    await ctx.services.conversations.clear(ctx.ids.user, ctx.ids.user);
    return ctx.reply(translate(ctx)("questions-gone"));
  }
  const next = questions.find((other) => other.position > q.position);
  if (next) return ask(ctx, ctx.ids.user, state.eventId, next, questions.length);
  return finish(ctx, state.eventId);
}

/** The question a stored state points at (null when the organiser changed the questions meanwhile). */
async function current(ctx: YiqiContext, state: AnswersState): Promise<Question | null> {
  const questions = await ctx.services.answers.questions(state.eventId);
  return questions.find((q) => q.position === state.position) ?? null;
}

/** The member's questionnaire: the `qa_` link, typed answers, choice buttons, and "change my answers" in /my. */
export function questionsFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.chatType("private").command("start", async (ctx, next) => {
    const id = /^qa_(\d{1,10})$/.exec(ctx.match)?.[1];
    if (id === undefined) return next();
    if (!(await begin(ctx, Number(id), ctx.ids.user))) return ctx.reply(ctx.t("questions-gone"));
  });

  callbacks.add({
    async answerPick(ctx, { id, arg }) {
      const loaded = await ctx.services.conversations.get(ctx.ids.user, ctx.ids.user, answersKind);
      const state = loaded === "outdated" ? null : loaded;
      const position = arg === null ? -1 : Math.floor(arg / 10);
      const q = state && state.data.eventId === id ? await current(ctx, state.data) : null;
      const option = q && arg !== null && q.position === position ? q.options[arg % 10] : undefined;
      if (!state || !q || q.kind !== "choice" || option === undefined) {
        return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      }
      await ctx.answerCallbackQuery({ text: option });
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return answer(ctx, state.data, q, option);
    },
    async answersEdit(ctx, { id }) {
      if (ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
      await ctx.answerCallbackQuery();
      if (!(await begin(ctx, id, ctx.ids.user))) return ctx.reply(ctx.t("questions-gone"));
    },
  });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const loaded = await ctx.services.conversations.get(ctx.ids.user, ctx.ids.user, answersKind);
    if (loaded === null) return next();
    if (loaded === "outdated") {
      await ctx.services.conversations.clear(ctx.ids.user, ctx.ids.user);
      return ctx.reply(ctx.t("conversation-outdated"));
    }
    const q = await current(ctx, loaded.data);
    if (!q) {
      await ctx.services.conversations.clear(ctx.ids.user, ctx.ids.user);
      return ctx.reply(ctx.t("questions-gone"));
    }
    const checked = checkAnswer(q, text);
    if (!checked.ok) {
      const view = questionView({ id: loaded.data.eventId, title: "" }, q, 0, ctx, null);
      return ctx.reply(ctx.t(checked.error), view.reply_markup ? { reply_markup: view.reply_markup } : {});
    }
    return answer(ctx, loaded.data, q, checked.value);
  });

  return feature;
}

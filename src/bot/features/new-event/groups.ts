import { eventInputFromDraft, nextMissing, skipButton } from "../../../domain/event-form.ts";
import { formatRoles } from "../../../domain/roles.ts";
import { formatTimeWindow } from "../../../domain/time/format.ts";
import type { TimeWindow } from "../../../domain/time/window.ts";
import { subtreeScope } from "../../../services/org-scope.ts";
import type { TelegramId } from "../../../telegram-id.ts";
import { encodeCallback } from "../../../views/callback-data.ts";
import { userText } from "../../../views/html.ts";
import { callbackButton, keyboard } from "../../../views/view.ts";
import type { CallbackHandlers } from "../../callbacks.ts";
import { postCard } from "../../cards.ts";
import type { YiqiContext } from "../../context.ts";
import { endConversation, saveConversation } from "../../conversation.ts";
import { canOrganise } from "../../rights.ts";
import { formContext, formExpired, label, offerDuration, questionLines } from "./form.ts";
import { createFromDraft, seriesReading } from "./series.ts";
import { loadDraft, type NewEventState, newEventKind, type StartedState, started } from "./state.ts";
import { wizardButton } from "./wizard-button.ts";

/** Campaigns of the organisation or a hub above it whose dates overlap the event: it may join one. */
async function campaignsAround(ctx: YiqiContext, orgId: number, window: TimeWindow) {
  const visible = await ctx.services.campaigns.visible(subtreeScope(orgId), ctx.services.now());
  return visible.filter((c) => c.startsAt < window.end && c.endsAt > window.start).slice(0, 3);
}

/** The last step: a summary, the groups to post to (all ticked, or the one the organiser came from), campaigns. */
export async function askGroups(ctx: YiqiContext, state: StartedState): Promise<unknown> {
  const draft = loadDraft(state.draft);
  if (!draft.window) return formExpired(ctx);
  const groups = await ctx.services.organisations.groupsOf(state.orgId);
  const chosen = state.groups ?? (state.fromChat !== undefined ? [state.fromChat] : groups.map((g) => g.id));
  await saveConversation(ctx, newEventKind, "groups", { ...state, groups: chosen });
  const summary = ctx.t("form-summary", {
    title: userText(draft.title ?? "", 200),
    when: formatTimeWindow(draft.window, ctx.locale, { now: ctx.services.now() }),
    place: draft.online ? ctx.t("event-online") : userText(draft.place ?? "", 200),
    capacity: draft.capacity ?? ctx.t("form-unlimited"),
  });
  const reading = seriesReading(ctx, draft, await formContext(ctx, state.orgId));
  const series = reading ? `\n${ctx.t("form-summary-series", reading)}` : "";
  const guests = draft.guests ? `\n${ctx.t("form-summary-guests", { count: draft.guests })}` : "";
  const roles = draft.roles?.length
    ? `\n${ctx.t("form-summary-roles", { roles: userText(formatRoles(draft.roles), 500) })}`
    : "";
  const questions = draft.questions?.length
    ? `\n${ctx.t("form-summary-questions", { questions: questionLines(ctx, draft.questions) })}`
    : "";
  const offer =
    draft.offerMinutes != null
      ? `\n${ctx.t("form-summary-offer", { duration: offerDuration(ctx, draft.offerMinutes) })}`
      : "";
  const rows = groups.map((g, i) => [
    callbackButton(
      `${chosen.includes(g.id) ? "☑" : "☐"} ${label(g.title ?? String(g.id), 40)}`,
      encodeCallback("newGroup", i),
    ),
  ]);
  for (const c of await campaignsAround(ctx, state.orgId, draft.window)) {
    const mark = state.campaignId === c.id ? "☑" : "☐";
    rows.push([
      callbackButton(
        ctx.t("form-btn-join-campaign", { mark, name: label(c.name, 40) }),
        encodeCallback("newCampaign", c.id),
      ),
    ]);
  }
  rows.push([
    callbackButton(ctx.t("roles-btn-set"), encodeCallback("newRoles", state.orgId)),
    callbackButton(ctx.t("guests-btn-set"), encodeCallback("newGuests", state.orgId)),
  ]);
  rows.push([
    callbackButton(ctx.t("questions-btn-set"), encodeCallback("newQuestions", state.orgId)),
    callbackButton(ctx.t("offer-btn-set"), encodeCallback("newOffer", state.orgId)),
  ]);
  rows.push([callbackButton(ctx.t("form-btn-post"), encodeCallback("newPost", state.orgId))]);
  return ctx.reply(
    `${summary}${series}${roles}${guests}${questions}${offer}\n\n${ctx.t(groups.length ? "form-ask-groups" : "form-no-groups")}`,
    {
      parse_mode: "HTML",
      reply_markup: keyboard(rows),
    },
  );
}

/** Creates the event and posts its card into the chosen groups (those still linked), then here. */
async function publish(ctx: YiqiContext, state: NewEventState): Promise<unknown> {
  const draft = loadDraft(state.draft);
  const input =
    state.orgId !== undefined && nextMissing(draft) === null
      ? eventInputFromDraft(draft, {
          organisationId: state.orgId,
          createdById: ctx.ids.user,
          campaignId: state.campaignId ?? null,
        })
      : null;
  if (!input || !(await canOrganise(ctx, input.organisationId, ctx.ids.user))) return formExpired(ctx);
  const form = await formContext(ctx, input.organisationId);
  const reading = seriesReading(ctx, draft, form);
  // once per update, even when it is handled again after a crash (bot/once.ts)
  const event = await ctx.step("createEvent", async () => {
    const created = await createFromDraft(ctx, input, draft, form);
    return created ? { id: created.id, title: created.title } : null;
  });
  if (!event) return formExpired(ctx);
  await endConversation(ctx);
  const allowed = new Set((await ctx.services.organisations.groupsOf(input.organisationId)).map((g) => g.id));
  let posted = 0;
  for (const chatId of (state.groups ?? []).filter((id) => allowed.has(id))) {
    try {
      if (await postCard(ctx, event.id, chatId)) posted++;
    } catch (error) {
      ctx.log.warn({ err: error, chatId: String(chatId) }, "could not post the new event into a group");
    }
  }
  const created = ctx.t("form-created", { title: userText(event.title, 200), groups: posted });
  const series = reading ? [ctx.t("series-created", reading)] : [];
  await ctx.reply([created, ...series].join("\n"), { parse_mode: "HTML" });
  await postCard(ctx, event.id);
}

function toggle(ids: TelegramId[], id: TelegramId): TelegramId[] {
  return ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id];
}

/** A part that is not asked in turn (roles, guests): its button on the groups step asks for it, then back here. */
function askExtra(field: "roles" | "guests" | "questions" | "offer") {
  return wizardButton(async (ctx, _payload, { step, data }) => {
    if (step !== "groups" || !started(data)) return;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await saveConversation(ctx, newEventKind, field, data);
    const skip = skipButton(field);
    const buttons = skip ? [[callbackButton(ctx.t(skip.label), encodeCallback("newStep", 0, skip.answer))]] : [];
    return ctx.reply(ctx.t(`form-ask-${field}`), { parse_mode: "HTML", reply_markup: keyboard(buttons) });
  });
}

/** The buttons of the groups step: tick a group, join a campaign, post. */
export const groupButtons: CallbackHandlers = {
  newGroup: wizardButton(async (ctx, payload, { step, data }) => {
    if (step !== "groups" || !started(data)) return;
    const chat = (await ctx.services.organisations.groupsOf(data.orgId))[payload.id];
    if (!chat) return;
    await ctx.deleteMessage().catch(() => undefined);
    return askGroups(ctx, { ...data, groups: toggle(data.groups ?? [], chat.id) });
  }),
  newCampaign: wizardButton(async (ctx, payload, { step, data }) => {
    const { window } = loadDraft(data.draft);
    if (step !== "groups" || !started(data) || !window) return;
    const offered = await campaignsAround(ctx, data.orgId, window);
    if (!offered.some((c) => c.id === payload.id)) return;
    await ctx.deleteMessage().catch(() => undefined);
    return askGroups(ctx, { ...data, campaignId: data.campaignId === payload.id ? null : payload.id });
  }),
  newRoles: askExtra("roles"),
  newGuests: askExtra("guests"),
  newQuestions: askExtra("questions"),
  newOffer: askExtra("offer"),
  newPost: wizardButton(async (ctx, _payload, { step, data }) => {
    if (step !== "groups") return;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return publish(ctx, data);
  }),
};

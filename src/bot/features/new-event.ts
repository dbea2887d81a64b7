import { Composer } from "grammy";
import {
  checkCapacity,
  checkDeadline,
  checkDetails,
  checkPlace,
  checkTime,
  checkTitle,
  type EventDraft,
  type FieldResult,
  type FormContext,
  type FormField,
  nextMissing,
  parseOneLine,
} from "../../domain/event-form.ts";
import { formatTimeWindow } from "../../domain/time/format.ts";
import type { TimeWindow } from "../../domain/time/window.ts";
import { type CallbackPayload, decodeCallback, encodeCallback } from "../../views/callback-data.ts";
import { userText } from "../../views/html.ts";
import { callbackButton, keyboard, sendOptions, urlButton } from "../../views/view.ts";
import type { YiqiContext } from "../context.ts";
import { canOrganise, deepLink } from "../rights.ts";

const KIND = "newevent";
const EDIT = "edit";
const editableFields: FormField[] = ["title", "time", "place", "details", "capacity", "deadline"];

/** Button answers on a step (the `arg` of newStep). */
const answers = { timeOk: 0, timeRetype: 1, skipDetails: 2, unlimited: 3, noDeadline: 4 } as const;

interface StoredDraft extends Omit<EventDraft, "window" | "deadline"> {
  window?: Omit<TimeWindow, "start" | "end"> & { start: string; end: string };
  deadline?: string | null;
}

interface NewEventState {
  orgId?: number;
  draft: StoredDraft;
  /** group chats to post to */
  groups?: number[];
  /** the campaign (e.g. the public-welfare day) the event joins, if any */
  campaignId?: number | null;
  fromChat?: number;
  eventId?: number;
}

function store(d: EventDraft): StoredDraft {
  const { window, deadline, ...rest } = d;
  return {
    ...rest,
    ...(window ? { window: { ...window, start: window.start.toISOString(), end: window.end.toISOString() } } : {}),
    ...(deadline !== undefined ? { deadline: deadline?.toISOString() ?? null } : {}),
  };
}

function load(s: StoredDraft): EventDraft {
  const { window, deadline, ...rest } = s;
  return {
    ...rest,
    ...(window ? { window: { ...window, start: new Date(window.start), end: new Date(window.end) } } : {}),
    ...(deadline !== undefined ? { deadline: deadline === null ? null : new Date(deadline) } : {}),
  };
}

type PrivateCtx = YiqiContext & { from: { id: number }; chat: { id: number } };

async function formContext(ctx: YiqiContext, orgId: number): Promise<FormContext> {
  const org = await ctx.services.organisations.find(orgId);
  return {
    timeZone: org?.timeZone ?? ctx.services.config.defaultTimeZone,
    now: ctx.services.now(),
    locale: ctx.locale,
  };
}

function errorText(ctx: YiqiContext, e: Extract<FieldResult<unknown>, { ok: false }>): string {
  return `${ctx.t(`form-field-${e.field}`)}: ${ctx.t(e.error, { value: userText(e.value ?? "", 80) })}`;
}

const save = (ctx: PrivateCtx, kind: string, step: string, data: NewEventState) =>
  ctx.services.conversations.set(ctx.chat.id, ctx.from.id, { kind, step, data });

/** Organisations this user may create events for (named organiser, or admin of a linked group). */
async function organisationsOf(ctx: YiqiContext, userId: number) {
  const orgs = new Map((await ctx.services.organisations.organisedBy(userId)).map((o) => [o.id, o]));
  for (const orgId of await ctx.services.chats.organisationsOfMember(userId)) {
    if (orgs.has(orgId)) continue;
    if (await canOrganise(ctx, orgId, userId)) {
      const org = await ctx.services.organisations.find(orgId);
      if (org) orgs.set(org.id, org);
    }
  }
  return [...orgs.values()];
}

async function ask(ctx: PrivateCtx, state: NewEventState): Promise<unknown> {
  const draft = load(state.draft);
  const field = nextMissing(draft);
  if (field === null) return askGroups(ctx, state);
  await save(ctx, KIND, field, state);
  const buttons =
    field === "details"
      ? [[callbackButton(ctx.t("form-btn-skip"), encodeCallback("newStep", 0, answers.skipDetails))]]
      : field === "capacity"
        ? [[callbackButton(ctx.t("form-btn-unlimited"), encodeCallback("newStep", 0, answers.unlimited))]]
        : field === "deadline"
          ? [[callbackButton(ctx.t("form-btn-no-deadline"), encodeCallback("newStep", 0, answers.noDeadline))]]
          : [];
  return ctx.reply(ctx.t(`form-ask-${field}`), { parse_mode: "HTML", reply_markup: keyboard(buttons) });
}

/** Campaigns of the organisation or a hub above it whose dates overlap the event: it may join one. */
async function campaignsAround(ctx: YiqiContext, orgId: number, window: TimeWindow) {
  const { campaigns, organisations } = ctx.services;
  const hubs = (await organisations.ancestors(orgId)).map((o) => o.id);
  const visible = await campaigns.visible(await organisations.subtreeIds(orgId), hubs, ctx.services.now());
  return visible.filter((c) => c.startsAt < window.end && c.endsAt > window.start).slice(0, 3);
}

async function askGroups(ctx: PrivateCtx, state: NewEventState) {
  const groups = await ctx.services.organisations.groupsOf(state.orgId!);
  const chosen = state.groups ?? (state.fromChat ? [state.fromChat] : groups.map((g) => Number(g.id)));
  const next = { ...state, groups: chosen };
  await save(ctx, KIND, "groups", next);
  const draft = load(state.draft);
  const summary = ctx.t("form-summary", {
    title: userText(draft.title ?? "", 200),
    when: formatTimeWindow(draft.window!, ctx.locale, { now: ctx.services.now() }),
    place: draft.online ? ctx.t("event-online") : userText(draft.place ?? "", 200),
    capacity: draft.capacity ?? ctx.t("form-unlimited"),
  });
  const rows = groups.map((g, i) => [
    callbackButton(
      `${chosen.includes(Number(g.id)) ? "☑" : "☐"} ${Array.from(g.title ?? String(g.id))
        .slice(0, 40)
        .join("")}`,
      encodeCallback("newGroup", i),
    ),
  ]);
  const campaigns = await campaignsAround(ctx, state.orgId!, draft.window!);
  for (const c of campaigns) {
    const mark = state.campaignId === c.id ? "☑" : "☐";
    const name = Array.from(c.name).slice(0, 40).join("");
    rows.push([callbackButton(ctx.t("form-btn-join-campaign", { mark, name }), encodeCallback("newCampaign", c.id))]);
  }
  rows.push([callbackButton(ctx.t("form-btn-post"), encodeCallback("newPost", state.orgId!))]);
  return ctx.reply(`${summary}\n\n${ctx.t(groups.length ? "form-ask-groups" : "form-no-groups")}`, {
    parse_mode: "HTML",
    reply_markup: keyboard(rows),
  });
}

/** Applies one typed answer to the draft; replies with the specific problem when it is not valid. */
async function answer(
  ctx: PrivateCtx,
  field: FormField,
  text: string,
  state: NewEventState,
): Promise<EventDraft | null> {
  const form = await formContext(ctx, state.orgId!);
  const draft = load(state.draft);
  const result: FieldResult<unknown> =
    field === "title"
      ? checkTitle(text)
      : field === "time"
        ? checkTime(text, form)
        : field === "place"
          ? checkPlace(text)
          : field === "details"
            ? checkDetails(text)
            : field === "capacity"
              ? checkCapacity(text)
              : draft.window
                ? checkDeadline(text, draft.window, form)
                : { ok: false, field: "deadline", error: "form-time-not_understood" };
  if (!result.ok) {
    await ctx.reply(`${errorText(ctx, result)}\n${ctx.t(`form-ask-${field}`)}`, { parse_mode: "HTML" });
    return null;
  }
  switch (field) {
    case "title":
      return { ...draft, title: result.value as string };
    case "time":
      return { ...draft, window: result.value as TimeWindow, timeText: text.trim() };
    case "place":
      return { ...draft, ...(result.value as { place: string | null; online: boolean }) };
    case "details":
      return { ...draft, details: (result.value as string) || null };
    case "capacity":
      return { ...draft, capacity: result.value as number | null };
    case "deadline":
      return { ...draft, deadline: result.value as Date | null };
  }
}

async function confirmTime(ctx: PrivateCtx, state: NewEventState) {
  const draft = load(state.draft);
  await save(ctx, KIND, "time-confirm", state);
  return ctx.reply(
    ctx.t("form-time-reading", { when: formatTimeWindow(draft.window!, ctx.locale, { now: ctx.services.now() }) }),
    {
      parse_mode: "HTML",
      reply_markup: keyboard([
        [
          callbackButton(ctx.t("form-btn-time-ok"), encodeCallback("newStep", 0, answers.timeOk)),
          callbackButton(ctx.t("form-btn-time-retype"), encodeCallback("newStep", 0, answers.timeRetype)),
        ],
      ]),
    },
  );
}

async function startConversation(ctx: PrivateCtx, orgId: number, draft: EventDraft = {}, fromChat?: number) {
  const state: NewEventState = { orgId, draft: store(draft), ...(fromChat ? { fromChat } : {}) };
  const org = await ctx.services.organisations.find(orgId);
  await ctx.reply(ctx.t("form-start", { org: userText(org?.name ?? "", 100) }), { parse_mode: "HTML" });
  return ask(ctx, state);
}

async function chooseOrganisation(ctx: PrivateCtx, draft: EventDraft = {}) {
  const orgs = await organisationsOf(ctx, ctx.from.id);
  if (orgs.length === 0) return ctx.reply(ctx.t("form-not-organiser"));
  if (orgs.length === 1) return startConversation(ctx, orgs[0]!.id, draft);
  await save(ctx, KIND, "org", { draft: store(draft) });
  return ctx.reply(ctx.t("form-ask-org"), {
    reply_markup: keyboard(
      orgs
        .slice(0, 30)
        .map((o) => [callbackButton(Array.from(o.name).slice(0, 50).join(""), encodeCallback("newOrg", o.id))]),
    ),
  });
}

/** Creates the event and posts its card into the chosen groups. */
async function publish(ctx: PrivateCtx, state: NewEventState) {
  const draft = load(state.draft);
  if (!state.orgId || nextMissing(draft) !== null || !(await canOrganise(ctx, state.orgId, ctx.from.id))) {
    await ctx.services.conversations.clear(ctx.chat.id, ctx.from.id);
    return ctx.reply(ctx.t("form-expired"));
  }
  const event = await ctx.services.events.create({
    organisationId: state.orgId,
    title: draft.title!,
    window: draft.window!,
    timeText: draft.timeText ?? null,
    place: draft.place ?? null,
    online: draft.online ?? false,
    content: draft.details ?? null,
    capacity: draft.capacity ?? null,
    signupDeadline: draft.deadline ?? null,
    createdById: ctx.from.id,
    campaignId: state.campaignId ?? null,
  });
  await ctx.services.conversations.clear(ctx.chat.id, ctx.from.id);
  const allowed = new Set((await ctx.services.organisations.groupsOf(state.orgId)).map((g) => Number(g.id)));
  const posted: number[] = [];
  for (const chatId of (state.groups ?? []).filter((id) => allowed.has(id))) {
    const profile = await ctx.services.chats.profile(chatId);
    const locale = ctx.services.translator.negotiate(profile?.locale ?? profile?.organisationLocale ?? null);
    const view = await ctx.services.presenter.card(event.id, locale);
    if (!view) continue;
    try {
      const sent = await ctx.api.sendMessage(chatId, view.text, sendOptions(view));
      await ctx.services.cards.remember(event.id, chatId, sent.message_id);
      posted.push(chatId);
    } catch (error) {
      ctx.log.warn({ err: error, chatId }, "could not post the new event into a group");
    }
  }
  await ctx.reply(ctx.t("form-created", { title: userText(event.title, 200), groups: posted.length }), {
    parse_mode: "HTML",
  });
  const card = await ctx.services.presenter.card(event.id, ctx.locale);
  if (card) {
    const sent = await ctx.reply(card.text, sendOptions(card));
    await ctx.services.cards.remember(event.id, ctx.chat.id, sent.message_id);
  }
}

async function onStepButton(ctx: PrivateCtx, payload: CallbackPayload) {
  const state = await ctx.services.conversations.get<NewEventState>(ctx.chat.id, ctx.from.id);
  if (!state || state.kind !== KIND) return ctx.answerCallbackQuery({ text: ctx.t("form-expired") });
  await ctx.answerCallbackQuery();
  const data = state.data;
  const draft = load(data.draft);
  switch (payload.action) {
    case "newOrg": {
      if (!(await canOrganise(ctx, payload.id, ctx.from.id))) return ctx.reply(ctx.t("form-not-organiser"));
      return startConversation(ctx, payload.id, draft);
    }
    case "newGroup": {
      if (state.step !== "groups" || !data.orgId) return;
      const groups = await ctx.services.organisations.groupsOf(data.orgId);
      const chat = groups[payload.id];
      if (!chat) return;
      const id = Number(chat.id);
      const chosen = new Set(data.groups ?? []);
      if (chosen.has(id)) chosen.delete(id);
      else chosen.add(id);
      await ctx.deleteMessage().catch(() => undefined);
      return askGroups(ctx, { ...data, groups: [...chosen] });
    }
    case "newCampaign": {
      if (state.step !== "groups" || !data.orgId || !draft.window) return;
      const offered = await campaignsAround(ctx, data.orgId, draft.window);
      if (!offered.some((c) => c.id === payload.id)) return;
      await ctx.deleteMessage().catch(() => undefined);
      return askGroups(ctx, { ...data, campaignId: data.campaignId === payload.id ? null : payload.id });
    }
    case "newPost":
      if (state.step !== "groups") return;
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return publish(ctx, data);
    case "newStep": {
      const stepAnswers: Record<number, [string, () => EventDraft | null]> = {
        [answers.timeOk]: ["time-confirm", () => draft],
        [answers.timeRetype]: ["time-confirm", () => ({ ...draft, window: undefined, timeText: undefined })],
        [answers.skipDetails]: ["details", () => ({ ...draft, details: null })],
        [answers.unlimited]: ["capacity", () => ({ ...draft, capacity: null })],
        [answers.noDeadline]: ["deadline", () => ({ ...draft, deadline: null })],
      };
      const entry = payload.arg === null ? undefined : stepAnswers[payload.arg];
      if (!entry || entry[0] !== state.step) return;
      const next = entry[1]();
      if (!next) return;
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return ask(ctx, { ...data, draft: store(next) });
    }
  }
}

/** /newevent (guided, or in one line), /edit and /cancelevent. */
export function newEventFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("newevent", async (ctx) => {
    if (!ctx.from || !ctx.chat) return;
    const line = ctx.match.trim();
    if (ctx.chat.type === "private") {
      if (!line) return chooseOrganisation(ctx as PrivateCtx);
      const orgs = await organisationsOf(ctx, ctx.from.id);
      if (orgs.length === 0) return ctx.reply(ctx.t("form-not-organiser"));
      if (orgs.length > 1) {
        const form = await formContext(ctx, orgs[0]!.id);
        return chooseOrganisation(ctx as PrivateCtx, { ...parseOneLine(line, form).draft, details: null });
      }
      return oneLine(ctx as PrivateCtx, line, orgs[0]!.id);
    }
    const profile = await ctx.services.chats.profile(ctx.chat.id);
    if (!profile?.organisationId) return ctx.reply(ctx.t("events-not-set-up"));
    if (!(await canOrganise(ctx, profile.organisationId, ctx.from.id))) return ctx.reply(ctx.t("toast-not-organiser"));
    if (line) return oneLineInGroup(ctx, line, profile.organisationId);
    return ctx.reply(ctx.t("form-continue-private"), {
      reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, `new_${ctx.chat.id}`))]]),
    });
  });

  feature.chatType("private").command("start", async (ctx, next) => {
    const match = /^new_(-?\d+)$/.exec(ctx.match);
    if (!match) return next();
    const chatId = Number(match[1]);
    const existing = await ctx.services.conversations.get<NewEventState>(ctx.chat.id, ctx.from.id);
    if (existing?.kind === KIND && existing.data.orgId) return ask(ctx as PrivateCtx, existing.data);
    const profile = await ctx.services.chats.profile(chatId);
    if (!profile?.organisationId || !(await canOrganise(ctx, profile.organisationId, ctx.from.id))) {
      return ctx.reply(ctx.t("form-not-organiser"));
    }
    return startConversation(ctx as PrivateCtx, profile.organisationId, {}, chatId);
  });

  feature.command(["edit", "cancelevent"], async (ctx) => {
    if (!ctx.from || !ctx.chat) return;
    const isEdit = ctx.msg?.text?.startsWith("/edit") ?? false;
    const orgIds =
      ctx.chat.type === "private"
        ? (await organisationsOf(ctx, ctx.from.id)).map((o) => o.id)
        : await (async () => {
            const profile = await ctx.services.chats.profile(ctx.chat!.id);
            return profile?.organisationId && (await canOrganise(ctx, profile.organisationId, ctx.from!.id))
              ? [profile.organisationId]
              : [];
          })();
    if (orgIds.length === 0) return ctx.reply(ctx.t("form-not-organiser"));
    const events = await ctx.services.events.manageable(orgIds, ctx.services.now());
    if (events.length === 0) return ctx.reply(ctx.t("events-none"));
    const action = isEdit ? "editPick" : "cancelPick";
    if (isEdit && ctx.chat.type !== "private") {
      return ctx.reply(ctx.t("form-continue-private"), {
        reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, "edit"))]]),
      });
    }
    return ctx.reply(ctx.t(isEdit ? "edit-pick" : "cancel-pick"), {
      reply_markup: keyboard(
        events.map((e) => [callbackButton(Array.from(e.title).slice(0, 50).join(""), encodeCallback(action, e.id))]),
      ),
    });
  });

  feature.chatType("private").command("start", async (ctx, next) => {
    if (ctx.match !== "edit") return next();
    const orgIds = (await organisationsOf(ctx, ctx.from.id)).map((o) => o.id);
    const events = await ctx.services.events.manageable(orgIds, ctx.services.now());
    if (events.length === 0) return ctx.reply(ctx.t("events-none"));
    return ctx.reply(ctx.t("edit-pick"), {
      reply_markup: keyboard(
        events.map((e) => [
          callbackButton(Array.from(e.title).slice(0, 50).join(""), encodeCallback("editPick", e.id)),
        ]),
      ),
    });
  });

  feature.on("callback_query:data", async (ctx, next) => {
    const payload = decodeCallback(ctx.callbackQuery.data);
    if (!payload || !ctx.from || !ctx.chat) return next();
    if (payload.action === "cancelPick") {
      const event = await ctx.services.events.get(payload.id);
      if (!event || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
        return ctx.answerCallbackQuery({ text: ctx.t("toast-not-organiser"), show_alert: true });
      }
      await ctx.answerCallbackQuery();
      const count = (await ctx.services.signups.counts([event.id])).get(event.id)!;
      return ctx.reply(
        ctx.t("cancel-event-ask", { title: userText(event.title, 200), count: count.confirmed + count.waitlisted }),
        {
          parse_mode: "HTML",
          reply_markup: keyboard([
            [callbackButton(ctx.t("btn-cancel-event-confirm"), encodeCallback("cancelEventConfirm", event.id))],
            [callbackButton(ctx.t("btn-keep-event"), encodeCallback("abort", event.id))],
          ]),
        },
      );
    }
    if (payload.action === "editPick" || payload.action === "editField") return onEdit(ctx as PrivateCtx, payload);
    if (!["newOrg", "newStep", "newGroup", "newCampaign", "newPost"].includes(payload.action)) return next();
    if (ctx.chat.type !== "private") return ctx.answerCallbackQuery({ text: ctx.t("toast-stale-button") });
    return onStepButton(ctx as PrivateCtx, payload);
  });

  feature.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    const state = await ctx.services.conversations.get<NewEventState>(ctx.chat.id, ctx.from.id);
    if (!state) return next();
    const p = ctx as PrivateCtx;
    if (state.kind === EDIT) return applyEdit(p, state.step as FormField, ctx.message.text, state.data);
    if (state.kind !== KIND || !state.data.orgId) return next();
    if (state.step === "time-confirm" || state.step === "groups") return ctx.reply(ctx.t("form-use-buttons"));
    const field = state.step as FormField;
    if (!editableFields.includes(field)) return next();
    const draft = await answer(p, field, ctx.message.text, state.data);
    if (!draft) return;
    const nextState = { ...state.data, draft: store(draft) };
    if (field === "time") return confirmTime(p, nextState);
    return ask(p, nextState);
  });

  return feature;
}

/** The one-line form: all valid → straight to choosing groups; otherwise say what is wrong and ask just for that. */
async function oneLine(ctx: PrivateCtx, line: string, orgId: number) {
  const { draft, errors } = parseOneLine(line, await formContext(ctx, orgId));
  draft.details ??= null;
  if (errors.length > 0)
    await ctx.reply(errors.map((e) => `⚠️ ${errorText(ctx, e)}`).join("\n"), { parse_mode: "HTML" });
  return ask(ctx, { orgId, draft: store(draft) });
}

async function oneLineInGroup(ctx: YiqiContext, line: string, orgId: number) {
  const { draft, errors } = parseOneLine(line, await formContext(ctx, orgId));
  const chat = ctx.chat!;
  const from = ctx.from!;
  if (errors.length === 0) {
    const event = await ctx.services.events.create({
      organisationId: orgId,
      title: draft.title!,
      window: draft.window!,
      timeText: draft.timeText ?? null,
      place: draft.place ?? null,
      online: draft.online ?? false,
      capacity: draft.capacity ?? null,
      signupDeadline: draft.deadline ?? null,
      createdById: from.id,
    });
    const view = await ctx.services.presenter.card(event.id, ctx.locale);
    if (!view) return;
    const sent = await ctx.reply(view.text, sendOptions(view));
    await ctx.services.cards.remember(event.id, chat.id, sent.message_id);
    return;
  }
  // keep what was valid; the fix happens in the private chat, one part at a time
  draft.details ??= null;
  await ctx.services.conversations.set(from.id, from.id, {
    kind: KIND,
    step: "title",
    data: { orgId, draft: store(draft), fromChat: chat.id } satisfies NewEventState,
  });
  return ctx.reply([...errors.map((e) => `⚠️ ${errorText(ctx, e)}`), ctx.t("form-fix-private")].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard([[urlButton(ctx.t("btn-open-private"), deepLink(ctx, `new_${chat.id}`))]]),
  });
}

async function onEdit(ctx: PrivateCtx, payload: CallbackPayload) {
  const event = await ctx.services.events.get(payload.id);
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
    return ctx.answerCallbackQuery({ text: ctx.t("toast-not-organiser"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  if (payload.action === "editPick") {
    return ctx.reply(ctx.t("edit-which", { title: userText(event.title, 200) }), {
      parse_mode: "HTML",
      reply_markup: keyboard(
        editableFields.map((f, i) => [
          callbackButton(ctx.t(`form-field-${f}`), encodeCallback("editField", event.id, i)),
        ]),
      ),
    });
  }
  const field = payload.arg === null ? undefined : editableFields[payload.arg];
  if (!field) return;
  await save(ctx, EDIT, field, { orgId: event.organisationId, eventId: event.id, draft: {} });
  return ctx.reply(ctx.t(`form-ask-${field}`), { parse_mode: "HTML" });
}

async function applyEdit(ctx: PrivateCtx, field: FormField, text: string, state: NewEventState) {
  const event = state.eventId ? await ctx.services.events.get(state.eventId) : null;
  if (!event || !(await canOrganise(ctx, event.organisationId, ctx.from.id))) {
    await ctx.services.conversations.clear(ctx.chat.id, ctx.from.id);
    return ctx.reply(ctx.t("form-expired"));
  }
  const current: EventDraft = {
    window: { start: event.startsAt, end: event.endsAt, precision: event.precision, timeZone: event.timeZone },
  };
  const draft = await answer(ctx, field, text, { ...state, draft: store(current) });
  if (!draft) return;
  const patch =
    field === "title"
      ? { title: draft.title! }
      : field === "time"
        ? { window: draft.window!, timeText: draft.timeText ?? null }
        : field === "place"
          ? { place: draft.place ?? null, online: draft.online ?? false }
          : field === "details"
            ? { content: draft.details ?? null }
            : field === "capacity"
              ? { capacity: draft.capacity ?? null }
              : { signupDeadline: draft.deadline ?? null };
  await ctx.services.events.update(event.id, patch, ctx.services.now());
  await ctx.services.conversations.clear(ctx.chat.id, ctx.from.id);
  return ctx.reply(ctx.t("edit-done", { title: userText(draft.title ?? event.title, 200) }), { parse_mode: "HTML" });
}

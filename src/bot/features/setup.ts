import { Composer } from "grammy";
import type { Locale } from "../../config/config.ts";
import {
  checkOrgName,
  checkParent,
  isIanaTimeZone,
  ORG_NAME_MAX,
  type OrgKindName,
  orgKinds,
  parseOrgKind,
} from "../../domain/organisation-input.ts";
import { conversationKind } from "../../services/conversations.ts";
import { type CallbackPayload, decodeCallback, encodeCallback } from "../../views/callback-data.ts";
import { userText } from "../../views/html.ts";
import { callbackButton, keyboard } from "../../views/view.ts";
import type { YiqiContext } from "../context.ts";
import { conversationOf, endConversation, saveConversation } from "../conversation.ts";
import { isChatAdmin } from "../rights.ts";
import { askHubToApprove } from "./parent-requests.ts";

// version 2: the parent is named by its join code (or by name, for approval), no longer picked from a list
const KIND = conversationKind<SetupDraft>("setup", 2);
export const commonZones = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
];
const localeChoices: Locale[] = ["zh-CN", "en"];

interface SetupDraft {
  name?: string;
  kind?: OrgKindName;
  parentId?: number | null;
  /** a hub named without its code: asked to approve once the organisation exists */
  askHubId?: number | null;
  timeZone?: string;
}

type ParentChoice = { parentId: number | null; askHubId: number | null } | { refused: string };

/**
 * What an admin typed for the parent — its join code, or a hub's exact name — through the one rule
 * (`checkParent`): the code attaches at once, a name asks the hub's organisers.
 */
async function resolveParent(ctx: YiqiContext, text: string, kind: OrgKindName): Promise<ParentChoice> {
  const value = text.trim();
  if (!value || value === "-") return { parentId: null, askHubId: null };
  const { organisations } = ctx.services;
  const byCode = await organisations.findByJoinCode(value);
  const candidate = byCode ?? (await organisations.findHubByName(value));
  if (!candidate) return { refused: ctx.t("setup-parent-unknown", { value: userText(value, 40) }) };
  const checked = checkParent({ kind }, candidate, byCode ? "code" : "name");
  if (checked.verdict === "refused") return { refused: ctx.t(`setup-${checked.error}`) };
  return checked.verdict === "attach"
    ? { parentId: checked.parentId, askHubId: null }
    : { parentId: null, askHubId: checked.parentId };
}

async function requireAdmin(ctx: YiqiContext): Promise<boolean> {
  if (ctx.chat?.type !== "group" && ctx.chat?.type !== "supergroup") {
    // a (forged) setup button in a private chat is answered too, or the client keeps spinning
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("setup-group-only"), show_alert: true });
    else await ctx.reply(ctx.t("setup-group-only"));
    return false;
  }
  if (!(await isChatAdmin(ctx, ctx.ids.chat, ctx.ids.user))) {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.tp("setup-admins-only"), show_alert: true });
    else await ctx.reply(ctx.t("setup-admins-only"));
    return false;
  }
  return true;
}

/**
 * A question the admin answers by replying. A selective force-reply only opens the reply box for people
 * the message mentions or whose message it replies to: it replies to the admin's own message (their
 * answer, or the /setup the buttons answered) and, after a button, also mentions them.
 */
function prompt(ctx: YiqiContext, key: string, args?: Record<string, string>) {
  const theirs = ctx.message ?? ctx.callbackQuery?.message?.reply_to_message;
  const from = ctx.from;
  const mention =
    ctx.callbackQuery && from ? `<a href="tg://user?id=${from.id}">${userText(from.first_name, 60)}</a>\n` : "";
  return ctx.reply(`${mention}${ctx.t(key, args)}`, {
    parse_mode: "HTML",
    reply_markup: { force_reply: true, selective: true },
    reply_parameters: theirs ? { message_id: theirs.message_id, allow_sending_without_reply: true } : undefined,
  });
}

/** The buttons of a step that was just answered go away, so nobody taps them again. */
const answered = (ctx: YiqiContext) => ctx.editMessageReplyMarkup().catch(() => undefined);

async function showStatus(ctx: YiqiContext, organisationId: number) {
  const org = await ctx.services.organisations.find(organisationId);
  if (!org) return;
  const parent = org.parentId ? await ctx.services.organisations.find(org.parentId) : null;
  await ctx.reply(
    ctx.t("setup-status", {
      name: userText(org.name, 100),
      kind: ctx.t(`org-kind-${org.kind}`),
      parent: parent ? userText(parent.name, 100) : ctx.t("setup-no-parent"),
      zone: org.timeZone,
      code: org.joinCode,
    }),
    { parse_mode: "HTML" },
  );
}

async function join(ctx: YiqiContext, code: string) {
  const org = await ctx.services.organisations.findByJoinCode(code);
  if (!org) return ctx.reply(ctx.t("setup-code-unknown", { code: userText(code, 20) }));
  await ctx.services.organisations.linkChat(ctx.ids.chat, org.id);
  ctx.services.chats.forget(ctx.ids.chat);
  await endConversation(ctx);
  // from now on the group speaks its organisation's language (unless it chose its own)
  const t = ctx.services.translator.for(await ctx.services.languages.ofChat(ctx.ids.chat));
  return ctx.reply(t("setup-joined", { name: userText(org.name, 100) }), { parse_mode: "HTML" });
}

/** "✂️ The name was too long, so it was shortened…" when it was cut to fit (domain/organisation-input.ts). */
function shortenedName(ctx: YiqiContext, checked: { name: string; shortened?: true }): string[] {
  return checked.shortened
    ? [ctx.t("setup-name-shortened", { max: ORG_NAME_MAX, value: userText(checked.name, 200) })]
    : [];
}

async function create(ctx: YiqiContext, draft: Required<SetupDraft>, locale: Locale, before: string[] = []) {
  const org = await ctx.services.organisations.create(
    { name: draft.name, kind: draft.kind, parentId: draft.parentId, timeZone: draft.timeZone, locale },
    undefined,
  );
  await ctx.services.organisations.linkChat(ctx.ids.chat, org.id, locale);
  ctx.services.chats.forget(ctx.ids.chat);
  await endConversation(ctx);
  const t = ctx.services.translator.for(locale);
  const created = t("setup-created", { name: userText(org.name, 100), code: org.joinCode });
  await ctx.reply([...before, created].join("\n"), { parse_mode: "HTML" });
  if (draft.askHubId !== null) await askHubToApprove(ctx, org, draft.askHubId, t);
}

/** `/setup new 名称 | 类型 | 上级加入码 | 时区 | 语言` — everything in one line. */
async function oneLine(ctx: YiqiContext, text: string) {
  const [name = "", kindText = "organisation", parentCode = "", zone = "", lang = ""] = text
    .split(/[|｜]/)
    .map((s) => s.trim());
  const checked = checkOrgName(name);
  if (!checked.ok) return ctx.reply(ctx.t(`setup-${checked.error}`));
  const kind = parseOrgKind(kindText || "organisation");
  if (!kind) return ctx.reply(ctx.t("setup-kind-unknown", { value: userText(kindText, 30) }));
  const parent = await resolveParent(ctx, parentCode, kind);
  if ("refused" in parent) return ctx.reply(parent.refused);
  const timeZone = zone || ctx.services.config.defaultTimeZone;
  if (!isIanaTimeZone(timeZone)) return ctx.reply(ctx.t("setup-zone-unknown", { value: userText(timeZone, 40) }));
  const locale = lang ? ctx.services.translator.negotiate(lang) : ctx.locale;
  return create(ctx, { name: checked.name, kind, ...parent, timeZone }, locale, shortenedName(ctx, checked));
}

async function askKind(ctx: YiqiContext, before: string[] = []) {
  return ctx.reply([...before, ctx.t("setup-ask-kind")].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard([
      orgKinds.map((k, i) => callbackButton(ctx.t(`org-kind-${k}`), encodeCallback("setupKind", i))),
    ]),
  });
}

/** Existing hubs are not listed (that would let anyone pick one): the admin replies with the hub's join code. */
async function askParent(ctx: YiqiContext, prefix?: string) {
  return ctx.reply(prefix ? `${prefix}\n\n${ctx.t("setup-ask-parent-code")}` : ctx.t("setup-ask-parent-code"), {
    reply_markup: keyboard([[callbackButton(ctx.t("setup-no-parent"), encodeCallback("setupParent", 0))]]),
  });
}

async function askZone(ctx: YiqiContext) {
  return ctx.reply(ctx.t("setup-ask-zone"), {
    reply_markup: keyboard(commonZones.map((z, i) => [callbackButton(z, encodeCallback("setupZone", i))])),
  });
}

async function askLocale(ctx: YiqiContext) {
  return ctx.reply(ctx.t("setup-ask-locale"), {
    reply_markup: keyboard([
      localeChoices.map((l, i) => callbackButton(ctx.t(`locale-${l}`), encodeCallback("setupLocale", i))),
    ]),
  });
}

/** The step each button answers. */
const stepOf: Partial<Record<CallbackPayload["action"], string>> = {
  setupKind: "kind",
  setupParent: "parent",
  setupZone: "zone",
  setupLocale: "locale",
};

async function step(ctx: YiqiContext, payload: CallbackPayload) {
  if (payload.action === "setupCreate") {
    const mode = payload.id === 1 ? "code" : "name";
    await saveConversation(ctx, KIND, mode, {});
    await ctx.answerCallbackQuery();
    await answered(ctx);
    return prompt(ctx, mode === "code" ? "setup-ask-code" : "setup-ask-name");
  }
  if (payload.action === "setupParent" && payload.id !== 0) {
    // the only parent button is "no parent": a parent is named by its join code or approved by its organisers
    return ctx.answerCallbackQuery({ text: ctx.t("setup-parent-forged"), show_alert: true });
  }
  const state = await conversationOf(ctx, KIND);
  if (state === "told") return;
  if (state === null) return ctx.answerCallbackQuery({ text: ctx.tp("setup-not-yours") });
  const draft = state.data;
  await ctx.answerCallbackQuery();
  if (payload.action.startsWith("setup") && state.step === stepOf[payload.action]) await answered(ctx);
  switch (payload.action) {
    case "setupKind": {
      const kind = orgKinds[payload.id];
      if (!kind || state.step !== "kind") return;
      if (kind === "city") {
        // nothing is above a city
        await saveConversation(ctx, KIND, "zone", { ...draft, kind, parentId: null, askHubId: null });
        return askZone(ctx);
      }
      await saveConversation(ctx, KIND, "parent", { ...draft, kind });
      return askParent(ctx);
    }
    case "setupParent": {
      if (state.step !== "parent") return;
      await saveConversation(ctx, KIND, "zone", { ...draft, parentId: null, askHubId: null });
      return askZone(ctx);
    }
    case "setupZone": {
      const zone = commonZones[payload.id];
      if (!zone || state.step !== "zone") return;
      await saveConversation(ctx, KIND, "locale", { ...draft, timeZone: zone });
      return askLocale(ctx);
    }
    case "setupLocale": {
      const locale = localeChoices[payload.id];
      if (!locale || state.step !== "locale" || !draft.name || !draft.kind || !draft.timeZone) return;
      return create(
        ctx,
        {
          name: draft.name,
          kind: draft.kind,
          parentId: draft.parentId ?? null,
          askHubId: draft.askHubId ?? null,
          timeZone: draft.timeZone,
        },
        locale,
      );
    }
  }
}

/** /setup: link a group to an organisation (create one, or join with a code). Group admins only. */
export function setupFeature(): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("setup", async (ctx) => {
    if (!(await requireAdmin(ctx))) return;
    const [verb = "", ...rest] = ctx.match.trim().split(/\s+/);
    const argument = ctx.match.trim().slice(verb.length).trim();
    if (verb === "join" || verb === "加入") {
      if (!argument) return prompt(ctx, "setup-ask-code").then(() => saveConversation(ctx, KIND, "code", {}));
      return join(ctx, rest[0] ?? "");
    }
    if (verb === "new" || verb === "新建") return oneLine(ctx, argument);
    const profile = await ctx.services.chats.profile(ctx.ids.chat);
    if (profile?.organisationId) await showStatus(ctx, profile.organisationId);
    return ctx.reply(ctx.t(profile?.organisationId ? "setup-change" : "setup-choose"), {
      ...(ctx.message
        ? { reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true } }
        : {}),
      reply_markup: keyboard([
        [callbackButton(ctx.t("setup-btn-create"), encodeCallback("setupCreate", 0))],
        [callbackButton(ctx.t("setup-btn-join"), encodeCallback("setupCreate", 1))],
      ]),
    });
  });

  feature.on("callback_query:data", async (ctx, next) => {
    const payload = decodeCallback(ctx.callbackQuery.data);
    if (!payload?.action.startsWith("setup")) return next();
    if (!(await requireAdmin(ctx))) return;
    return step(ctx, payload);
  });

  // Answers to the bot's prompts are replies to it (force_reply), so other group chatter costs nothing.
  feature.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    if (ctx.message.reply_to_message?.from?.id !== ctx.me.id || ctx.message.text.startsWith("/")) return next();
    const state = await conversationOf(ctx, KIND);
    if (state === "told") return;
    if (state === null) return next();
    const text = ctx.message.text.trim();
    if (state.step === "code") return join(ctx, text);
    if (state.step === "name") {
      const checked = checkOrgName(text);
      if (!checked.ok) return prompt(ctx, `setup-${checked.error}`);
      await saveConversation(ctx, KIND, "kind", { name: checked.name });
      return askKind(ctx, shortenedName(ctx, checked));
    }
    if (state.step === "parent" && state.data.kind) {
      const parent = await resolveParent(ctx, text, state.data.kind);
      if ("refused" in parent) return askParent(ctx, parent.refused);
      await saveConversation(ctx, KIND, "zone", { ...state.data, ...parent });
      return askZone(ctx);
    }
    if (state.step === "zone") {
      if (!isIanaTimeZone(text)) return prompt(ctx, "setup-zone-unknown", { value: userText(text, 40) });
      await saveConversation(ctx, KIND, "locale", { ...state.data, timeZone: text });
      return askLocale(ctx);
    }
    return next();
  });
  return feature;
}

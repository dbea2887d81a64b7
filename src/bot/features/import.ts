import { Composer } from "grammy";
import type { Document } from "grammy/types";
import { conversationKind } from "../../services/conversations.ts";
import { subtreeScope } from "../../services/org-scope.ts";
import { readProgrammeOffThread } from "../../services/programme-parser.ts";
import { IMPORT_LIMITS, type PendingProgramme } from "../../services/programmes.ts";
import { programmeBytes } from "../../services/table-files.ts";
import { userText } from "../../views/html.ts";
import {
  errorLines,
  fileErrorText,
  type ImportLimits,
  importPreviewView,
  tableFileErrorText,
} from "../../views/import-views.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import { postCard } from "../cards.ts";
import type { YiqiContext } from "../context.ts";
import { conversationOf, endConversation, saveConversation } from "../conversation.ts";
import { canOrganise } from "../rights.ts";
import { organisedBy } from "../scope.ts";

const importLimits: ImportLimits = IMPORT_LIMITS;

const KIND = conversationKind<ImportState>("import", 1);
const CAPTION_COMMAND = /^\/import(?:@\w+)?(?:\s+([\s\S]*))?$/i;
const MAX_CHOICES = 5;
const MAX_CAMPAIGNS = 3;

interface ImportState {
  campaignName: string | null;
}

function campaignNameOf(text: string | undefined): string | null {
  const name = text?.trim().replace(/\s+/g, " ") ?? "";
  return name === "" ? null : Array.from(name).slice(0, 100).join("");
}

/** The organisation an import in this chat is for, and the others the user could pick instead. */
async function importTargets(ctx: YiqiContext) {
  if (ctx.chat?.type === "private") return organisedBy(ctx);
  const profile = await ctx.services.chats.profile(ctx.ids.chat);
  if (!profile?.organisationId) return null;
  if (!(await canOrganise(ctx, profile.organisationId, ctx.ids.user))) return [];
  const org = await ctx.services.organisations.find(profile.organisationId);
  return org ? [org] : [];
}

export async function download(ctx: YiqiContext, document: Document): Promise<Buffer | null> {
  try {
    const file = await ctx.api.getFile(document.file_id);
    if (!file.file_path) return null;
    const { apiRoot, botToken } = ctx.services.config;
    const url = `${apiRoot ?? "https://api.telegram.org"}/file/bot${botToken}/${file.file_path}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) return null;
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    // the download URL carries the bot token: log the reason without it
    const reason = (error instanceof Error ? error.message : String(error)).replaceAll(
      ctx.services.config.botToken,
      "…",
    );
    ctx.log.warn({ reason }, "could not download an import file");
    return null;
  }
}

/** Reads the file and shows the preview; nothing is written until Import is pressed. */
async function importDocument(ctx: YiqiContext, document: Document, campaignName: string | null): Promise<unknown> {
  const targets = await importTargets(ctx);
  if (targets === null) return ctx.reply(ctx.t("events-not-set-up"));
  const [target] = targets;
  if (target === undefined) {
    return ctx.reply(ctx.t(ctx.chat?.type === "private" ? "import-no-organisation" : "import-not-organiser"));
  }
  const fileName = document.file_name ?? "table.csv";
  const say = (text: string) => ctx.reply(text, { parse_mode: "HTML", reply_parameters: replyTo(ctx) });
  const size = document.file_size ?? 0;
  if (size > importLimits.maxBytes)
    return say(fileErrorText({ ok: false, error: "too_large" }, size, importLimits, ctx.t));
  await ctx.replyWithChatAction("typing").catch(() => undefined);
  const file = await download(ctx, document);
  if (file === null) return say(ctx.t("import-error-download"));
  // a workbook (.xlsx, .xls) is read as the CSV of its first sheet
  const table = await programmeBytes(file, undefined);
  if (!table.ok) return say(tableFileErrorText(table, file.length, importLimits, ctx.t));
  const bytes = table.bytes;

  const now = ctx.services.now();
  const year = campaignName ? await ctx.services.campaigns.yearFor(campaignName, now, target.timeZone) : null;
  const reading = await readProgrammeOffThread(bytes, {
    timeZone: target.timeZone,
    now,
    ...importLimits,
    year: year ?? undefined,
  });
  if (!reading.ok) return say(fileErrorText(reading.table, bytes.length, importLimits, ctx.t));
  const { summary } = reading;
  if (summary.valid === 0) {
    return say([ctx.t("import-error-no_valid_rows"), ...errorLines(summary.errors, ctx.t)].join("\n"));
  }
  const pendingId = await ctx.services.programmes.stage(
    { organisationId: target.id, campaignName },
    ctx.ids.user,
    reading,
    fileName,
    now,
  );
  const pending = await ctx.services.programmes.pending(pendingId);
  if (!pending) return ctx.reply(ctx.t("error-generic"));
  const view = await previewOf(ctx, pending, targets);
  return ctx.reply(view.text, { ...sendOptions(view), reply_parameters: replyTo(ctx) });
}

/** The preview of a staged import: the organisations it could be for and the campaigns it could join. */
async function previewOf(ctx: YiqiContext, pending: PendingProgramme, targets: { id: number; name: string }[]) {
  const { campaigns, now } = ctx.services;
  const organisation = targets.find((o) => o.id === pending.organisationId);
  const current =
    pending.campaignName === null
      ? (await campaigns.visible(subtreeScope(pending.organisationId), now()))
          .filter((c) => c.endsAt > now())
          .slice(0, MAX_CAMPAIGNS)
      : [];
  return importPreviewView(
    {
      pendingId: pending.id,
      fileName: pending.fileName,
      summary: pending.summary,
      campaignName: pending.campaignName,
      organisation: organisation ?? { id: pending.organisationId, name: "?" },
      others: targets.filter((o) => o.id !== pending.organisationId).slice(0, MAX_CHOICES),
      campaigns: current.map((c) => ({ id: c.id, name: c.name })),
      routes: (await ctx.services.programmes.routes(pending.organisationId, pending.table.rows)).map((r, i) => ({
        row: pending.table.rows[i]?.row ?? 0,
        title: pending.table.rows[i]?.title ?? "",
        organisation: r.organisation,
        district: r.district,
        created: r.organisationId === null,
      })),
    },
    ctx.t,
  );
}

function replyTo(ctx: YiqiContext) {
  return ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined;
}

/** The pending import behind a button, if the person pressing it is the one who sent the file. */
async function ownPending(ctx: YiqiContext, id: number) {
  const pending = await ctx.services.programmes.pending(id);
  if (!pending) {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.answerCallbackQuery({ text: ctx.tp("import-gone") });
    return null;
  }
  if (pending.userId !== ctx.ids.user) {
    await ctx.answerCallbackQuery({ text: ctx.tp("import-not-organiser"), show_alert: true });
    return null;
  }
  return pending;
}

const handlers: CallbackHandlers = {
  importConfirm: (ctx, { id }) => confirmImport(ctx, id, false),

  importConfirmPost: (ctx, { id }) => confirmImport(ctx, id, true),

  async importCancel(ctx, { id }) {
    if (!(await ownPending(ctx, id))) return;
    await ctx.services.programmes.discard(id);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("import-cancelled"));
    return ctx.answerCallbackQuery();
  },

  async importFor(ctx, { id, arg }) {
    const pending = await ownPending(ctx, id);
    if (!pending) return;
    const targets = await organisedBy(ctx);
    const chosen = targets.find((o) => o.id === arg);
    if (!chosen) return ctx.answerCallbackQuery({ text: ctx.tp("import-not-organiser"), show_alert: true });
    await ctx.services.programmes.retarget(id, chosen.id);
    return showPreview(ctx, { ...pending, organisationId: chosen.id }, targets);
  },

  async importCampaign(ctx, { id, arg }) {
    const pending = await ownPending(ctx, id);
    if (!pending) return;
    const campaign = arg === null ? null : await ctx.services.campaigns.find(arg);
    if (!campaign) return ctx.answerCallbackQuery({ text: ctx.tp("toast-stale-button") });
    await ctx.services.programmes.setCampaign(id, campaign.name);
    const targets = await importTargets(ctx);
    return showPreview(ctx, { ...pending, campaignName: campaign.name }, targets ?? []);
  },
};

/** Import pressed: writes the staged table; with `post`, each new activity's card goes to its organisation's groups. */
async function confirmImport(ctx: YiqiContext, id: number, post: boolean) {
  const pending = await ownPending(ctx, id);
  if (!pending) return;
  if (!(await canOrganise(ctx, pending.organisationId, pending.userId))) {
    return ctx.answerCallbackQuery({ text: ctx.t("import-not-organiser"), show_alert: true });
  }
  await ctx.answerCallbackQuery(); // a big table takes a while: the button must not spin meanwhile
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const result = await ctx.services.programmes.confirm(id);
  if (!result) return ctx.reply(ctx.t("import-gone"));
  const lines = [
    ctx.t("import-done", { created: result.created, updated: result.updated, unchanged: result.unchanged }),
  ];
  if (pending.campaignName !== null) {
    lines.push(ctx.t("import-done-campaign", { campaign: userText(pending.campaignName, 100) }));
  }
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML" });
  if (!post) return;
  const posted = await postToOrganisationGroups(ctx, result.createdEventIds);
  return ctx.reply(ctx.t("import-posted", { cards: String(posted.cards), groups: String(posted.groups) }));
}

/** The organisation's linked groups; for one without a group yet (just created), those of the nearest hub above. */
async function nearestGroups(ctx: YiqiContext, organisationId: number): Promise<bigint[]> {
  for (const org of await ctx.services.organisations.ancestors(organisationId)) {
    const groups = await ctx.services.organisations.groupsOf(org.id);
    if (groups.length > 0) return groups.map((c) => c.id);
  }
  return [];
}

/** Each event's card in the linked groups of the organisation it belongs to (or the nearest hub's). */
async function postToOrganisationGroups(ctx: YiqiContext, eventIds: number[]) {
  const groupsByOrg = new Map<number, bigint[]>();
  const reached = new Set<bigint>();
  let cards = 0;
  for (const eventId of eventIds) {
    const event = await ctx.services.events.get(eventId);
    if (!event) continue;
    let groups = groupsByOrg.get(event.organisationId);
    if (!groups) {
      groups = await nearestGroups(ctx, event.organisationId);
      groupsByOrg.set(event.organisationId, groups);
    }
    for (const chatId of groups) {
      try {
        if (await postCard(ctx, eventId, chatId)) {
          cards++;
          reached.add(chatId);
        }
      } catch (error) {
        ctx.log.warn({ err: error, eventId }, "could not post an imported card to a group");
      }
    }
  }
  return { cards, groups: reached.size };
}

async function showPreview(ctx: YiqiContext, pending: PendingProgramme, targets: { id: number; name: string }[]) {
  const view = await previewOf(ctx, pending, targets);
  await ctx.editMessageText(view.text, sendOptions(view)).catch(() => undefined);
  return ctx.answerCallbackQuery();
}

/** /import and programme files: preview, then Import or Cancel. */
export function importFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();

  feature.command("import", async (ctx) => {
    const state: ImportState = { campaignName: campaignNameOf(ctx.match) };
    await saveConversation(ctx, KIND, "file", state);
    if (ctx.chat.type === "private") return ctx.reply(ctx.t("import-ask-file"));
    return ctx.reply(ctx.t("import-ask-file-group"), {
      reply_parameters: { message_id: ctx.msg.message_id },
      reply_markup: { force_reply: true, selective: true },
    });
  });

  feature.on("message:document", async (ctx, next) => {
    const caption = CAPTION_COMMAND.exec(ctx.msg.caption?.trim() ?? "");
    const state = await conversationOf(ctx, KIND);
    if (state === "told") return;
    if (!caption && state === null && ctx.chat.type !== "private") return next();
    if (state !== null) await endConversation(ctx);
    const campaignName = caption ? campaignNameOf(caption[1]) : (state?.data.campaignName ?? null);
    return importDocument(ctx, ctx.msg.document, campaignName);
  });

  callbacks.add(handlers);
  return feature;
}

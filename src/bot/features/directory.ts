import { Composer, InputFile } from "grammy";
import type { Document } from "grammy/types";
import { DIRECTORY_LIMITS } from "../../cli/organisations.ts";
import { parseDirectoryRecords } from "../../imports/directory-table.ts";
import { DirectoryService } from "../../services/directory.ts";
import { readTableRecords } from "../../services/table-files.ts";
import {
  directoryCsv,
  directoryDoneText,
  directoryHeaderError,
  directoryPreviewView,
} from "../../views/directory-views.ts";
import { fileErrorText, tableFileErrorText } from "../../views/import-views.ts";
import { sendOptions } from "../../views/view.ts";
import type { CallbackHandlers, CallbackRoutes } from "../callbacks.ts";
import type { YiqiContext } from "../context.ts";
import { organisedBy } from "../scope.ts";
import { download } from "./import.ts";

const CAPTION = /^\/organisations(?:@\w+)?\s+import\b/i;

function directoryOf(ctx: YiqiContext): DirectoryService {
  return new DirectoryService(ctx.services.database.prisma);
}

/** The hub a person imports a directory for: the highest hub they organise. */
async function importingHub(ctx: YiqiContext) {
  return (await organisedBy(ctx)).find((o) => o.kind !== "organisation") ?? null;
}

async function importDirectory(ctx: YiqiContext, document: Document): Promise<unknown> {
  const hub = await importingHub(ctx);
  const reply = (text: string) =>
    ctx.reply(text, {
      parse_mode: "HTML",
      reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
    });
  if (!hub) return reply(ctx.t("directory-not-hub"));
  const size = document.file_size ?? 0;
  if (size > DIRECTORY_LIMITS.maxBytes) {
    return reply(fileErrorText({ ok: false, error: "too_large" }, size, DIRECTORY_LIMITS, ctx.t));
  }
  await ctx.replyWithChatAction("typing").catch(() => undefined);
  const bytes = await download(ctx, document);
  if (bytes === null) return reply(ctx.t("import-error-download"));
  const fileName = document.file_name ?? "directory.csv";
  const records = await readTableRecords(bytes, DIRECTORY_LIMITS);
  if (!records.ok) {
    if (records.error === "empty") return reply(ctx.t("directory-error-empty"));
    return reply(tableFileErrorText(records, bytes.length, DIRECTORY_LIMITS, ctx.t));
  }
  const table = parseDirectoryRecords(records.records);
  if (!table.ok) {
    return reply(
      table.error === "bad_headers" ? directoryHeaderError(table.missing ?? [], ctx.t) : ctx.t("directory-error-empty"),
    );
  }
  const directory = directoryOf(ctx);
  const now = ctx.services.now();
  const pendingId = await directory.stage(
    hub.id,
    ctx.ids.user,
    { fileName, rows: table.rows, readErrors: table.errors },
    now,
  );
  const plan = await directory.plan(table.rows, hub.id);
  const view = directoryPreviewView(
    {
      pendingId,
      fileName,
      entries: await directory.describe(plan),
      counts: plan.counts,
      errors: [...table.errors, ...plan.errors].sort((a, b) => a.row - b.row),
    },
    ctx.t,
  );
  return ctx.reply(view.text, sendOptions(view));
}

async function ownPending(ctx: YiqiContext, id: number) {
  const pending = await directoryOf(ctx).pending(id);
  if (!pending) {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.answerCallbackQuery({ text: ctx.t("import-gone") });
    return null;
  }
  if (pending.userId !== ctx.ids.user) {
    await ctx.answerCallbackQuery({ text: ctx.t("directory-not-hub"), show_alert: true });
    return null;
  }
  return pending;
}

const handlers: CallbackHandlers = {
  async directoryConfirm(ctx, { id }) {
    const pending = await ownPending(ctx, id);
    if (!pending) return;
    const hub = (await organisedBy(ctx)).find((o) => o.id === pending.organisationId);
    if (!hub) return ctx.answerCallbackQuery({ text: ctx.t("directory-not-hub"), show_alert: true });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const directory = directoryOf(ctx);
    if (!(await directory.take(id))) return ctx.reply(ctx.t("import-gone"));
    // planned again: the organisations may have changed since the preview
    const plan = await directory.plan(pending.rows, hub.id);
    if (plan.errors.length > 0 || pending.readErrors.length > 0) {
      const view = directoryPreviewView(
        {
          pendingId: id,
          fileName: pending.fileName,
          entries: await directory.describe(plan),
          counts: plan.counts,
          errors: [...pending.readErrors, ...plan.errors],
        },
        ctx.t,
      );
      return ctx.reply(view.text, { parse_mode: "HTML" });
    }
    const result = await directory.apply(plan, { timeZone: hub.timeZone, locale: hub.locale });
    const bot = ctx.me.username;
    await ctx.reply(directoryDoneText(result.entries, result.counts, bot, ctx.t), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
    return ctx.replyWithDocument(
      new InputFile(Buffer.from(directoryCsv(result.entries, bot, ctx.t), "utf8"), `yiqi-organisations-${hub.id}.csv`),
      { caption: ctx.t("directory-csv-caption") },
    );
  },

  async directoryCancel(ctx, { id }) {
    if (!(await ownPending(ctx, id))) return;
    await directoryOf(ctx).take(id);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("directory-cancelled"));
    return ctx.answerCallbackQuery();
  },
};

/** Organisation directories: a file with the caption `/organisations import`, previewed, then written. */
export function directoryFeature(callbacks: CallbackRoutes): Composer<YiqiContext> {
  const feature = new Composer<YiqiContext>();
  feature.on("message:document", async (ctx, next) => {
    if (!CAPTION.test(ctx.msg.caption?.trim() ?? "")) return next();
    if (ctx.chat.type !== "private") return ctx.reply(ctx.t("directory-ask-file"));
    return importDirectory(ctx, ctx.msg.document);
  });
  callbacks.add(handlers);
  return feature;
}

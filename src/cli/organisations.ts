import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { DirectoryError } from "../domain/directory-plan.ts";
import type { Translator } from "../i18n/translator.ts";
import { parseDirectoryRecords } from "../imports/directory-table.ts";
import { type DirectoryEntry, DirectoryService, startGroupLink } from "../services/directory.ts";
import { readTableRecords } from "../services/table-files.ts";
import { type Database, openDatabase } from "../store/database.ts";
import { migrate } from "../store/migrator.ts";
import { countsText, directoryErrorText, directoryHeaderError } from "../views/directory-views.ts";
import { tableFileErrorText } from "../views/import-views.ts";
import type { CliConfig } from "./config.ts";
import type { CliIo } from "./io.ts";

export const organisationsUsage = "usage: npm run cli -- organisations import FILE [--dry-run] [--json] [--sheet NAME]";

/** What a directory file may be: a city's 1,126 organisations many times over. */
export const DIRECTORY_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;

/** The bot's username from getMe when BOT_TOKEN is set; undefined otherwise or when Telegram cannot be asked. */
async function botUsername(io: CliIo): Promise<string | undefined> {
  const token = io.env.BOT_TOKEN?.trim();
  if (!token) return undefined;
  const root = io.env.TELEGRAM_API_ROOT?.trim() || "https://api.telegram.org";
  try {
    const response = await fetch(`${root}/bot${token}/getMe`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { ok?: boolean; result?: { username?: string } };
    if (body.ok && body.result?.username) return body.result.username;
    io.err("getMe did not answer with the bot's username; links show <bot>");
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replaceAll(token, "…");
    io.err(`could not ask Telegram for the bot's username (${reason}); links show <bot>`);
  }
  return undefined;
}

/** `organisations import FILE`: read an organisation directory, show what it changes, and (unless --dry-run) apply it. */
export async function organisationsCommand(
  argv: string[],
  config: CliConfig,
  io: CliIo,
  translator: Translator,
): Promise<number> {
  const t = translator.for("en");
  let values: { "dry-run": boolean; json: boolean; sheet?: string };
  let file: string | undefined;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        sheet: { type: "string" },
      },
    });
    values = parsed.values;
    const [verb, path, ...extra] = parsed.positionals;
    if (verb !== "import" || path === undefined || extra.length > 0) throw new Error(organisationsUsage);
    file = path;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    io.err(`cannot read ${file}: ${typeof code === "string" ? code : String(error)}`);
    return 1;
  }
  const records = await readTableRecords(bytes, { ...DIRECTORY_LIMITS, sheet: values.sheet });
  if (!records.ok) {
    io.err(`${file}: ${tableFileErrorText(records, bytes.length, DIRECTORY_LIMITS, t)}`);
    return 1;
  }
  const table = parseDirectoryRecords(records.records);
  if (!table.ok) {
    io.err(
      `${file}: ${table.error === "bad_headers" ? directoryHeaderError(table.missing ?? [], t) : t("directory-error-empty")}`,
    );
    return 1;
  }

  let database: Database | null = null;
  try {
    await migrate(config.databaseUrl);
    database = await openDatabase(config.databaseUrl);
    const directory = new DirectoryService(database.prisma);
    const plan = await directory.plan(table.rows, null);
    const errors = [...table.errors, ...plan.errors].sort((a, b) => a.row - b.row);
    const blocked = errors.length > 0;
    const entries =
      values["dry-run"] || blocked
        ? await directory.describe(plan)
        : (await directory.apply(plan, { timeZone: config.defaultTimeZone, locale: "zh-CN" })).entries;
    const bot = await botUsername(io);
    const report = { file, dryRun: values["dry-run"] || blocked, counts: plan.counts, entries, errors, bot };
    io.out(values.json ? JSON.stringify(jsonReport(report, t), null, 2) : textReport(report, t));
    if (blocked) {
      io.err(`${file}: ${errors.length} row(s) with errors; nothing imported`);
      return 1;
    }
    return 0;
  } finally {
    await database?.close();
  }
}

interface Report {
  file: string;
  dryRun: boolean;
  counts: Record<DirectoryEntry["action"], number>;
  entries: DirectoryEntry[];
  errors: DirectoryError[];
  bot: string | undefined;
}

function jsonReport(report: Report, t: ReturnType<Translator["for"]>) {
  return {
    file: report.file,
    dryRun: report.dryRun,
    summary: report.counts,
    organisations: report.entries.map((e) => ({
      row: e.row,
      name: e.name,
      level: e.kind,
      parent: e.parent,
      action: e.action,
      id: e.id,
      joinCode: e.joinCode,
      link: e.joinCode === null ? null : startGroupLink(report.bot, e.joinCode),
    })),
    errors: report.errors.map((e) => ({ ...e, message: directoryErrorText(e, t) })),
  };
}

function textReport(report: Report, t: ReturnType<Translator["for"]>): string {
  const lines = [
    `${report.file}: ${report.entries.length} organisations — ${countsText(report.counts, t)}${report.dryRun ? " (dry run: nothing written)" : ""}`,
  ];
  for (const e of report.entries) {
    const parent = e.parent === null ? "" : ` under ${e.parent}`;
    const link = e.joinCode === null ? "" : ` — ${e.joinCode} ${startGroupLink(report.bot, e.joinCode)}`;
    lines.push(`  row ${e.row}: ${e.name} (${e.kind})${parent} — ${t(`directory-action-${e.action}`)}${link}`);
  }
  if (report.errors.length > 0) {
    lines.push(`${report.errors.length} row(s) with errors:`);
    for (const e of report.errors) lines.push(`  ${directoryErrorText(e, t)}`);
  }
  return lines.join("\n");
}

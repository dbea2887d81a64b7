import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import type { RowRoute } from "../domain/programme-routing.ts";
import { isoWithOffset } from "../domain/time/calendar.ts";
import { formatTimeWindow } from "../domain/time/index.ts";
import type { Translator } from "../i18n/translator.ts";
import { type ProgrammeSummary, summariseProgramme } from "../imports/programme-summary.ts";
import { type ParsedRow, parseProgrammeTable, type RowError } from "../imports/programme-table.ts";
import { IMPORT_LIMITS, type ImportResult } from "../services/programmes.ts";
import { createServices, type Services } from "../services/services.ts";
import { programmeBytes } from "../services/table-files.ts";
import { type Database, openDatabase } from "../store/database.ts";
import { migrate } from "../store/migrator.ts";
import { dayText, fileErrorText, rowErrorText, tableFileErrorText } from "../views/import-views.ts";
import { type CliConfig, commandServicesConfig } from "./config.ts";
import type { CliIo } from "./io.ts";

export const importUsage =
  "usage: npm run cli -- import FILE [--year 2020] [--campaign NAME] [--yearly] [--org ID] [--dry-run] [--json] [--skip-bad-rows] [--sheet NAME]";

class UsageError extends Error {}

interface ImportArgs {
  file: string;
  year: number | undefined;
  campaign: string | null;
  yearly: boolean;
  org: number | undefined;
  dryRun: boolean;
  json: boolean;
  skipBadRows: boolean;
  sheet: string | undefined;
}

function readArgs(argv: string[]): ImportArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      year: { type: "string" },
      campaign: { type: "string" },
      yearly: { type: "boolean", default: false },
      org: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "skip-bad-rows": { type: "boolean", default: false },
      sheet: { type: "string" },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(importUsage);
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) {
    throw new UsageError(`--year must be a year such as 2026, not "${values.year}"`);
  }
  const org = values.org === undefined ? undefined : Number(values.org);
  if (org !== undefined && !(Number.isInteger(org) && org > 0)) {
    throw new UsageError(`--org must be an organisation id (a positive whole number), not "${values.org}"`);
  }
  if (!values["dry-run"] && org === undefined) {
    throw new UsageError("--org ID is required to import (which organisation imports the table); or use --dry-run");
  }
  const campaign = values.campaign?.trim() || null;
  return {
    file,
    year,
    campaign,
    yearly: values.yearly,
    org,
    dryRun: values["dry-run"],
    json: values.json,
    skipBadRows: values["skip-bad-rows"],
    sheet: values.sheet,
  };
}

/** `import FILE …`: parse a programme table, print it, and (unless --dry-run) import it in one transaction. */
export async function importCommand(
  argv: string[],
  config: CliConfig,
  io: CliIo,
  translator: Translator,
): Promise<number> {
  const t = translator.for("en");
  let args: ImportArgs;
  try {
    args = readArgs(argv);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  let bytes: Buffer;
  try {
    const file = await readFile(args.file);
    if (file.length > IMPORT_LIMITS.maxBytes) {
      io.err(`${args.file}: ${fileErrorText({ ok: false, error: "too_large" }, file.length, IMPORT_LIMITS, t)}`);
      return 1;
    }
    const table = await programmeBytes(file, args.sheet);
    if (!table.ok) {
      io.err(`${args.file}: ${tableFileErrorText(table, file.length, IMPORT_LIMITS, t)}`);
      return 1;
    }
    bytes = table.bytes;
  } catch (error) {
    const code = error instanceof Error && "code" in error ? error.code : undefined;
    io.err(`cannot read ${args.file}: ${typeof code === "string" ? code : String(error)}`);
    return 1;
  }

  let database: Database | null = null;
  try {
    let timeZone = config.defaultTimeZone;
    let services: Services | null = null;
    if (args.org !== undefined) {
      await migrate(config.databaseUrl);
      database = await openDatabase(config.databaseUrl);
      const org = await database.prisma.organisation.findUnique({ where: { id: args.org } });
      if (!org) {
        io.err(`there is no organisation with id ${args.org}`);
        return 1;
      }
      timeZone = org.timeZone;
      services = createServices({
        config: commandServicesConfig(config, "en"),
        database,
        translator,
        logger: pino({ level: "warn", base: { app: "yiqi-cli" } }, { write: (line: string) => io.err(line.trimEnd()) }),
        now: io.now,
      });
    }
    const now = io.now();
    const campaignYear =
      args.campaign && services ? await services.campaigns.yearFor(args.campaign, now, timeZone) : null;
    const year = args.year ?? campaignYear ?? undefined;
    const table = parseProgrammeTable(bytes, { timeZone, now, year, ...IMPORT_LIMITS });
    if (!table.ok) {
      io.err(`${args.file}: ${fileErrorText(table, bytes.length, IMPORT_LIMITS, t)}`);
      return 1;
    }
    const summary = summariseProgramme(table);
    const routes = services && args.org !== undefined ? await services.programmes.routes(args.org, table.rows) : null;
    const errors = summary.errors.map((e) => ({ ...e, message: rowErrorText(e, t) }));
    const blocked = summary.valid === 0 || (errors.length > 0 && !args.skipBadRows);
    let result: ImportResult | null = null;
    if (!args.dryRun && !blocked && services && args.org !== undefined) {
      result = await services.programmes.importRows(
        { organisationId: args.org, campaignName: args.campaign, yearly: args.yearly },
        table.rows,
      );
    }
    const report = {
      file: args.file,
      timeZone,
      now,
      year: year ?? null,
      campaign: args.campaign,
      summary,
      table,
      errors,
      routes,
    };
    if (args.json) io.out(JSON.stringify(jsonReport(report, result), null, 2));
    else io.out(textReport(report, result, t));
    if (summary.valid === 0) {
      io.err(`${args.file}: no activity could be read; nothing imported`);
      return 1;
    }
    if (blocked) {
      io.err(
        `${args.file}: ${summary.errorRows} row(s) with errors; ${args.dryRun ? "the import would stop" : "nothing imported"}: fix them or pass --skip-bad-rows`,
      );
      return 1;
    }
    return 0;
  } finally {
    await database?.close();
  }
}

interface Report {
  file: string;
  timeZone: string;
  now: Date;
  year: number | null;
  campaign: string | null;
  summary: ProgrammeSummary;
  table: { rows: ParsedRow[] };
  errors: (RowError & { message: string })[];
  /** where each row goes (with --org); null in a dry run without one */
  routes: RowRoute[] | null;
}

function jsonReport(report: Report, result: ImportResult | null) {
  const { summary } = report;
  return {
    file: report.file,
    timeZone: report.timeZone,
    year: report.year,
    campaign: report.campaign,
    summary: {
      total: summary.total,
      valid: summary.valid,
      byDate: summary.byDate,
      multiDay: summary.multiDay,
      errorRows: summary.errorRows,
    },
    events: report.table.rows.map((row, i) => ({
      row: row.row,
      title: row.title,
      organisers: row.organisers,
      andOthers: row.andOthers,
      content: row.content,
      place: row.place,
      online: row.online,
      timeText: row.timeText,
      start: isoWithOffset(row.window.start, row.window.timeZone),
      end: isoWithOffset(row.window.end, row.window.timeZone),
      precision: row.window.precision,
      openEnded: row.window.openEnded ?? false,
      organisation: report.routes?.[i]?.organisation ?? null,
      district: report.routes?.[i]?.district ?? null,
      createsOrganisation: report.routes ? report.routes[i]?.organisationId === null : null,
    })),
    errors: report.errors,
    imported: result
      ? {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          campaignId: result.campaignId,
          organisationsCreated: result.organisationsCreated,
        }
      : null,
  };
}

function textReport(report: Report, result: ImportResult | null, t: ReturnType<Translator["for"]>): string {
  const { summary } = report;
  const days = Object.entries(summary.byDate).map(([date, count]) => `${count} on ${dayText(date, t)}`);
  if (summary.multiDay > 0) days.push(`${summary.multiDay} over several days`);
  const lines = [`${report.file}: ${summary.total} activities${days.length ? ` (${days.join(", ")})` : ""}`];
  report.table.rows.forEach((row, i) => {
    const when = formatTimeWindow(row.window, "en", { now: report.now });
    const route = report.routes?.[i];
    const to = route
      ? ` → ${route.organisation} (${route.district ?? "city level"}${route.organisationId === null ? ", new" : ""})`
      : "";
    lines.push(
      `  row ${row.row}: ${row.title} — ${row.organisers.join("、")}${row.andOthers ? "等" : ""} — ${when}${to}`,
    );
  });
  if (report.errors.length > 0) {
    lines.push(`${summary.errorRows} row(s) with errors:`);
    for (const error of report.errors) lines.push(`  ${error.message}`);
  }
  if (result) {
    lines.push(
      `imported: ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged` +
        (report.campaign ? ` (campaign "${report.campaign}", id ${result.campaignId})` : ""),
    );
  }
  return lines.join("\n");
}

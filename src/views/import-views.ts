import type { Translate } from "../i18n/translator.ts";
import type { ProgrammeSummary } from "../imports/programme-summary.ts";
import type { ProgrammeField, ProgrammeParse, RowError } from "../imports/programme-table.ts";
import { encodeCallback } from "./callback-data.ts";
import { fitMessage, userText } from "./html.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

/** Rows with errors listed in a preview before "…and N more". */
const ERRORS_SHOWN = 15;

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

type FileError = Extract<ProgrammeParse, { ok: false }>;

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return (Math.round((bytes / MB) * 10) / 10).toString();
}

/** One clear sentence for a file that cannot be imported at all. */
export function fileErrorText(error: FileError, size: number, limits: ImportLimits, t: Translate): string {
  switch (error.error) {
    case "too_large":
      return t("import-error-too_large", { size: megabytes(size), limit: megabytes(limits.maxBytes) });
    case "too_many_rows":
      return t("import-error-too_many_rows", { limit: String(limits.maxRows) });
    case "bad_headers":
      return t("import-error-bad_headers", { missing: columnList(error.missing ?? [], t) });
    case "malformed":
      return t("import-error-malformed", { detail: error.detail ?? "" });
    default:
      return t(`import-error-${error.error}`);
  }
}

function columnList(fields: ProgrammeField[], t: Translate): string {
  return fields.map((f) => t(`import-column-${f}`)).join(", ");
}

/** "row 7: time '时间待定' not understood" */
export function rowErrorText(error: RowError, t: Translate): string {
  const problem =
    error.field === "roles" || error.field === "questions"
      ? t(`import-problem-${error.field}`, { value: error.value ?? "" })
      : error.field === "time" && error.code !== "missing"
        ? t(`import-problem-time-${error.code}`, { value: error.value ?? "" })
        : t(`import-problem-${error.field}-${error.code}`);
  return t("import-row", { row: error.row, problem });
}

/** "6月28日" / "6/28" from "2026-06-28". */
export function dayText(ymd: string, t: Translate): string {
  return t("import-day", { month: Number(ymd.slice(5, 7)), day: Number(ymd.slice(8, 10)) });
}

/** Counts and row problems, as HTML lines (user text escaped). */
export function summaryLines(summary: ProgrammeSummary, t: Translate): string[] {
  // numbers as text: Fluent would group them ("5,000"), which reads oddly in Chinese
  const parts = [t("import-preview-total", { total: String(summary.total) })];
  for (const [date, count] of Object.entries(summary.byDate)) {
    parts.push(t("import-preview-on-day", { count: String(count), date: dayText(date, t) }));
  }
  if (summary.multiDay > 0) parts.push(t("import-preview-multi-day", { count: String(summary.multiDay) }));
  const lines = [parts.join(", ")];
  if (summary.errorRows > 0) {
    lines.push("", t("import-preview-errors", { count: String(summary.errorRows) }));
    lines.push(...errorLines(summary.errors, t));
  }
  return lines;
}

export function errorLines(errors: RowError[], t: Translate): string[] {
  const lines = errors.slice(0, ERRORS_SHOWN).map((e) => `· ${userText(rowErrorText(e, t), 200)}`);
  if (errors.length > ERRORS_SHOWN)
    lines.push(t("import-preview-more-errors", { count: errors.length - ERRORS_SHOWN }));
  return lines;
}

export interface PreviewInput {
  pendingId: number;
  fileName: string;
  summary: ProgrammeSummary;
  campaignName: string | null;
  organisation: { id: number; name: string };
  /** other organisations the importer may import for */
  others: { id: number; name: string }[];
  /** current campaigns the table could join, offered when none was named */
  campaigns: { id: number; name: string }[];
  /** where each row goes (programme routing), in row order */
  routes?: RoutedRow[];
}

export interface RoutedRow {
  row: number;
  title: string;
  organisation: string;
  district: string | null;
  /** the organisation is created on import */
  created: boolean;
}

const ROUTES_SHOWN = 20;

/** Per district counts, the organisations to be created, and the first rows with where they go. */
export function routingLines(routes: RoutedRow[], t: Translate): string[] {
  const cityLevel = t("routing-city-level");
  const byDistrict = new Map<string, number>();
  for (const r of routes) byDistrict.set(r.district ?? cityLevel, (byDistrict.get(r.district ?? cityLevel) ?? 0) + 1);
  const districts = [...byDistrict].sort(([a], [b]) =>
    a === cityLevel ? 1 : b === cityLevel ? -1 : a.localeCompare(b, "zh-CN"),
  );
  const lines = [
    t("routing-by-district", {
      list: districts
        .map(([name, count]) => t("routing-district-count", { name: userText(name, 30), count: String(count) }))
        .join(" · "),
    }),
  ];
  const created = [...new Map(routes.filter((r) => r.created).map((r) => [r.organisation, r])).values()];
  if (created.length > 0) {
    lines.push(
      t("routing-created", {
        count: String(created.length),
        list: created
          .slice(0, 10)
          .map((r) => `${userText(r.organisation, 40)}（${userText(r.district ?? cityLevel, 20)}）`)
          .join("、"),
      }),
    );
  }
  for (const r of routes.slice(0, ROUTES_SHOWN)) {
    lines.push(
      t("routing-row", {
        row: r.row,
        title: userText(r.title, 40),
        organisation: userText(r.organisation, 40),
        district: userText(r.district ?? cityLevel, 20),
        created: r.created ? "yes" : "no",
      }),
    );
  }
  if (routes.length > ROUTES_SHOWN)
    lines.push(t("import-preview-more-errors", { count: routes.length - ROUTES_SHOWN }));
  return lines;
}

/** The preview with Import / Cancel; nothing is written before Import. */
export function importPreviewView(p: PreviewInput, t: Translate): View {
  const blocks = [t("import-preview-title", { file: userText(p.fileName, 80) }), ...summaryLines(p.summary, t), ""];
  blocks.push(t("import-preview-for", { organisation: userText(p.organisation.name, 80) }));
  if (p.routes && p.routes.length > 0) blocks.push(...routingLines(p.routes, t));
  blocks.push(
    p.campaignName === null
      ? t("import-preview-no-campaign")
      : t("import-preview-campaign", { campaign: userText(p.campaignName, 80) }),
  );
  if (p.campaignName !== null) blocks.push(t("import-preview-public"));
  blocks.push("", t("import-preview-confirm"));
  const rows: Button[][] = [
    [
      callbackButton(
        t("btn-import-confirm", { count: String(p.summary.valid) }),
        encodeCallback("importConfirm", p.pendingId),
      ),
      callbackButton(t("btn-import-cancel"), encodeCallback("importCancel", p.pendingId)),
    ],
    [callbackButton(t("btn-import-confirm-post"), encodeCallback("importConfirmPost", p.pendingId))],
    ...p.others.map((o) => [
      callbackButton(
        t("btn-import-for", { organisation: Array.from(o.name).slice(0, 40).join("") }),
        encodeCallback("importFor", p.pendingId, o.id),
      ),
    ]),
    ...(p.campaignName === null ? p.campaigns : []).map((c) => [
      callbackButton(
        t("btn-import-campaign", { campaign: Array.from(c.name).slice(0, 40).join("") }),
        encodeCallback("importCampaign", p.pendingId, c.id),
      ),
    ]),
  ];
  return { text: fitMessage(blocks, () => "…"), reply_markup: keyboard(rows) };
}

const SHEET_ERRORS = new Set([
  "zip_bomb",
  "no_sheet",
  "unreadable",
  "too_big_to_read",
  "timeout",
  "sheet_too_many_rows",
]);

/** A table file that cannot be read at all, CSV or workbook. */
export function tableFileErrorText(
  error: { error: string; detail?: string | undefined },
  size: number,
  limits: ImportLimits,
  t: Translate,
): string {
  if (SHEET_ERRORS.has(error.error)) {
    return t(`import-error-sheet-${error.error}`, { limit: "50000", detail: userText(error.detail ?? "", 200) });
  }
  return fileErrorText(error as FileError, size, limits, t);
}

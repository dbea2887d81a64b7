import { spreadsheetKind } from "../imports/spreadsheet-format.ts";
import { type Records, readTextRecords, recordsToCsv } from "../imports/text-records.ts";
import { readSpreadsheetOffThread } from "./spreadsheet-reader.ts";

/** What a table file may be at most, whatever its format. */
export interface TableLimits {
  maxBytes: number;
  maxRows: number;
  /** a workbook's sheet by name (the first one otherwise) */
  sheet?: string | undefined;
}

export type TableFileError =
  | "empty"
  | "too_large"
  | "binary"
  | "malformed"
  | "too_many_rows"
  | "zip_bomb"
  | "no_sheet"
  | "unreadable"
  | "too_big_to_read"
  | "timeout"
  | "sheet_too_many_rows";

export type TableRead = { ok: true; records: Records } | { ok: false; error: TableFileError; detail?: string };

/** A table file → records: CSV/TSV as text, .xlsx/.xls through the spreadsheet reader (off the thread). */
export async function readTableRecords(bytes: Buffer, limits: TableLimits): Promise<TableRead> {
  if (bytes.length > limits.maxBytes) return { ok: false, error: "too_large" };
  if (spreadsheetKind(bytes) === null) return readTextRecords(bytes, limits);
  const sheet = await readSpreadsheetOffThread(bytes, { sheet: limits.sheet });
  if (!sheet.ok)
    return {
      ok: false,
      error: sheet.error === "too_many_rows" ? "sheet_too_many_rows" : sheet.error,
      detail: sheet.detail,
    };
  if (sheet.records.length > limits.maxRows + 1) return { ok: false, error: "too_many_rows" };
  return { ok: true, records: sheet.records };
}

/**
 * A programme file as the CSV bytes the programme reader takes: a workbook's sheet becomes CSV
 * (so an .xlsx gives the same events as the CSV of the same table); CSV/TSV pass unchanged.
 */
export async function programmeBytes(
  bytes: Buffer,
  sheet: string | undefined,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: TableFileError; detail?: string }> {
  if (spreadsheetKind(bytes) === null) return { ok: true, bytes };
  const read = await readSpreadsheetOffThread(bytes, { sheet });
  if (!read.ok)
    return {
      ok: false,
      error: read.error === "too_many_rows" ? "sheet_too_many_rows" : read.error,
      detail: read.detail,
    };
  const csv = recordsToCsv(read.records);
  if (csv.trim() === "") return { ok: false, error: "empty" };
  return { ok: true, bytes: Buffer.from(csv, "utf8") };
}

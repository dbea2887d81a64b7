import type { Records } from "./text-records.ts";

/**
 * What the main thread needs to know of spreadsheets — which kind a file is, the limits, the result's
 * shape — without loading the reader (SheetJS, ~1 MB of code), which runs on a worker thread only
 * (imports/spreadsheet.ts via services/spreadsheet-worker.ts).
 */
export type SpreadsheetKind = "xlsx" | "xls";

export type SpreadsheetRead =
  | { ok: true; records: Records; sheet: string }
  | { ok: false; error: "zip_bomb" | "too_many_rows" | "no_sheet" | "unreadable"; detail?: string };

export interface SpreadsheetLimits {
  /** rows a sheet may have */
  maxRows: number;
  /** what the parts of an .xlsx may add up to once unpacked */
  maxUnpackedBytes: number;
  sheet?: string | undefined;
}

export const SPREADSHEET_LIMITS = { maxRows: 50_000, maxUnpackedBytes: 200 * 1024 * 1024 } as const;

/** .xlsx is a ZIP (PK\x03\x04); .xls an OLE compound file (D0 CF 11 E0). */
export function spreadsheetKind(bytes: Uint8Array): SpreadsheetKind | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "xls";
  return null;
}

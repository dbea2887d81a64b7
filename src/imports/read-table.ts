import { type RecordsRead, readTextRecords } from "./text-records.ts";

/** What a table file may be at most, whatever its format. */
export interface TableLimits {
  maxBytes: number;
  maxRows: number;
  /** a spreadsheet's sheet by name (the first one otherwise) */
  sheet?: string | undefined;
}

/** A table file (CSV/TSV) → records. */
export async function readTableRecords(bytes: Buffer, _fileName: string, limits: TableLimits): Promise<RecordsRead> {
  return readTextRecords(bytes, limits);
}

import { lazyPackage } from "../lazy-package.ts";
import { decodeText } from "./decode.ts";

const csv = lazyPackage<typeof import("csv-parse/sync")>("csv-parse/sync");

/** A table's cells as text records, as read from CSV/TSV or a spreadsheet's sheet. */
export type Records = string[][];

export type RecordsRead =
  | { ok: true; records: Records }
  | { ok: false; error: "empty" | "too_large" | "binary" | "malformed" | "too_many_rows"; detail?: string };

const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, trim: true } as const;

/**
 * CSV or TSV bytes (UTF-8, UTF-16 or GB18030) → records. The delimiter is the one that splits the
 * first lines into more cells.
 */
export function readTextRecords(bytes: Buffer, limits: { maxBytes: number; maxRows: number }): RecordsRead {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > limits.maxBytes) return { ok: false, error: "too_large" };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: "binary" };
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { ok: false, error: "empty" };
  const head = text.split("\n", 5).join("\n");
  const delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? "\t" : ",";
  const records: Records = [];
  try {
    csv().parse(text, {
      ...CSV_OPTIONS,
      delimiter,
      on_record: (record: string[]) => {
        if (records.length > limits.maxRows) throw new TooManyRows();
        records.push(record);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyRows) return { ok: false, error: "too_many_rows" };
    return { ok: false, error: "malformed", detail: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, records };
}

class TooManyRows extends Error {}

/** Records → CSV text (every cell quoted), so a sheet can go through the same reader as a CSV file. */
export function recordsToCsv(records: Records): string {
  return records.map((cells) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\n");
}

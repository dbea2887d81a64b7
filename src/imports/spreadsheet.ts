import * as XLSX from "@e965/xlsx";
import { type SpreadsheetLimits, type SpreadsheetRead, spreadsheetKind } from "./spreadsheet-format.ts";
import type { Records } from "./text-records.ts";

/**
 * Excel workbooks (.xlsx from Office or WPS, old .xls) → the cells of one
 * sheet as text, the same records a CSV of the table gives: merged cells
 * filled into every cell they span, date cells as the date (and time) the
 * sheet shows, whole numbers in full (phone numbers, codes), text as text.
 * Runs on a worker thread (spreadsheet-worker.ts) with memory and time limits.
 */

/** A part that unpacks to more than this many times its packed size is not a real spreadsheet. */
const MAX_RATIO = 200;
const MAX_CELLS = 2_000_000;

/**
 * What the ZIP's central directory says its entries unpack to, before anything is unpacked; null when
 * the directory cannot be read (then the reader refuses the file too).
 */
export function unpackedSize(bytes: Buffer): { total: number; worstRatio: number } | null {
  const view = bytes;
  let eocd = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - 65_557); i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.readUInt16LE(eocd + 10);
  let offset = view.readUInt32LE(eocd + 16);
  let total = 0;
  let worstRatio = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return null;
    const packed = view.readUInt32LE(offset + 20);
    const unpacked = view.readUInt32LE(offset + 24);
    if (packed === 0xffffffff || unpacked === 0xffffffff) return { total: Number.POSITIVE_INFINITY, worstRatio: 0 };
    total += unpacked;
    if (unpacked > 1024 * 1024) worstRatio = Math.max(worstRatio, unpacked / Math.max(packed, 1));
    offset += 46 + view.readUInt16LE(offset + 28) + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
  }
  return { total, worstRatio };
}

export function readSpreadsheet(bytes: Buffer, limits: SpreadsheetLimits): SpreadsheetRead {
  const kind = spreadsheetKind(bytes);
  if (kind === "xlsx") {
    const size = unpackedSize(bytes);
    if (size === null) return { ok: false, error: "unreadable", detail: "not a valid workbook" };
    if (size.total > limits.maxUnpackedBytes || size.worstRatio > MAX_RATIO) return { ok: false, error: "zip_bomb" };
  }
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, {
      type: "buffer",
      dense: true,
      cellDates: false,
      cellNF: true,
      sheetRows: limits.maxRows + 2,
    });
  } catch (error) {
    return { ok: false, error: "unreadable", detail: error instanceof Error ? error.message : String(error) };
  }
  const name = limits.sheet ?? workbook.SheetNames[0];
  const sheet = name === undefined ? undefined : workbook.Sheets[name];
  if (name === undefined || !sheet) return { ok: false, error: "no_sheet", detail: workbook.SheetNames.join(", ") };
  const ref = sheet["!fullref"] ?? sheet["!ref"];
  if (!ref) return { ok: true, records: [], sheet: name };
  const range = XLSX.utils.decode_range(ref);
  const rows = range.e.r - range.s.r + 1;
  if (rows > limits.maxRows) return { ok: false, error: "too_many_rows" };
  const columns = range.e.c + 1;
  if (rows * columns > MAX_CELLS) return { ok: false, error: "too_many_rows" };
  const dense = (sheet["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
  const records: Records = [];
  for (let r = 0; r <= range.e.r; r++) {
    const cells = dense[r] ?? [];
    const record: string[] = [];
    for (let c = 0; c < columns; c++) record.push(cellText(cells[c]));
    records.push(record);
  }
  for (const merge of sheet["!merges"] ?? []) {
    const value = records[merge.s.r]?.[merge.s.c] ?? "";
    for (let r = merge.s.r; r <= Math.min(merge.e.r, records.length - 1); r++) {
      const record = records[r];
      if (!record) continue;
      for (let c = merge.s.c; c <= merge.e.c && c < record.length; c++) record[c] = value;
    }
  }
  return { ok: true, records, sheet: name };
}

/** A cell as the person reading the sheet sees it, in words the time parser understands for dates. */
function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return "";
  if (cell.t === "n" && typeof cell.v === "number") {
    const format = typeof cell.z === "string" ? cell.z : "";
    if (format !== "" && XLSX.SSF.is_date(format)) return dateText(cell.v);
    if (Number.isInteger(cell.v) && Math.abs(cell.v) < 1e21) return String(cell.v);
    return cell.w ?? String(cell.v);
  }
  if (cell.t === "d" && cell.v instanceof Date) return cell.w ?? cell.v.toISOString();
  if (cell.t === "b") return cell.v ? "TRUE" : "FALSE";
  if (cell.t === "e") return "";
  return String(cell.v);
}

/** An Excel date serial as the wall-clock date (and time) the sheet shows: "2026年6月28日 9:00". */
function dateText(serial: number): string {
  const d = XLSX.SSF.parse_date_code(serial);
  if (serial < 1) return `${d.H}:${String(d.M).padStart(2, "0")}`; // a time of day without a date
  const day = `${d.y}年${d.m}月${d.d}日`;
  if (d.H === 0 && d.M === 0) return day;
  return `${day} ${d.H}:${String(d.M).padStart(2, "0")}`;
}

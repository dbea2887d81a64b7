export type CsvCell = string | number | null | undefined;

const BOM = "\uFEFF";
/** First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A CSV file for spreadsheets: UTF-8 with BOM (so Excel picks the right encoding),
 * CRLF rows, RFC 4180 quoting, and text cells that could start a formula
 * neutralised with a leading apostrophe. Cells given as numbers are written as is.
 */
export function toCsv(header: string[], rows: CsvCell[][]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(formatCell).join(","));
  return Buffer.from(BOM + lines.join("\r\n") + "\r\n", "utf8");
}

function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return String(cell);
  const safe = FORMULA_START.test(cell) ? "'" + cell : cell;
  return NEEDS_QUOTES.test(safe) ? '"' + safe.replaceAll('"', '""') + '"' : safe;
}

import { parseQuestions, type QuestionInput } from "../domain/questions.ts";
import { parseRoles, type RoleInput } from "../domain/roles.ts";
import { parseTimeWindow, type TimeWindow } from "../domain/time/index.ts";
import { lazyPackage } from "../lazy-package.ts";
import { decodeText } from "./decode.ts";

const csv = lazyPackage<typeof import("csv-parse/sync")>("csv-parse/sync");

export type ProgrammeField = "title" | "organisers" | "content" | "place" | "time" | "roles" | "questions";

export interface ParsedRow {
  /** spreadsheet row number: 1-based, counting the title and header rows */
  row: number;
  title: string;
  organisers: string[];
  /** the organisers cell ended in 等 ("and others") */
  andOthers: boolean;
  content: string | null;
  /** null when the activity is online or no place was given; areas kept verbatim */
  place: string | null;
  online: boolean;
  timeText: string;
  window: TimeWindow;
  /** the optional roles column (`义诊医生 2 · 家具维修 3`); absent or empty without one */
  roles?: RoleInput[];
  /** the optional sign-up questions column (`电话：紧急联系人电话；选择：尺码：S / M / L`) */
  questions?: QuestionInput[];
}

export interface RowError {
  row: number;
  field: "title" | "time" | "organisers" | "row" | "roles" | "questions";
  /** "missing", "too_few_cells", or the time parser's code ("not_understood", "invalid_date", …) */
  code: string;
  value?: string;
}

export type ProgrammeParse =
  | {
      ok: false;
      error: "empty" | "too_large" | "binary" | "bad_headers" | "too_many_rows" | "malformed";
      detail?: string;
      /** with bad_headers: the required columns not found */
      missing?: ProgrammeField[];
    }
  | { ok: true; rows: ParsedRow[]; errors: RowError[]; delimiter: Delimiter };

export type ProgrammeTable = Extract<ProgrammeParse, { ok: true }>;

export interface ProgrammeOptions {
  timeZone: string;
  now: Date;
  /** year for dates written without one, e.g. the campaign's */
  year?: number;
  maxBytes?: number;
  maxRows?: number;
}

export type Delimiter = "," | "\t";
type Columns = Partial<Record<ProgrammeField, number>>;
interface Header {
  /** 0-based record index of the header row */
  index: number;
  columns: Columns;
  found: number;
}
interface RawRow {
  row: number;
  cells: string[];
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_ROWS = 5000;
const HEADER_SEARCH_RECORDS = 5;
const REQUIRED: ProgrammeField[] = ["title", "organisers", "time"];

const HEADER_NAMES: Record<ProgrammeField, string[]> = {
  title: ["公益服务活动名称", "活动名称", "title", "name", "activity", "activity name"],
  organisers: [
    "组织单位",
    "organisers",
    "organiser",
    "organizers",
    "organizer",
    "organising units",
    "organizing units",
    "organising unit",
    "organizing unit",
  ],
  content: ["具体内容和对象", "content", "content and audience", "description"],
  place: ["服务活动地点或区域", "活动地点", "place", "location", "area"],
  time: ["活动时间", "time", "date"],
  roles: ["角色", "岗位", "招募岗位", "roles", "slots"],
  questions: ["报名问题", "问题", "questions", "sign-up questions"],
};

const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, trim: true } as const;
const ORGANISER_SEPARATORS = /[、，,；;/]/;
const AND_OTHERS = /\s*等(?:单位|组织|机构)?$/;
const ONLINE = /^(?:线上活动|线上|online)$/i;

class TooManyRows extends Error {}

/**
 * Reads a programme table (CSV or TSV, as saved by Excel or WPS) into activities with
 * time windows. Whole-file problems are an error; problems in single rows are listed
 * with their spreadsheet row number while the other rows are kept.
 */
export function parseProgrammeTable(bytes: Buffer, opts: ProgrammeOptions): ProgrammeParse {
  if (bytes.length === 0) return { ok: false, error: "empty" };
  if (bytes.length > (opts.maxBytes ?? DEFAULT_MAX_BYTES)) return { ok: false, error: "too_large" };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, error: "binary" };
  const text = decoded.text.replace(/\r\n?/g, "\n");
  if (text.trim() === "") return { ok: false, error: "empty" };

  const { delimiter, header } = detectLayout(text);
  const missing = REQUIRED.filter((field) => header?.columns[field] === undefined);
  if (header === null || missing.length > 0) return { ok: false, error: "bad_headers", missing };

  let raw: RawRow[];
  try {
    raw = readDataRows(text, delimiter, header.index, opts.maxRows ?? DEFAULT_MAX_ROWS);
  } catch (error) {
    if (error instanceof TooManyRows) return { ok: false, error: "too_many_rows" };
    return { ok: false, error: "malformed", detail: error instanceof Error ? error.message : String(error) };
  }
  if (raw.length === 0) return { ok: false, error: "empty" };

  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  for (const data of raw) {
    const result = readRow(data, header.columns, opts);
    if (Array.isArray(result)) errors.push(...result);
    else rows.push(result);
  }
  return { ok: true, rows, errors, delimiter };
}

/** Picks the delimiter and header row that recognise the most columns in the first records. */
function detectLayout(text: string): { delimiter: Delimiter; header: Header | null } {
  let best: { delimiter: Delimiter; header: Header | null } = { delimiter: ",", header: null };
  for (const delimiter of [",", "\t"] as const) {
    const header = findHeader(firstRecords(text, delimiter));
    if (header !== null && header.found > (best.header?.found ?? 0)) best = { delimiter, header };
  }
  return best;
}

function firstRecords(text: string, delimiter: Delimiter): string[][] {
  const records: string[][] = [];
  try {
    csv().parse(text, {
      ...CSV_OPTIONS,
      delimiter,
      to: HEADER_SEARCH_RECORDS,
      on_record: (record: string[]) => {
        records.push(record);
        return null;
      },
    });
  } catch {
    // a broken quote below the header is reported when the rows are read
  }
  return records;
}

function findHeader(records: string[][]): Header | null {
  let best: Header | null = null;
  records.forEach((cells, index) => {
    const columns: Columns = {};
    cells.forEach((cell, column) => {
      const field = headerField(cell);
      if (field !== null && columns[field] === undefined) columns[field] = column;
    });
    const found = Object.keys(columns).length;
    if (found > (best?.found ?? 0)) best = { index, columns, found };
  });
  return best;
}

function headerField(cell: string): ProgrammeField | null {
  const name = cleanCell(cell)
    .normalize("NFKC")
    .replace(/\(.*?\)|[*:]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  const fields = Object.keys(HEADER_NAMES) as ProgrammeField[];
  return fields.find((field) => HEADER_NAMES[field].includes(name)) ?? null;
}

/** The non-empty rows below the header, cleaned; stops as soon as there are more than `maxRows`. */
function readDataRows(text: string, delimiter: Delimiter, headerIndex: number, maxRows: number): RawRow[] {
  const rows: RawRow[] = [];
  let index = -1;
  csv().parse(text, {
    ...CSV_OPTIONS,
    delimiter,
    on_record: (record: string[]) => {
      index++;
      if (index <= headerIndex) return null;
      const cells = record.map(cleanCell);
      if (cells.every((cell) => cell === "")) return null;
      if (rows.length >= maxRows) throw new TooManyRows();
      rows.push({ row: index + 1, cells });
      return null;
    },
  });
  return rows;
}

function readRow({ row, cells }: RawRow, columns: Columns, opts: ProgrammeOptions): ParsedRow | RowError[] {
  const needed = Math.max(...REQUIRED.map((field) => columns[field] ?? 0)) + 1;
  if (cells.length < needed) return [{ row, field: "row", code: "too_few_cells" }];
  const cell = (field: ProgrammeField): string => {
    const column = columns[field];
    return column === undefined ? "" : (cells[column] ?? "");
  };

  const errors: RowError[] = [];
  const title = cell("title");
  if (title === "") errors.push({ row, field: "title", code: "missing" });
  const { organisers, andOthers } = splitOrganisers(cell("organisers"));
  if (organisers.length === 0) errors.push({ row, field: "organisers", code: "missing" });
  const timeText = cell("time");
  const time =
    timeText === "" ? null : parseTimeWindow(timeText, { timeZone: opts.timeZone, now: opts.now, year: opts.year });
  if (time === null) errors.push({ row, field: "time", code: "missing" });
  else if (!time.ok) errors.push({ row, field: "time", code: time.error, value: timeText });
  const rolesText = cell("roles");
  const roles = rolesText === "" ? null : parseRoles(rolesText);
  if (roles && !roles.ok) errors.push({ row, field: "roles", code: roles.error, value: rolesText });
  const questionsText = cell("questions");
  const questions = questionsText === "" ? null : parseQuestions(questionsText);
  if (questions && !questions.ok) {
    errors.push({ row, field: "questions", code: questions.error, value: questionsText });
  }
  if (errors.length > 0 || time === null || !time.ok) return errors;

  const place = cell("place");
  const online = ONLINE.test(place);
  return {
    row,
    title,
    organisers,
    andOthers,
    content: cell("content") || null,
    place: online ? null : place || null,
    online,
    timeText,
    window: time.window,
    ...(roles?.ok && roles.roles.length > 0 ? { roles: roles.roles } : {}),
    ...(questions?.ok && questions.questions.length > 0 ? { questions: questions.questions } : {}),
  };
}

function splitOrganisers(text: string): { organisers: string[]; andOthers: boolean } {
  const andOthers = AND_OTHERS.test(text);
  const names = text
    .replace(AND_OTHERS, "")
    .split(ORGANISER_SEPARATORS)
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return { organisers: [...new Set(names)], andOthers };
}

/** Trims a cell and folds line breaks inside it into single spaces. */
function cleanCell(cell: string): string {
  return cell.replace(/\s*\n\s*/g, " ").trim();
}

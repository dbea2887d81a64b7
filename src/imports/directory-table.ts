import type { DirectoryError, DirectoryRow } from "../domain/directory-plan.ts";
import { checkOrgName, parseOrgKind } from "../domain/organisation-input.ts";
import type { Records } from "./text-records.ts";

/**
 * An organisation directory as a table: columns 名称/name, 级别/level
 * (市/区县/街道/组织 or city/district/street/organisation) and 上级/parent.
 */
export type DirectoryField = "name" | "level" | "parent";

export type DirectoryParse =
  | { ok: true; rows: DirectoryRow[]; errors: DirectoryError[] }
  | { ok: false; error: "bad_headers" | "empty"; missing?: DirectoryField[] };

const HEADER_NAMES: Record<DirectoryField, string[]> = {
  name: ["名称", "组织名称", "单位名称", "name", "organisation", "organization"],
  level: ["级别", "层级", "类型", "level", "kind", "type"],
  parent: ["上级", "上级组织", "上级单位", "parent", "parent organisation", "parent organization"],
};
const HEADER_SEARCH = 5;

function headerField(cell: string): DirectoryField | null {
  const name = cell
    .normalize("NFKC")
    .replace(/\(.*?\)|[*:]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  const fields = Object.keys(HEADER_NAMES) as DirectoryField[];
  return fields.find((field) => HEADER_NAMES[field].includes(name)) ?? null;
}

/** Reads the directory rows; a row with a problem is reported by its spreadsheet number and left out. */
export function parseDirectoryRecords(records: Records): DirectoryParse {
  let header: { index: number; columns: Partial<Record<DirectoryField, number>> } | null = null;
  for (let index = 0; index < Math.min(HEADER_SEARCH, records.length); index++) {
    const columns: Partial<Record<DirectoryField, number>> = {};
    (records[index] ?? []).forEach((cell, column) => {
      const field = headerField(cell);
      if (field !== null && columns[field] === undefined) columns[field] = column;
    });
    if (columns.name !== undefined && Object.keys(columns).length > Object.keys(header?.columns ?? {}).length) {
      header = { index, columns };
    }
  }
  const missing = (["name", "level", "parent"] as const).filter((f) => header?.columns[f] === undefined);
  if (header === null || missing.length > 0) return { ok: false, error: "bad_headers", missing };
  const { columns } = header;
  const rows: DirectoryRow[] = [];
  const errors: DirectoryError[] = [];
  for (let index = header.index + 1; index < records.length; index++) {
    const cells = (records[index] ?? []).map((c) => c.replace(/\s*\n\s*/g, " ").trim());
    if (cells.every((c) => c === "")) continue;
    const row = index + 1;
    const cell = (f: DirectoryField) => cells[columns[f] ?? -1] ?? "";
    const name = checkOrgName(cell("name"));
    if (!name.ok) {
      errors.push({ row, code: name.error === "name-empty" ? "name_missing" : "name_too_long" });
      continue;
    }
    const kind = parseOrgKind(cell("level") || "organisation");
    if (!kind) {
      errors.push({ row, code: "level_unknown", value: cell("level") });
      continue;
    }
    const parent = checkOrgName(cell("parent"));
    rows.push({ row, name: name.name, kind, parent: parent.ok ? parent.name : null });
  }
  if (rows.length === 0 && errors.length === 0) return { ok: false, error: "empty" };
  return { ok: true, rows, errors };
}

import { localDate } from "../domain/time/index.ts";
import type { ProgrammeTable, RowError } from "./programme-table.ts";

/** The numbers behind an import preview; the wording comes from the locale files. */
export interface ProgrammeSummary {
  /** activities in the table: readable rows plus rows with errors */
  total: number;
  valid: number;
  /** readable activities within one local day, by that day ("2026-06-28"), in date order */
  byDate: Record<string, number>;
  /** readable activities over several days ("6月下旬", "6月16日开始持续到年底") */
  multiDay: number;
  /** rows left out because of at least one error */
  errorRows: number;
  /** every error, by row */
  errors: RowError[];
}

export function summariseProgramme(table: ProgrammeTable): ProgrammeSummary {
  const days = new Map<string, number>();
  let multiDay = 0;
  for (const { window } of table.rows) {
    const first = localDate(window.start, window.timeZone);
    const last = localDate(new Date(window.end.getTime() - 1), window.timeZone);
    if (first === last) days.set(first, (days.get(first) ?? 0) + 1);
    else multiDay++;
  }
  const errors = [...table.errors].sort((a, b) => a.row - b.row);
  const errorRows = new Set(errors.map((error) => error.row)).size;
  return {
    total: table.rows.length + errorRows,
    valid: table.rows.length,
    byDate: Object.fromEntries([...days].sort(([a], [b]) => a.localeCompare(b))),
    multiDay,
    errorRows,
    errors,
  };
}

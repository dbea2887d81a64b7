import type { TimeWindow } from "../domain/time/index.ts";
import type { ProgrammeSummary } from "../imports/programme-summary.ts";
import type { ParsedRow, ProgrammeTable, RowError } from "../imports/programme-table.ts";

/**
 * How a programme row becomes an event: which organisation owns it, the
 * columns it fills, whether a re-import changed it; and how a staged table is
 * kept as JSON until the organiser confirms it.
 */

/** A parsed row as stored in PendingImport.payload (JSON, dates as ISO strings). */
export type StoredRow = Omit<ParsedRow, "window"> & {
  window: Omit<TimeWindow, "start" | "end"> & { start: string; end: string };
};

export interface StoredPayload {
  fileName: string;
  delimiter: ProgrammeTable["delimiter"];
  rows: StoredRow[];
  errors: RowError[];
  summary: ProgrammeSummary;
}

export interface Owners {
  rootId: number;
  /** organisations at or below the importer, by normalised name (co-organisers are matched here) */
  byName: Map<string, number>;
  /** where each row goes */
  ownerOf(row: ParsedRow): number;
}

export function normaliseName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ");
}

export function organiserRows(row: ParsedRow, byName: Map<string, number>) {
  return row.organisers.map((name, position) => ({
    name,
    position,
    organisationId: byName.get(normaliseName(name)) ?? null,
  }));
}

/** The event's columns for a row; `organisationId` is where the row is routed (domain/programme-routing.ts). */
export function eventData(row: ParsedRow, organisationId: number, campaignId: number | null) {
  return {
    organisationId,
    campaignId,
    title: row.title,
    content: row.content,
    place: row.place,
    online: row.online,
    timeText: row.timeText,
    startsAt: row.window.start,
    endsAt: row.window.end,
    precision: row.window.precision,
    openEnded: row.window.openEnded ?? false,
    timeZone: row.window.timeZone,
  };
}

type EventData = ReturnType<typeof eventData>;

/** A stored event as far as an import row describes it. */
type StoredEventData = Omit<EventData, "timeText"> & { timeText: string | null };

export function sameEvent(before: StoredEventData, data: EventData): boolean {
  return (
    before.organisationId === data.organisationId &&
    before.campaignId === data.campaignId &&
    before.title === data.title &&
    before.content === data.content &&
    before.place === data.place &&
    before.online === data.online &&
    before.timeText === data.timeText &&
    before.startsAt.getTime() === data.startsAt.getTime() &&
    before.endsAt.getTime() === data.endsAt.getTime() &&
    before.precision === data.precision &&
    before.openEnded === data.openEnded &&
    before.timeZone === data.timeZone
  );
}

export function storeRow(row: ParsedRow): StoredRow {
  return {
    ...row,
    window: { ...row.window, start: row.window.start.toISOString(), end: row.window.end.toISOString() },
  };
}

export function loadRow(row: StoredRow): ParsedRow {
  return { ...row, window: { ...row.window, start: new Date(row.window.start), end: new Date(row.window.end) } };
}

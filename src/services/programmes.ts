import { subtreeOf } from "../domain/org-tree.ts";
import { importKey } from "../imports/import-key.ts";
import type { ProgrammeSummary } from "../imports/programme-summary.ts";
import type { ParsedRow, ProgrammeTable } from "../imports/programme-table.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { CampaignService } from "./campaigns.ts";
import type { ChangeFeed } from "./changes.ts";
import {
  eventData,
  loadRow,
  normaliseName,
  type Owners,
  organiserRows,
  type StoredPayload,
  sameEvent,
  storeRow,
} from "./programme-rows.ts";

/** Where an import goes: the organisation that imports (a hub or a member organisation) and the campaign. */
export interface ImportTarget {
  organisationId: number;
  campaignName: string | null;
  /** a new campaign repeats every year on its day */
  yearly?: boolean;
  createdById?: TelegramId | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  campaignId: number | null;
}

/** A staged import as the preview shows it. */
export interface PendingProgramme {
  id: number;
  organisationId: number;
  userId: TelegramId;
  campaignName: string | null;
  fileName: string;
  table: ProgrammeTable;
  summary: ProgrammeSummary;
}

/** What an import accepts: well under Telegram's 20 MB download limit, and a city's programme many times over. */
export const IMPORT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 5000 } as const;

const PENDING_TTL_MS = 24 * 60 * 60_000;
const TX_OPTIONS = { maxWait: 10_000, timeout: 120_000 };
const LOOKUP_CHUNK = 500;
/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const WRITE_CHUNK = 500;

/**
 * Programme imports: staging a parsed table until the organiser confirms it, and writing
 * it in one transaction. Re-importing updates events with the same campaign, title and
 * organisers instead of adding copies. Each event belongs to the first organising unit
 * that names an organisation below the importing one, otherwise to the importing one.
 */
export class ProgrammeService {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
    private readonly changes: ChangeFeed,
  ) {}

  /** Keeps a parsed table until Import or Cancel is pressed; returns the pending import's id. */
  async stage(
    target: ImportTarget,
    userId: TelegramId,
    reading: { table: ProgrammeTable; summary: ProgrammeSummary },
    fileName: string,
    now: Date,
  ): Promise<number> {
    const { table, summary } = reading;
    const stored: StoredPayload = {
      fileName,
      delimiter: table.delimiter,
      rows: table.rows.map(storeRow),
      errors: table.errors,
      summary,
    };
    const payload = JSON.stringify(stored);
    // previews nobody answered within a day are forgotten
    await this.db.pendingImport.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - PENDING_TTL_MS) } } });
    const row = await this.db.pendingImport.create({
      data: {
        organisationId: target.organisationId,
        userId,
        campaignName: target.campaignName,
        payload,
        createdAt: now,
      },
    });
    return row.id;
  }

  async pending(id: number): Promise<PendingProgramme | null> {
    const row = await this.db.pendingImport.findUnique({ where: { id } });
    if (row?.kind !== "programme") return null;
    const stored = JSON.parse(row.payload) as StoredPayload;
    return {
      id: row.id,
      organisationId: row.organisationId,
      userId: row.userId,
      campaignName: row.campaignName,
      fileName: stored.fileName,
      table: { ok: true, delimiter: stored.delimiter, rows: stored.rows.map(loadRow), errors: stored.errors },
      summary: stored.summary,
    };
  }

  async retarget(id: number, organisationId: number): Promise<void> {
    await this.db.pendingImport.update({ where: { id }, data: { organisationId } });
  }

  async setCampaign(id: number, campaignName: string): Promise<void> {
    await this.db.pendingImport.update({ where: { id }, data: { campaignName } });
  }

  /** Forgets a pending import; false when it was already confirmed or cancelled. */
  async discard(id: number): Promise<boolean> {
    const { count } = await this.db.pendingImport.deleteMany({ where: { id } });
    return count > 0;
  }

  /** Writes a pending import and forgets it; null when it was already confirmed or cancelled. */
  async confirm(id: number): Promise<ImportResult | null> {
    const pending = await this.pending(id);
    if (!pending) return null;
    const target = {
      organisationId: pending.organisationId,
      campaignName: pending.campaignName,
      createdById: pending.userId,
    };
    return this.write(target, pending.table.rows, id);
  }

  /** Writes rows at once (the CLI); all or nothing. */
  async importRows(target: ImportTarget, rows: ParsedRow[]): Promise<ImportResult> {
    const result = await this.write(target, rows, null);
    if (!result) throw new Error("an import without a pending preview cannot be a repeated press");
    return result;
  }

  private async write(target: ImportTarget, rows: ParsedRow[], pendingId: number | null): Promise<ImportResult | null> {
    const owners = await this.ownerLookup(target.organisationId);
    const result = await this.db.$transaction(async (tx) => {
      if (pendingId !== null) {
        const { count } = await tx.pendingImport.deleteMany({ where: { id: pendingId } });
        if (count === 0) return null; // pressed twice: the first press imports
      }
      const campaign =
        target.campaignName === null
          ? null
          : await this.campaigns.ensure(tx, {
              name: target.campaignName,
              organisationId: target.organisationId,
              windows: rows.map((r) => r.window),
              yearly: target.yearly ?? false,
            });
      // the same activity twice in one table is one event: the later row wins
      // the campaign's id (not its name) keeps a yearly campaign's editions apart; without one, the importer's
      const scope = campaign ? `campaign:${campaign.id}` : `organisation:${target.organisationId}`;
      const byKey = new Map(rows.map((row) => [importKey(scope, row.title, row.organisers), row]));
      const existing = await this.existingByKey(tx, [...byKey.keys()]);
      const outcome: ImportResult = {
        created: 0,
        updated: 0,
        unchanged: 0,
        campaignId: campaign?.id ?? null,
      };
      const changed: { eventId: number; timeChanged: boolean }[] = [];
      const fresh: [string, ParsedRow][] = [];
      for (const [key, row] of byKey) {
        const before = existing.get(key);
        if (!before) {
          fresh.push([key, row]);
          continue;
        }
        const data = eventData(row, owners, campaign?.id ?? null);
        if (sameEvent(before, data)) {
          outcome.unchanged++;
          continue;
        }
        await tx.event.update({
          where: { id: before.id },
          data: {
            ...data,
            sequence: { increment: 1 },
            organisers: { deleteMany: {}, create: organiserRows(row, owners.byName) },
          },
        });
        outcome.updated++;
        changed.push({
          eventId: before.id,
          timeChanged:
            before.startsAt.getTime() !== data.startsAt.getTime() || before.endsAt.getTime() !== data.endsAt.getTime(),
        });
      }
      // new events in a few multi-row statements, so a city's programme does not hold the database for long
      const createdById = target.createdById ?? null;
      for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
        const chunk = fresh.slice(i, i + WRITE_CHUNK);
        const created = await tx.event.createManyAndReturn({
          data: chunk.map(([key, row]) => ({
            ...eventData(row, owners, campaign?.id ?? null),
            importKey: key,
            createdById,
          })),
          select: { id: true, importKey: true },
        });
        const idOf = new Map(created.map((e) => [e.importKey, e.id]));
        await tx.eventOrganiser.createMany({
          data: chunk.flatMap(([key, row]) => {
            const eventId = idOf.get(key);
            return eventId === undefined ? [] : organiserRows(row, owners.byName).map((o) => ({ ...o, eventId }));
          }),
        });
        outcome.created += created.length;
      }
      return { outcome, changed };
    }, TX_OPTIONS);
    if (result === null) return null;
    for (const change of result.changed) {
      await this.changes.emit("eventChanged", change);
      await this.changes.emit("signupsChanged", { eventId: change.eventId });
    }
    return result.outcome;
  }

  private async existingByKey(tx: Tx, keys: string[]) {
    const found = new Map<string, Awaited<ReturnType<typeof findByKeys>>[number]>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      for (const event of await findByKeys(tx, keys.slice(i, i + LOOKUP_CHUNK))) {
        if (event.importKey !== null) found.set(event.importKey, event);
      }
    }
    return found;
  }

  /** Organisation names, and which of them sit below the importing organisation (they own their events). */
  private async ownerLookup(rootId: number): Promise<Owners> {
    const all = await this.db.organisation.findMany({ select: { id: true, name: true, parentId: true } });
    const byName = new Map<string, number>();
    for (const org of all) if (!byName.has(normaliseName(org.name))) byName.set(normaliseName(org.name), org.id);
    const below = new Set(subtreeOf(all, rootId).map((o) => o.id));
    return { rootId, byName, below };
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function findByKeys(tx: Tx, keys: string[]) {
  return tx.event.findMany({ where: { importKey: { in: keys } }, include: { organisers: true } });
}

import { ProgrammeRouter, type RowRoute, routingKey } from "../domain/programme-routing.ts";
import { placesOfRoles } from "../domain/roles.ts";
import { importKey } from "../imports/import-key.ts";
import type { ProgrammeSummary } from "../imports/programme-summary.ts";
import type { ParsedRow, ProgrammeTable } from "../imports/programme-table.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import type { CampaignService } from "./campaigns.ts";
import type { ChangeFeed } from "./changes.ts";
import { questionRow } from "./events.ts";
import { newJoinCode } from "./organisations.ts";
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
  /** organising units that were new and became organisations */
  organisationsCreated: number;
  /** the events this import created (their cards can be posted to their organisations' groups) */
  createdEventIds: number[];
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
    const router = await this.router(target.organisationId);
    const routes = rows.map((row) => router.route(row));
    const result = await this.db.$transaction(async (tx) => {
      if (pendingId !== null) {
        const { count } = await tx.pendingImport.deleteMany({ where: { id: pendingId } });
        if (count === 0) return null; // pressed twice: the first press imports
      }
      const { owners, createdOrgs } = await this.ensureOwners(tx, target.organisationId, router, rows, routes);
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
        organisationsCreated: createdOrgs,
        createdEventIds: [],
      };
      const changed: { eventId: number; timeChanged: boolean }[] = [];
      const fresh: [string, ParsedRow][] = [];
      for (const [key, row] of byKey) {
        const before = existing.get(key);
        if (!before) {
          fresh.push([key, row]);
          continue;
        }
        const data = eventData(row, owners.ownerOf(row), campaign?.id ?? null);
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
            ...eventData(row, owners.ownerOf(row), campaign?.id ?? null),
            ...(row.roles?.length ? { capacity: placesOfRoles(row.roles) } : {}),
            importKey: key,
            createdById,
            // a campaign day's programme is published to the public (the preview says so)
            isPublic: campaign !== null,
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
        // the roles column: each new event's roles with their places (an update leaves roles as they are)
        await tx.eventRole.createMany({
          data: chunk.flatMap(([key, row]) => {
            const eventId = idOf.get(key);
            return eventId === undefined ? [] : (row.roles ?? []).map((r, position) => ({ ...r, position, eventId }));
          }),
        });
        // the questions column: each new event's sign-up questions
        await tx.eventQuestion.createMany({
          data: chunk.flatMap(([key, row]) => {
            const eventId = idOf.get(key);
            return eventId === undefined
              ? []
              : (row.questions ?? []).map((q, i) => ({ ...questionRow(q, i), eventId }));
          }),
        });
        outcome.created += created.length;
        outcome.createdEventIds.push(...created.map((e) => e.id));
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

  /** Routes rows among the importer and everything below it (domain/programme-routing.ts). */
  async router(importerId: number): Promise<ProgrammeRouter> {
    // the importer's subtree through the closure table (not every organisation in the database), level by level
    const rows = await this.db.organisationAncestor.findMany({
      where: { ancestorId: importerId },
      orderBy: [{ depth: "asc" }, { descendantId: "asc" }],
      select: { descendant: { select: { id: true, name: true, kind: true, parentId: true } } },
    });
    const subtree = rows.map((r) => r.descendant);
    const importer = subtree[0] ?? {
      id: importerId,
      name: "",
      kind: "organisation",
      parentId: null,
    };
    return new ProgrammeRouter(importer, subtree);
  }

  /** Where each row would go: organisation, district, and what would be created. */
  async routes(importerId: number, rows: ParsedRow[]): Promise<RowRoute[]> {
    const router = await this.router(importerId);
    return rows.map((row) => router.route(row));
  }

  /** Creates the organising units that are new (one per name) and says where each row goes. */
  private async ensureOwners(tx: Tx, rootId: number, router: ProgrammeRouter, rows: ParsedRow[], routes: RowRoute[]) {
    const created = new Map<string, number>();
    for (const route of routes) {
      const key = routingKey(route.unit);
      if (route.organisationId !== null || route.createUnder === null || created.has(key) || key === "") continue;
      const parent = await tx.organisation.findUnique({ where: { id: route.createUnder } });
      const org = await tx.organisation.create({
        data: {
          name: route.unit,
          kind: "organisation",
          parentId: route.createUnder,
          timeZone: parent?.timeZone ?? "Asia/Shanghai",
          locale: parent?.locale ?? "zh-CN",
          joinCode: newJoinCode(),
        },
      });
      created.set(key, org.id);
    }
    const byName = new Map<string, number>();
    const ownerByRow = new Map<ParsedRow, number>();
    rows.forEach((row, i) => {
      for (const name of row.organisers) {
        const id = router.match(name)?.id ?? created.get(routingKey(name));
        if (id !== undefined && !byName.has(normaliseName(name))) byName.set(normaliseName(name), id);
      }
      const route = routes[i];
      const owner = route?.organisationId ?? created.get(routingKey(route?.unit ?? ""));
      ownerByRow.set(row, owner ?? rootId);
    });
    const owners: Owners = { rootId, byName, ownerOf: (row) => ownerByRow.get(row) ?? rootId };
    return { owners, createdOrgs: created.size };
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function findByKeys(tx: Tx, keys: string[]) {
  return tx.event.findMany({ where: { importKey: { in: keys } }, include: { organisers: true } });
}

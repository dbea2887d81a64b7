import { campaignWindow, campaignYear } from "../domain/campaign-window.ts";
import type { TimeWindow } from "../domain/time/index.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db, SqlDialect } from "../store/database.ts";
import { Prisma } from "../store/sql.ts";
import type { EventSummary } from "../views/event-views.ts";
import { eventsInScopeSql, inScopeOrAboveSql, type OrgScope, wideScan } from "./org-scope.ts";
import type { SignupService } from "./signups.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface CampaignInput {
  name: string;
  organisationId: number;
  /** the windows of the events joining it, to place a new campaign */
  windows: TimeWindow[];
  yearly: boolean;
}

/** One event in a campaign's programme, with the district it sits in. */
export interface ProgrammeEntry {
  event: Omit<EventSummary, "organisation">;
  organisation: string;
  /** the district (or the nearest hub above the organisation); null for city-level events */
  district: string | null;
  confirmed: number;
  waitlisted: number;
}

/** Campaigns (such as the city's public-welfare day) and the programme a hub's group sees. */
export class CampaignService {
  constructor(
    private readonly db: Db,
    private readonly signups: SignupService,
    private readonly dialect: Pick<SqlDialect, "name">,
  ) {}

  find(id: number) {
    return this.db.campaign.findUnique({ where: { id } });
  }

  /** The latest campaign of this name. */
  latestByName(name: string) {
    return this.db.campaign.findFirst({ where: { name: name.trim() }, orderBy: { startsAt: "desc" } });
  }

  /** The year for dates without one in a programme for this campaign; null when the campaign is new. */
  async yearFor(name: string, now: Date, timeZone: string): Promise<number | null> {
    const campaign = await this.latestByName(name);
    return campaign ? campaignYear(campaign, now, timeZone) : null;
  }

  /** The campaign of this name in the year of the events, created when there is none. */
  async ensure(tx: Tx, input: CampaignInput) {
    const org = await tx.organisation.findUnique({ where: { id: input.organisationId } });
    const timeZone = org?.timeZone ?? "Asia/Shanghai";
    const window = campaignWindow(input.windows, timeZone, input.yearly);
    const name = input.name.trim();
    const candidates = await tx.campaign.findMany({ where: { name }, orderBy: { startsAt: "desc" } });
    const same = window
      ? candidates.find((c) => yearOf(c.startsAt, timeZone) === yearOf(window.start, timeZone))
      : candidates[0];
    if (same) return same;
    const start = window?.start ?? new Date();
    return tx.campaign.create({
      data: {
        name,
        organisationId: input.organisationId,
        startsAt: start,
        endsAt: window?.end ?? start,
        // a new edition of a yearly campaign stays yearly
        recurrence: window?.recurrence ?? candidates.find((c) => c.recurrence !== null)?.recurrence ?? null,
      },
    });
  }

  /**
   * Campaigns a group sees: those with events of its organisations, or run by one of them
   * or by a hub above; current and coming ones first (soonest first), then past ones (latest first).
   */
  async visible(scope: OrgScope, now: Date) {
    // one statement: run by the scope or a hub above it, or with an event the scope shows (campaign index)
    const ids = await this.db.$queryRaw<{ id: number }[]>`
      SELECT c."id" FROM "Campaign" c
      WHERE (c."organisationId" IS NOT NULL AND ${inScopeOrAboveSql(scope, Prisma.sql`c."organisationId"`)})
         OR EXISTS (SELECT 1 FROM "Event" e WHERE e."campaignId" = c."id"
           AND ${eventsInScopeSql(scope, "e", wideScan(this.dialect))})
      ORDER BY c."startsAt", c."id" LIMIT 50`;
    const rows = await this.db.campaign.findMany({ where: { id: { in: ids.map((r) => Number(r.id)) } } });
    const campaigns = rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
    const current = campaigns.filter((c) => c.endsAt.getTime() > now.getTime());
    const past = campaigns.filter((c) => c.endsAt.getTime() <= now.getTime()).reverse();
    return [...current, ...past];
  }

  /** The campaign's events the scope shows, with sign-up counts and the district each sits in. */
  async programme(campaignId: number, scope: OrgScope): Promise<ProgrammeEntry[]> {
    // the ids, organisations and districts by one statement (the campaign's index, the scope as index probes,
    // the district stored on each organisation), then the rows. Sub-selects per event, not joins: PostgreSQL
    // guesses thousands of a campaign's events in a district hub (there are a hundred) and would hash all
    // 100,000 organisations.
    const shown = await this.db.$queryRaw<{ id: number; organisation: string; district: string | null }[]>`
      SELECT e."id", (SELECT o."name" FROM "Organisation" o WHERE o."id" = e."organisationId") AS "organisation", (
        SELECT d."name" FROM "Organisation" d
        WHERE d."id" = (SELECT o."districtId" FROM "Organisation" o WHERE o."id" = e."organisationId")
      ) AS "district"
      FROM "Event" e
      WHERE e."campaignId" = ${campaignId} AND e."status" NOT IN ('draft', 'cancelled')
        AND ${eventsInScopeSql(scope, "e", wideScan(this.dialect))}
      ORDER BY e."startsAt", e."id"`;
    const ids = shown.map((r) => Number(r.id));
    const rows = await inChunks(ids, (chunk) => this.db.event.findMany({ where: { id: { in: chunk } } }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    // a city's programme has 10,000 events: more than SQLite takes parameters in one statement
    const counts = new Map(
      (await inChunks(ids, async (chunk) => [...(await this.signups.counts(chunk))])).map(([id, c]) => [id, c]),
    );
    return shown.flatMap((line) => {
      const event = byId.get(Number(line.id));
      if (!event) return [];
      return [
        {
          event,
          organisation: line.organisation,
          district: line.district,
          confirmed: counts.get(event.id)?.confirmed ?? 0,
          waitlisted: counts.get(event.id)?.waitlisted ?? 0,
        },
      ];
    });
  }
}

function yearOf(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en", { timeZone, year: "numeric" }).format(instant);
}

import type { OnboardingOrg } from "../domain/onboarding.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { OrganisationService } from "./organisations.ts";

/** A hub and the organisations below it (the hub itself left out), each with its first linked group. */
export interface Onboarding {
  hub: { id: number; name: string; kind: OnboardingOrg["kind"] };
  orgs: OnboardingOrg[];
}

/**
 * Which organisations below a hub have a linked group yet. Reads the hub's subtree only (ids from the
 * organisation tree, then its rows and groups in chunks), never every organisation in the database.
 */
export class OnboardingService {
  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationService,
  ) {}

  async below(hubId: number): Promise<Onboarding | null> {
    const ids = await this.organisations.subtreeIds(hubId);
    const rows = await inChunks(ids, (chunk) =>
      this.db.organisation.findMany({
        where: { id: { in: chunk } },
        select: { id: true, name: true, kind: true, parentId: true, joinCode: true },
      }),
    );
    const hub = rows.find((o) => o.id === hubId);
    if (!hub) return null;
    const groups = await inChunks(ids, (chunk) =>
      this.db.chat.findMany({
        where: { organisationId: { in: chunk }, active: true, type: { in: ["group", "supergroup"] } },
        select: { organisationId: true, title: true },
        orderBy: { createdAt: "asc" },
      }),
    );
    const groupOf = new Map<number, string>();
    for (const g of groups) {
      if (g.organisationId !== null && !groupOf.has(g.organisationId)) groupOf.set(g.organisationId, g.title ?? "");
    }
    const nameOf = new Map(rows.map((o) => [o.id, o.name]));
    const orgs = rows
      .filter((o) => o.id !== hubId)
      .map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind,
        parent: o.parentId === null ? null : (nameOf.get(o.parentId) ?? null),
        joinCode: o.joinCode,
        group: groupOf.get(o.id) ?? null,
      }));
    return { hub: { id: hub.id, name: hub.name, kind: hub.kind }, orgs };
  }
}

import type { OnboardingOrg } from "../domain/onboarding.ts";
import type { Db } from "../store/database.ts";
import type { OrganisationService } from "./organisations.ts";

/** A hub and the organisations below it (the hub itself left out), each with its first linked group. */
export interface Onboarding {
  hub: { id: number; name: string; kind: OnboardingOrg["kind"] };
  orgs: OnboardingOrg[];
}

/**
 * Which organisations below a hub have a linked group yet. Reads the hub's subtree only (joined through the
 * closure table, no id lists), never every organisation in the database.
 */
export class OnboardingService {
  constructor(
    private readonly db: Db,
    private readonly organisations: OrganisationService,
  ) {}

  async below(hubId: number): Promise<Onboarding | null> {
    // one query over the closure table: the subtree's rows, each with its parent's name and first group
    const rows = await this.db.organisation.findMany({
      where: this.organisations.subtree(hubId),
      select: {
        id: true,
        name: true,
        kind: true,
        joinCode: true,
        parent: { select: { name: true } },
        chats: {
          where: { active: true, type: { in: ["group", "supergroup"] } },
          select: { title: true },
          orderBy: { createdAt: "asc" },
          take: 1,
        },
      },
      orderBy: { id: "asc" },
    });
    const hub = rows.find((o) => o.id === hubId);
    if (!hub) return null;
    const orgs = rows
      .filter((o) => o.id !== hubId)
      .map((o) => {
        const [group] = o.chats;
        return {
          id: o.id,
          name: o.name,
          kind: o.kind,
          parent: o.parent?.name ?? null,
          joinCode: o.joinCode,
          group: group ? (group.title ?? "") : null,
        };
      });
    return { hub: { id: hub.id, name: hub.name, kind: hub.kind }, orgs };
  }
}

import { randomBytes } from "node:crypto";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";

/** Levels below a root a subtree query follows at most (city → district → street → organisation is 4). */
const MAX_DEPTH = 10;

export type OrgKind = "city" | "district" | "street" | "organisation";

export interface NewOrganisation {
  name: string;
  kind: OrgKind;
  parentId: number | null;
  timeZone: string;
  locale: string;
}

/** Join codes avoid look-alike characters (0/O, 1/I/L) so they can be read aloud. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Organisations, their hierarchy (city → district → street → organisation) and named organisers. */
export class OrganisationService {
  constructor(private readonly db: Db) {}

  async create(input: NewOrganisation, linkChatId?: TelegramId) {
    const org = await this.db.organisation.create({ data: { ...input, joinCode: newJoinCode() } });
    if (linkChatId !== undefined) await this.linkChat(linkChatId, org.id);
    return org;
  }

  find(id: number) {
    return this.db.organisation.findUnique({ where: { id } });
  }

  findByJoinCode(code: string) {
    return this.db.organisation.findUnique({ where: { joinCode: code.trim().toUpperCase() } });
  }

  /** A hub by its exact name (an organisation asking to sit under it names it so). */
  findHubByName(name: string) {
    return this.db.organisation.findFirst({
      where: { name: name.replace(/\s+/g, " ").trim(), kind: { not: "organisation" } },
      orderBy: { id: "asc" },
    });
  }

  async setParent(organisationId: number, parentId: number | null): Promise<void> {
    await this.db.organisation.update({ where: { id: organisationId }, data: { parentId } });
  }

  /** Asks a hub's organisers to take the organisation in; an open request for the same pair is reused. */
  async requestParent(input: { organisationId: number; hubId: number; chatId: TelegramId; requestedById: TelegramId }) {
    const open = await this.db.parentRequest.findFirst({
      where: { organisationId: input.organisationId, hubId: input.hubId, status: "pending" },
    });
    return open ?? this.db.parentRequest.create({ data: input });
  }

  findParentRequest(id: number) {
    return this.db.parentRequest.findUnique({ where: { id } });
  }

  /**
   * Approves or declines an open request, once: a second tap (or a second organiser) finds it decided
   * and gets null. Approving attaches the organisation under the hub.
   */
  async decideParent(id: number, approve: boolean, deciderId: TelegramId, now: Date) {
    const { count } = await this.db.parentRequest.updateMany({
      where: { id, status: "pending" },
      data: { status: approve ? "approved" : "declined", decidedById: deciderId, decidedAt: now },
    });
    if (count === 0) return null;
    const request = await this.db.parentRequest.findUniqueOrThrow({ where: { id } });
    if (approve) await this.setParent(request.organisationId, request.hubId);
    return request;
  }

  async linkChat(chatId: TelegramId, organisationId: number, locale?: string): Promise<void> {
    await this.db.chat.update({
      where: { id: chatId },
      data: { organisationId, ...(locale ? { locale } : {}) },
    });
  }

  /**
   * The organisation and every organisation below it, root first: one recursive query that
   * follows the parentId index down from the root, so it reads the subtree, not every
   * organisation (a province has 100,000). The depth cap stops a cycle in bad data.
   */
  async subtreeIds(rootId: number): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ id: number }[]>`
      WITH RECURSIVE sub ("id", "depth") AS (
        SELECT "id", 0 FROM "Organisation" WHERE "id" = ${rootId}
        UNION
        SELECT o."id", sub."depth" + 1 FROM "Organisation" o JOIN sub ON o."parentId" = sub."id"
        WHERE sub."depth" < ${MAX_DEPTH}
      )
      SELECT "id", MIN("depth") AS "depth" FROM sub GROUP BY "id" ORDER BY MIN("depth"), "id"`;
    return rows.map((r) => Number(r.id));
  }

  /** The chain from the organisation up to the city. */
  async ancestors(orgId: number) {
    const chain = [];
    let current = await this.find(orgId);
    while (current && chain.length < 10) {
      chain.push(current);
      current = current.parentId === null ? null : await this.find(current.parentId);
    }
    return chain;
  }

  async addOrganiser(organisationId: number, userId: TelegramId, addedById: TelegramId): Promise<void> {
    await this.db.organiser.upsert({
      where: { organisationId_userId: { organisationId, userId } },
      create: { organisationId, userId, addedById },
      update: {},
    });
  }

  async removeOrganiser(organisationId: number, userId: TelegramId): Promise<boolean> {
    const { count } = await this.db.organiser.deleteMany({ where: { organisationId, userId } });
    return count > 0;
  }

  async isNamedOrganiser(organisationId: number, userId: TelegramId): Promise<boolean> {
    const row = await this.db.organiser.findUnique({
      where: { organisationId_userId: { organisationId, userId } },
    });
    return row !== null;
  }

  listOrganisers(organisationId: number) {
    return this.db.organiser.findMany({ where: { organisationId }, include: { user: true } });
  }

  /** Organisations a user may organise for: named organiser, or admin of a linked group (cached admins). */
  async organisedBy(userId: TelegramId) {
    const named = await this.db.organiser.findMany({
      where: { userId },
      select: { organisationId: true },
    });
    const viaAdmin = await this.db.chatAdmin.findMany({
      where: { userId, chat: { organisationId: { not: null }, active: true } },
      select: { chat: { select: { organisationId: true } } },
    });
    const ids = new Set<number>([
      ...named.map((n) => n.organisationId),
      ...viaAdmin.map((a) => a.chat.organisationId).filter((id): id is number => id !== null),
    ]);
    return this.db.organisation.findMany({ where: { id: { in: [...ids] } }, orderBy: { name: "asc" } });
  }

  /** Group chats linked to an organisation (where its events are posted). */
  groupsOf(organisationId: number) {
    return this.db.chat.findMany({ where: { organisationId, active: true, type: { in: ["group", "supergroup"] } } });
  }
}

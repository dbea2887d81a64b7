import { randomBytes } from "node:crypto";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { inScope, subtreeScope } from "./org-scope.ts";

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
   * The organisations of `rootId`'s subtree (itself included) as a filter over the closure table, to put into
   * any query about organisations (`where`), events (`{ organisation: … }`) or campaigns: the database joins
   * it by index; no list of ids leaves it. For SQL written by hand, `underSql` (org-scope.ts).
   */
  subtree(rootId: number): Prisma.OrganisationWhereInput {
    return inScope(subtreeScope(rootId));
  }

  /** Is `orgId` the organisation `rootId` or below it? */
  async contains(rootId: number, orgId: number): Promise<boolean> {
    const row = await this.db.organisationAncestor.findUnique({
      where: { ancestorId_descendantId: { ancestorId: rootId, descendantId: orgId } },
      select: { depth: true },
    });
    return row !== null;
  }

  /** Does any organisation sit below this one? */
  async hasBelow(rootId: number): Promise<boolean> {
    const row = await this.db.organisationAncestor.findFirst({
      where: { ancestorId: rootId, depth: { gt: 0 } },
      select: { depth: true },
    });
    return row !== null;
  }

  /** The organisations of one kind in a subtree (the districts of a city, the streets of a district), by name. */
  descendantsAtLevel(rootId: number, kind: OrgKind) {
    return this.db.organisation.findMany({ where: { kind, ...this.subtree(rootId) }, orderBy: [{ name: "asc" }] });
  }

  /** The district an organisation sits in (itself if it is one); null above or outside districts. */
  async districtOf(orgId: number) {
    // stored on each organisation, kept by triggers (Organisation.districtId)
    const org = await this.db.organisation.findUnique({ where: { id: orgId }, select: { districtId: true } });
    return org?.districtId == null ? null : this.db.organisation.findUnique({ where: { id: org.districtId } });
  }

  /** The chain from the organisation up to the city, nearest first (one indexed read of the closure table). */
  async ancestors(orgId: number) {
    const rows = await this.db.organisationAncestor.findMany({
      where: { descendantId: orgId },
      orderBy: { depth: "asc" },
      include: { ancestor: true },
    });
    return rows.map((r) => r.ancestor);
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
  organisedBy(userId: TelegramId) {
    return this.db.organisation.findMany({
      where: {
        OR: [{ organisers: { some: { userId } } }, { chats: { some: { active: true, admins: { some: { userId } } } } }],
      },
      orderBy: { name: "asc" },
    });
  }

  /** Group chats linked to an organisation (where its events are posted). */
  groupsOf(organisationId: number) {
    return this.db.chat.findMany({ where: { organisationId, active: true, type: { in: ["group", "supergroup"] } } });
  }
}

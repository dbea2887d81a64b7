import { type OrgScope, subtreeScope } from "../services/org-scope.ts";
import { apiId, type TelegramId } from "../telegram-id.ts";
import type { YiqiContext } from "./context.ts";
import { canOrganise } from "./rights.ts";

const KIND_ORDER = { city: 0, district: 1, street: 2, organisation: 3 } as const;

/**
 * The one place that decides which organisations a chat covers: a group, its
 * organisation and everything below it; a private chat, the organisations of
 * every group the member has been seen in, and everything below them.
 */
export interface ChatScope {
  /** the group's own organisation (null in a private chat) */
  rootId: number | null;
  name: string;
  timeZone: string;
  /** the organisations covered, as a filter the database applies (services/org-scope.ts), never an id list */
  orgs: OrgScope;
  /** more than one organisation: lists name each event's organisation */
  several: boolean;
}

/** null: a group not linked to an organisation, or a member seen in no linked group. */
export async function chatScope(ctx: YiqiContext): Promise<ChatScope | null> {
  const { chats, organisations, config } = ctx.services;
  if (ctx.chat?.type === "private") {
    const roots = await chats.organisationsOfMember(ctx.ids.user);
    const [firstRoot] = roots;
    if (firstRoot === undefined) return null;
    const first = await organisations.find(firstRoot);
    return {
      rootId: null,
      name: ctx.from?.first_name ?? "",
      timeZone: first?.timeZone ?? config.defaultTimeZone,
      orgs: { kind: "member", userId: ctx.ids.user },
      several: roots.length > 1 || (await organisations.hasBelow(firstRoot)),
    };
  }
  const profile = await chats.profile(ctx.ids.chat);
  if (!profile?.organisationId) return null;
  const own = await organisations.find(profile.organisationId);
  if (!own) return null;
  return {
    rootId: own.id,
    name: own.name,
    timeZone: own.timeZone,
    orgs: subtreeScope(own.id),
    several: await organisations.hasBelow(own.id),
  };
}

/** The one place that decides which organisations a user may organise for, hubs first. */
export async function organisedBy(ctx: YiqiContext) {
  const { organisations, chats } = ctx.services;
  const found = new Map((await organisations.organisedBy(ctx.ids.user)).map((o) => [o.id, o]));
  for (const orgId of await chats.organisationsOfMember(ctx.ids.user)) {
    if (found.has(orgId) || !(await canOrganise(ctx, orgId, ctx.ids.user))) continue;
    const org = await organisations.find(orgId);
    if (org) found.set(org.id, org);
  }
  return [...found.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
}

/**
 * The organisation an organiser's command is about: in a group its organisation (if they may organise it),
 * in private the highest one they organise. null: not set up; "refused": not an organiser.
 */
export async function organiserTarget(ctx: YiqiContext) {
  if (ctx.chat?.type === "private") return (await organisedBy(ctx))[0] ?? "refused";
  const profile = await ctx.services.chats.profile(ctx.ids.chat);
  if (!profile?.organisationId) return null;
  if (!(await canOrganise(ctx, profile.organisationId, ctx.ids.user))) return "refused";
  return (await ctx.services.organisations.find(profile.organisationId)) ?? null;
}

/** The organisation of a group, when the user may organise it; null when not set up, "refused" when not. */
export async function groupOrganisation(ctx: YiqiContext): Promise<number | null | "refused"> {
  const profile = await ctx.services.chats.profile(ctx.ids.chat);
  if (!profile?.organisationId) return null;
  return (await canOrganise(ctx, profile.organisationId, ctx.ids.user)) ? profile.organisationId : "refused";
}

/**
 * What a user may see of an event — the one rule every deep link and event button asks:
 * - organiser: may organise it (bot/rights.ts);
 * - member: in a group that shows it (the organisation's groups and those of the hubs above it): the card,
 *   who is going, sign-up, the calendar file;
 * - public: the event is public and they are neither: the card, sign-up and the calendar file, never names;
 * - none: nothing (a polite refusal that names no detail).
 */
export type EventAccess = "none" | "public" | "member" | "organiser";

/** How many of the event's groups are asked with getChatMember when the records do not know the user. */
const MEMBER_LOOKUPS = 5;

export async function eventAccess(
  ctx: YiqiContext,
  event: { organisationId: number; isPublic: boolean },
  userId: TelegramId = ctx.ids.user,
): Promise<EventAccess> {
  if (await canOrganise(ctx, event.organisationId, userId)) return "organiser";
  if (await inEventGroups(ctx, event.organisationId, userId)) return "member";
  return event.isPublic ? "public" : "none";
}

/** May see who is going: members of its groups and organisers. */
export const seesNames = (access: EventAccess) => access === "member" || access === "organiser";

async function inEventGroups(ctx: YiqiContext, organisationId: number, userId: TelegramId): Promise<boolean> {
  const { organisations, chats } = ctx.services;
  const groups: TelegramId[] = [];
  for (const org of await organisations.ancestors(organisationId)) {
    for (const chat of await organisations.groupsOf(org.id)) groups.push(chat.id);
  }
  // pressing a button in one of them, or typing there, is proof enough
  if (ctx.chat?.type !== "private" && groups.includes(ctx.ids.chat) && userId === ctx.ids.user) return true;
  if (await chats.memberOfAny(userId, groups)) return true;
  for (const chatId of groups.slice(0, MEMBER_LOOKUPS)) {
    try {
      const member = await ctx.api.getChatMember(apiId(chatId), apiId(userId));
      const isIn =
        member.status === "creator" ||
        member.status === "administrator" ||
        member.status === "member" ||
        (member.status === "restricted" && member.is_member);
      if (isIn) {
        await chats.seen(chatId, userId);
        return true;
      }
    } catch (error) {
      ctx.log.debug({ err: error, chatId: String(chatId) }, "could not ask whether a user is in a group");
    }
  }
  return false;
}

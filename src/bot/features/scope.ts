import type { YiqiContext } from "../context.ts";
import { canOrganise } from "../rights.ts";

const KIND_ORDER = { city: 0, district: 1, street: 2, organisation: 3 } as const;

/** The organisations a chat covers: a group's organisation and everything below it; a member's groups in private. */
export interface ChatScope {
  /** the group's own organisation (null in a private chat) */
  rootId: number | null;
  name: string;
  timeZone: string;
  organisationIds: number[];
  /** hubs above the group's organisation: their campaigns are this group's campaigns too */
  hubIds: number[];
}

export async function chatScope(ctx: YiqiContext): Promise<ChatScope | null> {
  const { chats, organisations, config } = ctx.services;
  if (!ctx.chat || !ctx.from) return null;
  if (ctx.chat.type === "private") {
    const roots = await chats.organisationsOfMember(ctx.from.id);
    if (roots.length === 0) return null;
    const ids = new Set<number>();
    const hubs = new Set<number>();
    for (const root of roots) {
      for (const id of await organisations.subtreeIds(root)) ids.add(id);
      for (const org of await organisations.ancestors(root)) hubs.add(org.id);
    }
    const first = await organisations.find(roots[0]!);
    return {
      rootId: null,
      name: ctx.from.first_name,
      timeZone: first?.timeZone ?? config.defaultTimeZone,
      organisationIds: [...ids],
      hubIds: [...hubs],
    };
  }
  const profile = await chats.profile(ctx.chat.id);
  if (!profile?.organisationId) return null;
  const chain = await organisations.ancestors(profile.organisationId);
  const own = chain[0];
  if (!own) return null;
  return {
    rootId: own.id,
    name: own.name,
    timeZone: own.timeZone,
    organisationIds: await organisations.subtreeIds(own.id),
    hubIds: chain.slice(1).map((o) => o.id),
  };
}

/** Organisations this user may organise for, hubs first: named organiser, or admin of a linked group. */
export async function organisedBy(ctx: YiqiContext, userId: number) {
  const { organisations, chats } = ctx.services;
  const found = new Map((await organisations.organisedBy(userId)).map((o) => [o.id, o]));
  for (const orgId of await chats.organisationsOfMember(userId)) {
    if (found.has(orgId) || !(await canOrganise(ctx, orgId, userId))) continue;
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
  if (!ctx.chat || !ctx.from) return null;
  if (ctx.chat.type === "private") return (await organisedBy(ctx, ctx.from.id))[0] ?? "refused";
  const profile = await ctx.services.chats.profile(ctx.chat.id);
  if (!profile?.organisationId) return null;
  if (!(await canOrganise(ctx, profile.organisationId, ctx.from.id))) return "refused";
  return (await ctx.services.organisations.find(profile.organisationId)) ?? null;
}

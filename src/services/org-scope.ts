import type { Prisma } from "../generated/sqlite/client.ts";
import { type Sql, Prisma as SqlTag } from "../store/sql.ts";
import type { TelegramId } from "../telegram-id.ts";

/**
 * Which organisations something covers, said as a filter the database evaluates over the closure table
 * (OrganisationAncestor, kept by triggers), never as a list of ids: a city hub covers 100,000 organisations
 * and SQLite refuses a statement with more than a few thousand parameters.
 * - `subtree`: an organisation and everything below it (a group's scope);
 * - `member`: the subtrees of every linked group a person has been seen in (their private chat's scope).
 */
export type OrgScope = { kind: "subtree"; rootId: number } | { kind: "member"; userId: TelegramId };

export const subtreeScope = (rootId: number): OrgScope => ({ kind: "subtree", rootId });

/** The organisations whose subtrees the scope covers (its roots). */
export function scopeRoots(scope: OrgScope): Prisma.OrganisationWhereInput {
  return scope.kind === "subtree"
    ? { id: scope.rootId }
    : { chats: { some: { active: true, members: { some: { userId: scope.userId } } } } };
}

/** Organisations in the scope: those with one of its roots above them (or being one). */
export function inScope(scope: OrgScope): Prisma.OrganisationWhereInput {
  return scope.kind === "subtree"
    ? { above: { some: { ancestorId: scope.rootId } } }
    : { above: { some: { ancestor: scopeRoots(scope) } } };
}

/** Organisations in the scope and the hubs above its roots (whose campaigns the scope takes part in). */
export function inScopeOrAbove(scope: OrgScope): Prisma.OrganisationWhereInput {
  const above: Prisma.OrganisationWhereInput =
    scope.kind === "subtree"
      ? { below: { some: { descendantId: scope.rootId } } }
      : { below: { some: { descendant: scopeRoots(scope) } } };
  return { OR: [inScope(scope), above] };
}

/**
 * Events the scope shows: those of its organisations and those one of them co-organises (a programme row's
 * other organising units that name an organisation: EventOrganiser.organisationId).
 */
export function eventsInScope(scope: OrgScope): Prisma.EventWhereInput {
  const orgs = inScope(scope);
  return { OR: [{ organisation: orgs }, { organisers: { some: { organisation: orgs } } }] };
}

/**
 * How a hand-written filter checks "below a root" per row:
 * - `planned` (the default): as the planner likes. PostgreSQL then often reads the whole subtree once into a
 *   hash (100,000 rows for a city, ~10–20 ms) — right for a statement that reads many rows anyway (a
 *   campaign's 10,000 events, a day's sign-ups).
 * - `probe`: always one index probe of the closure table per row, for a statement that reads rows in order and
 *   stops early (a page, a capped count). `LIMIT 1 OFFSET 0` keeps PostgreSQL from turning the EXISTS into a
 *   hashed subplan or a join (it does not simplify a sub-select with an OFFSET); SQLite probes per row anyway.
 */
export type ScopeCheck = "planned" | "probe";

/**
 * The check for a statement that reads many rows anyway (a campaign's events): planned on PostgreSQL (it may
 * hash the subtree once); on SQLite, which checks row by row whatever it is told, the probing form (the
 * cheaper per row: it skips an event's own organisation among its co-organisers).
 */
export const wideScan = (dialect: { name: string }): ScopeCheck => (dialect.name === "sqlite" ? "probe" : "planned");

const tail = (check: ScopeCheck) => (check === "probe" ? SqlTag.sql` LIMIT 1 OFFSET 0` : SqlTag.empty);

/** The co-host rows worth checking (see eventsInScopeSql). */
function otherUnit(check: ScopeCheck, e: Sql): Sql {
  return check === "probe"
    ? SqlTag.sql`eo."organisationId" <> ${e}."organisationId"`
    : SqlTag.sql`eo."organisationId" IS NOT NULL`;
}

/** Hand-written SQL: `column` (an organisation id) is `rootId` or below it. */
export function underSql(rootId: number, column: Sql, check: ScopeCheck = "planned"): Sql {
  return SqlTag.sql`EXISTS (SELECT 1 FROM "OrganisationAncestor" oa WHERE oa."ancestorId" = ${rootId} AND oa."descendantId" = ${column}${tail(check)})`;
}

/**
 * Hand-written SQL: the organisation `column`, whose stored district (Organisation.districtId) is `district`,
 * is `rootId` or below it, decided by its district where that is enough, so that a statement over many
 * organisations (a city's 18,000 with something to report) probes the closure table for few of them:
 * - in a district that is the root or below it: below the root;
 * - in another district, while the root is a district itself or sits above or outside districts: not below it
 *   (its nearest district would otherwise be below the root, or the root would have one);
 * - anything else (outside districts, or the root inside a district): one probe of the closure table.
 * The districts below the root are read once (the kind index, a probe each), as is the root's own district.
 */
export function underSqlByDistrict(rootId: number, column: Sql, district: Sql): Sql {
  return SqlTag.sql`(CASE
    WHEN ${district} IN (SELECT d."id" FROM "Organisation" d WHERE d."kind" = 'district' AND EXISTS (
      SELECT 1 FROM "OrganisationAncestor" da WHERE da."ancestorId" = ${rootId} AND da."descendantId" = d."id"))
      THEN 1
    WHEN ${district} IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM "Organisation" r WHERE r."id" = ${rootId} AND r."districtId" <> r."id") THEN 0
    WHEN ${underSql(rootId, column, "probe")} THEN 1
    ELSE 0 END) = 1`;
}

/** Hand-written SQL: the roots of the scope (organisation ids), as a subquery. */
function rootsSql(scope: OrgScope): Sql {
  return scope.kind === "subtree"
    ? SqlTag.sql`SELECT CAST(${scope.rootId} AS INTEGER)`
    : SqlTag.sql`SELECT c."organisationId" FROM "Chat" c JOIN "ChatMember" m ON m."chatId" = c."id"
        WHERE m."userId" = ${scope.userId} AND c."active" = true AND c."organisationId" IS NOT NULL`;
}

/** Hand-written SQL: `column` (an organisation id) is in the scope. */
export function inScopeSql(scope: OrgScope, column: Sql, check: ScopeCheck = "planned"): Sql {
  return scope.kind === "subtree"
    ? underSql(scope.rootId, column, check)
    : SqlTag.sql`EXISTS (SELECT 1 FROM "OrganisationAncestor" oa
        WHERE oa."descendantId" = ${column} AND oa."ancestorId" IN (${rootsSql(scope)})${tail(check)})`;
}

/**
 * Hand-written SQL: the event `alias` is one the scope shows (as `eventsInScope`): its organisation is in the
 * scope, or one of its organising units is. See ScopeCheck for how rows are checked; probing, only the units
 * other than the event's own organisation (just checked) are looked at — from the (eventId, organisationId)
 * index, without reading the row — while planned, the sub-select stays free of the event's organisation so
 * that PostgreSQL can hash it (a campaign's 10,000 events: one pass over EventOrganiser, not 10,000 probes).
 */
export function eventsInScopeSql(scope: OrgScope, alias = "e", check: ScopeCheck = "planned"): Sql {
  const e = SqlTag.raw(`"${alias}"`);
  return SqlTag.sql`(${inScopeSql(scope, SqlTag.sql`${e}."organisationId"`, check)} OR EXISTS (
    SELECT 1 FROM "EventOrganiser" eo WHERE eo."eventId" = ${e}."id" AND ${otherUnit(check, e)}
      AND ${inScopeSql(scope, SqlTag.sql`eo."organisationId"`, check)}${tail(check)}))`;
}

/** Hand-written SQL: `column` (an organisation id) is in the scope or a hub above one of its roots. */
export function inScopeOrAboveSql(scope: OrgScope, column: Sql): Sql {
  return SqlTag.sql`(${inScopeSql(scope, column)} OR EXISTS (SELECT 1 FROM "OrganisationAncestor" up
    WHERE up."ancestorId" = ${column} AND up."descendantId" IN (${rootsSql(scope)})))`;
}

import { type NewDelivery, planRendered } from "../delivery/kinds.ts";
import { parseStoredOffsets, storeOffsets } from "../domain/reminders/offsets.ts";
import { groupDefaultOffsets, offsetsFor, personalReminders } from "../domain/reminders/personal.ts";
import { organiserSlots, reminderSlots, type Slot } from "../domain/reminders/plan.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { TapPath } from "../store/tap-path.ts";
import type { TelegramId } from "../telegram-id.ts";
import { windowOf } from "../views/event-views.ts";
import { plannableEvents } from "./live-events.ts";

const GROUP_TYPES = ["group", "supergroup"];

/** The columns of an event that its reminders are planned from. */
export const plannedEvent = {
  id: true,
  organisationId: true,
  startsAt: true,
  endsAt: true,
  precision: true,
  timeZone: true,
  openEnded: true,
  signupDeadline: true,
  createdById: true,
} as const;

export interface PlannedEvent {
  id: number;
  organisationId: number;
  startsAt: Date;
  endsAt: Date;
  precision: "exact" | "day" | "part_of_month" | "ongoing";
  timeZone: string;
  openEnded: boolean;
  signupDeadline: Date | null;
  createdById: bigint | null;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

const notPast = (now: Date) => (s: Slot) => s.dueAt.getTime() >= now.getTime();

/** The active groups of these organisations with their reminder settings, lowest chat id first. */
function groupsOfOrganisations(db: Db, orgIds: number[]) {
  return inChunks(orgIds, (ids) =>
    db.chat.findMany({
      where: { organisationId: { in: ids }, active: true, type: { in: GROUP_TYPES } },
      select: { id: true, organisationId: true, reminderOffsets: true, remindersOn: true },
      orderBy: { id: "asc" },
    }),
  );
}

/** A person's stored reminder columns (as read with their sign-up). */
type PersonColumns = { remindersOn: boolean; reminderOffsets: string | null };

/**
 * The member reminders of one event: each person at the offsets they chose, or the group's times. Slots are
 * computed once per distinct set of offsets (a thousand members share a handful), not once per member.
 */
function memberDeliveries(
  e: PlannedEvent,
  groupTimes: readonly number[],
  members: { userId: TelegramId; user: PersonColumns }[],
  now: Date,
): NewDelivery[] {
  const deliveries: NewDelivery[] = [];
  const slotsBy = new Map<string, Slot[]>();
  const window = windowOf(e);
  for (const m of members) {
    const offsets = offsetsFor(personalReminders(m.user), groupTimes);
    const key = storeOffsets(offsets);
    let slots = slotsBy.get(key);
    if (!slots) {
      slots = reminderSlots(window, offsets).filter(notPast(now));
      slotsBy.set(key, slots);
    }
    for (const slot of slots) {
      deliveries.push(planRendered("member-reminder", { eventId: e.id, start: e.startsAt, to: m.userId, slot }));
    }
  }
  return deliveries;
}

/** The times members who follow the group get, per organisation (see `groupDefaultOffsets`). */
function groupTimesOf(groups: { organisationId: number | null; reminderOffsets: string }[]) {
  const offsetsOf = groupBy(groups, (g) => g.organisationId);
  return (orgId: number) => groupDefaultOffsets((offsetsOf.get(orgId) ?? []).map((g) => g.reminderOffsets));
}

/** Who hears about the events of these organisations, and who signed up for these events. */
async function audience(db: Db, orgIds: number[], eventIds: number[], creatorIds: TelegramId[]) {
  const [groups, signups, named, admins] = await Promise.all([
    groupsOfOrganisations(db, orgIds),
    inChunks(eventIds, (ids) =>
      db.signup.findMany({
        where: {
          eventId: { in: ids },
          status: { in: ["confirmed", "waitlisted"] },
          user: { startedBot: true, remindersOn: true },
        },
        select: { eventId: true, userId: true, user: { select: { remindersOn: true, reminderOffsets: true } } },
      }),
    ),
    inChunks(orgIds, (ids) =>
      db.organiser.findMany({
        where: { organisationId: { in: ids }, user: { startedBot: true } },
        select: { organisationId: true, userId: true },
      }),
    ),
    inChunks(orgIds, (ids) =>
      db.chatAdmin.findMany({
        where: { chat: { organisationId: { in: ids }, active: true } },
        select: { userId: true, chat: { select: { organisationId: true } } },
      }),
    ),
  ]);
  const candidates = [...new Set([...creatorIds, ...admins.map((a) => a.userId)])];
  const reachable = new Set(
    (
      await inChunks(candidates, (ids) =>
        db.user.findMany({ where: { id: { in: ids }, startedBot: true }, select: { id: true } }),
      )
    ).map((u) => u.id),
  );
  const organisersOf = new Map<number, Set<TelegramId>>();
  const addOrganiser = (orgId: number | null, userId: TelegramId) => {
    if (orgId !== null) organisersOf.set(orgId, (organisersOf.get(orgId) ?? new Set()).add(userId));
  };
  for (const n of named) addOrganiser(n.organisationId, n.userId);
  for (const a of admins) if (reachable.has(a.userId)) addOrganiser(a.chat.organisationId, a.userId);
  return {
    groupsOf: groupBy(
      groups.filter((g) => g.remindersOn),
      (g) => g.organisationId,
    ),
    groupTimes: groupTimesOf(groups),
    signupsOf: groupBy(signups, (s) => s.eventId),
    organisersOf,
    reachable,
  };
}

/**
 * Every reminder of these events: to the groups of the event's organisation
 * (at each group's offsets), to the members who signed up and to its
 * organisers (named ones, the groups' admins, its creator) who can be
 * messaged privately. Slots already due are left out.
 */
export async function eventReminders(db: Db, events: PlannedEvent[], now: Date): Promise<NewDelivery[]> {
  if (events.length === 0) return [];
  const creatorIds = events.flatMap((e) => (e.createdById === null ? [] : [e.createdById]));
  const { groupsOf, groupTimes, signupsOf, organisersOf, reachable } = await audience(
    db,
    [...new Set(events.map((e) => e.organisationId))],
    events.map((e) => e.id),
    creatorIds,
  );
  const deliveries: NewDelivery[] = [];
  const upcoming = notPast(now);
  for (const e of events) {
    // slots are computed only for events that have someone to remind (time-zone arithmetic is not free)
    const window = windowOf(e);
    const plan = (kind: "reminder" | "member-reminder" | "organiser-reminder", to: TelegramId, slots: Slot[]) => {
      for (const slot of slots) deliveries.push(planRendered(kind, { eventId: e.id, start: e.startsAt, to, slot }));
    };
    const slotsByOffsets = new Map<string, Slot[]>();
    for (const g of groupsOf.get(e.organisationId) ?? []) {
      let slots = slotsByOffsets.get(g.reminderOffsets);
      if (!slots) {
        slots = reminderSlots(window, parseStoredOffsets(g.reminderOffsets)).filter(upcoming);
        slotsByOffsets.set(g.reminderOffsets, slots);
      }
      plan("reminder", g.id, slots);
    }
    const members = signupsOf.get(e.id) ?? [];
    if (members.length > 0) deliveries.push(...memberDeliveries(e, groupTimes(e.organisationId), members, now));
    const organisers = new Set(organisersOf.get(e.organisationId));
    if (e.createdById !== null && reachable.has(e.createdById)) organisers.add(e.createdById);
    const noticeSlots = organisers.size > 0 ? organiserSlots(window, e.signupDeadline).filter(upcoming) : [];
    for (const userId of organisers) plan("organiser-reminder", userId, noticeSlots);
  }
  return deliveries;
}

/**
 * The member reminders of members who just signed up (`members`: event id →
 * user ids). The group's and the organisers' reminders do not depend on who
 * signed up, so a tap plans only the tapper's own.
 */
export async function memberReminders(
  db: Db,
  people: Pick<TapPath, "remindable">,
  members: Map<number, Set<TelegramId>>,
  now: Date,
): Promise<NewDelivery[]> {
  if (members.size === 0) return [];
  // Plain IN lists, filtered to the exact pairs here: an OR of one condition per member makes a query
  // that Prisma's compiler takes tens of milliseconds over, on the thread that answers taps.
  const userIds = [...new Set([...members.values()].flatMap((ids) => [...ids]))];
  const reachable = await people.remindable(userIds);
  if (reachable.length === 0) return [];
  const person = new Map(reachable.map((u) => [u.id, u]));
  const eventIds = [...members.keys()];
  const [events, candidates] = await Promise.all([
    inChunks(eventIds, (ids) =>
      db.event.findMany({ where: plannableEvents(now, { id: { in: ids } }), select: plannedEvent }),
    ),
    inChunks(eventIds, (events) =>
      inChunks(
        reachable.map((u) => u.id),
        (users) =>
          db.signup.findMany({
            where: { eventId: { in: events }, userId: { in: users }, status: { in: ["confirmed", "waitlisted"] } },
            select: { eventId: true, userId: true },
          }),
        // two lists in one statement: together within the limit
        Math.max(1, 900 - events.length),
      ),
    ),
  ]);
  const signupsOf = groupBy(
    candidates.filter((c) => members.get(c.eventId)?.has(c.userId)),
    (s) => s.eventId,
  );
  const groupTimes = groupTimesOf(await groupsOfOrganisations(db, [...new Set(events.map((e) => e.organisationId))]));
  const deliveries: NewDelivery[] = [];
  for (const e of events) {
    const mine = (signupsOf.get(e.id) ?? []).flatMap((s) => {
      const user = person.get(s.userId);
      return user ? [{ userId: s.userId, user }] : [];
    });
    if (mine.length > 0) deliveries.push(...memberDeliveries(e, groupTimes(e.organisationId), mine, now));
  }
  return deliveries;
}

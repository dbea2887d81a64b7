import type { Limits, RateLimiter } from "../../src/delivery/rate-limiter.ts";
import type { CallApi, Sender } from "../../src/delivery/sender.ts";
import type { TimeWindow } from "../../src/domain/time/window.ts";
import type { Services } from "../../src/services/services.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { createSender } from "../../src/wiring.ts";
import type { FakeTelegram, GroupChatObject, RateLimitConfig } from "../support/fake-telegram/index.ts";
import { type Harness, startHarness } from "../support/harness.ts";

/** A clock the tests move by hand; the app, the sender and the fake server all read it. */
export class FakeClock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  nowMs = (): number => this.ms;
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * The app on a fake clock, not polling and without its cron: the test drives the jobs and the sender.
 * The fake server shares the clock (for its rate windows).
 */
export function startClockedHarness(
  clock: FakeClock,
  options: { kind?: DatabaseKind; limits?: RateLimitConfig } = {},
): Promise<Harness> {
  return startHarness({
    ...(options.kind ? { kind: options.kind } : {}),
    start: false,
    env: { SCHEDULER: "off" },
    app: { now: clock.now },
    fake: { now: clock.nowMs, ...(options.limits ? { limits: options.limits } : {}) },
  });
}

export interface Seeded {
  groups: GroupChatObject[];
  orgIds: number[];
  eventIds: number[];
}

/**
 * `count` organisations, each with one group the bot is in (also in the
 * database, linked; daily summaries off unless asked for) and one event with
 * the same window: a campaign day.
 */
export async function seedGroupsWithEvents(
  fake: FakeTelegram,
  services: Services,
  count: number,
  window: TimeWindow,
  options: { prefix?: string; summaries?: boolean } = {},
): Promise<Seeded> {
  const prefix = options.prefix ?? "g";
  const db = services.database.prisma;
  const creator = fake.user({ first_name: `${prefix}-organiser` });
  const groups = Array.from({ length: count }, (_, i) => fake.group({ title: `${prefix} ${i}`, creator }));
  const names = groups.map((_, i) => `${prefix}-org-${i}`);
  await db.organisation.createMany({
    data: names.map((name, i) => ({ name, joinCode: `${prefix.toUpperCase()}${i}`, timeZone: window.timeZone })),
  });
  const orgs = await db.organisation.findMany({ where: { name: { startsWith: `${prefix}-org-` } } });
  const orgIdByName = new Map(orgs.map((o) => [o.name, o.id]));
  const orgIds = names.map((n) => orgIdByName.get(n)!);
  await db.chat.createMany({
    data: groups.map((g, i) => ({
      id: BigInt(g.id),
      type: g.type,
      title: g.title,
      organisationId: orgIds[i]!,
      summaryOn: options.summaries ?? false,
    })),
  });
  await db.event.createMany({
    data: orgIds.map((organisationId, i) => ({
      organisationId,
      title: `${prefix} event ${i}`,
      startsAt: window.start,
      endsAt: window.end,
      precision: window.precision,
      timeZone: window.timeZone,
      capacity: 20,
    })),
  });
  const events = await db.event.findMany({
    where: { title: { startsWith: `${prefix} event ` } },
    select: { id: true, organisationId: true },
  });
  const eventByOrg = new Map(events.map((e) => [e.organisationId, e.id]));
  return { groups, orgIds, eventIds: orgIds.map((id) => eventByOrg.get(id)!) };
}

/**
 * A sender built the way the app builds its own (same renderers, same policy for chats that went away or
 * moved), for tests that play several instances or crash one. `callApi`: usually the app's (`app.callApi`),
 * or a wrapper around it.
 */
export function testSender(
  services: Services,
  options: { instanceId: string; callApi: CallApi; limits?: Limits; limiter?: RateLimiter },
): Sender {
  return createSender({ services, botUsername: () => "yiqi_test_bot", ...options });
}

/** Ticks the sender, moving the clock `stepMs` after each pass, until nothing is due or `until` is reached. */
export async function drain(
  ticks: () => Promise<number>,
  clock: FakeClock,
  options: { stepMs?: number; until?: Date; pending: () => Promise<number> },
): Promise<void> {
  const step = options.stepMs ?? 250;
  for (let guard = 0; guard < 100_000; guard++) {
    await ticks();
    if (options.until ? clock.nowMs() >= options.until.getTime() : (await options.pending()) === 0) return;
    clock.advance(step);
  }
  throw new Error("the outbox did not drain");
}

/** How many deliveries are still due or in flight at `now`. */
export function dueCount(services: Services, now: () => Date): () => Promise<number> {
  return () =>
    services.database.prisma.delivery.count({
      where: { OR: [{ status: "pending", dueAt: { lte: now() } }, { status: "sending" }] },
    });
}

/**
 * Moves the clock from due instant to due instant up to `until`, planning
 * (when `plan` is given) and sending what is due at each: days of schedule in
 * a few dozen steps.
 */
export async function runThrough(
  services: Services,
  clock: FakeClock,
  until: Date,
  steps: { tick: () => Promise<number>; plan?: (now: Date) => Promise<unknown> },
): Promise<void> {
  for (;;) {
    await steps.plan?.(clock.now());
    while ((await steps.tick()) > 0);
    const next = await services.database.prisma.delivery.findFirst({
      where: { status: "pending", dueAt: { gt: clock.now() } },
      orderBy: { dueAt: "asc" },
    });
    if (!next || next.dueAt.getTime() > until.getTime()) break;
    clock.set(next.dueAt);
  }
  clock.set(until);
  await steps.plan?.(clock.now());
  while ((await steps.tick()) > 0);
}

/** The bot's messages in a chat with the instant each was sent. */
export function sentAt(fake: FakeTelegram, chatId: number): { at: string; text: string }[] {
  return fake.sent(chatId).map((m) => ({ at: new Date(m.date * 1000).toISOString(), text: m.text ?? "" }));
}

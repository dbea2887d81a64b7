import type { Locale } from "../config/config.ts";
import { type ApiCall, type NewDelivery, planReady } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { decodePattern, describePattern } from "../domain/recurrence.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { placeText, windowOf } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import type { Languages } from "./languages.ts";

/** What an event looked like before an edit, as far as its members care (the time and the place). */
export interface EventShape {
  title: string;
  startsAt: Date;
  endsAt: Date;
  precision: "exact" | "day" | "part_of_month" | "ongoing";
  openEnded: boolean;
  timeZone: string;
  place: string | null;
  online: boolean;
}

/** Most mentions in one group message (Telegram keeps a message's mentions to about fifty). */
const MENTIONS_PER_MESSAGE = 40;

function message(text: string): ApiCall {
  return { method: "sendMessage", params: { text, parse_mode: "HTML", link_preview_options: { is_disabled: true } } };
}

/**
 * "What changed, old → new", after an organiser edited an event's time or place and chose to tell the people
 * signed up: one private message to each who started the bot; for those who never did, one message in the
 * group where they signed up that mentions them all. Through the outbox (kind `event-changed`, at least once).
 */
export class ChangeNotices {
  constructor(
    private readonly deps: {
      db: Db;
      outbox: Outbox;
      translator: Translator;
      languages: Languages;
      now: () => Date;
      nudge: () => void;
    },
  ) {}

  /** The lines "🕘 时间：old → new" / "📍 地点：old → new" for what differs; empty when nothing members see changed. */
  private changeLines(before: EventShape, after: EventShape, locale: Locale, now: Date): string[] {
    const t = this.deps.translator.for(locale);
    const v = { t, locale, now };
    const lines: string[] = [];
    const when = (e: EventShape) => formatTimeWindow(windowOf(e), locale, { now });
    if (when(before) !== when(after)) lines.push(t("edit-notice-time", { old: when(before), new: when(after) }));
    const where = (e: EventShape) => placeText(e, v);
    if (where(before) !== where(after)) lines.push(t("edit-notice-place", { old: where(before), new: where(after) }));
    return lines;
  }

  /** Plans the notices of one edit (`sequence`: the event's edit number, so each edit is told once). Returns how many. */
  async edited(eventId: number, before: EventShape): Promise<number> {
    return this.editedMany([{ eventId, before }]);
  }

  /**
   * Plans the notices of one edit made to several occurrences of a recurring activity at once ("this and all later
   * ones"): each person signed up for any of them is told once, old → new of the soonest one they are in, and how
   * many of their dates changed. Returns how many people.
   */
  async editedMany(changes: { eventId: number; before: EventShape }[]): Promise<number> {
    const { db, languages } = this.deps;
    const ids = changes.map((c) => c.eventId);
    const events = await db.event.findMany({
      where: { id: { in: ids } },
      include: { series: { select: { pattern: true } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const first = events[0];
    if (!first) return 0;
    const beforeOf = new Map(changes.map((c) => [c.eventId, c.before]));
    const now = this.deps.now();
    const signups = await db.signup.findMany({
      where: { eventId: { in: ids }, status: { in: ["confirmed", "waitlisted", "held", "offered"] } },
      include: { user: true },
      orderBy: { seq: "asc" },
    });
    const order = new Map(events.map((e, i) => [e.id, i]));
    // each person once: the soonest changed date they are signed up for, and how many of theirs changed
    const people = new Map<TelegramId, { signup: (typeof signups)[number]; dates: number }>();
    for (const s of signups) {
      const known = people.get(s.userId);
      const sooner = !known || (order.get(s.eventId) ?? 0) < (order.get(known.signup.eventId) ?? 0);
      people.set(s.userId, { signup: sooner ? s : (known?.signup ?? s), dates: (known?.dates ?? 0) + 1 });
    }
    const deliveries: NewDelivery[] = [];
    const unreachable = new Map<TelegramId, (typeof signups)[number][]>();
    for (const { signup: s, dates } of people.values()) {
      const event = events.find((e) => e.id === s.eventId);
      const before = beforeOf.get(s.eventId);
      if (!event || !before) continue;
      if (!s.user.startedBot) {
        if (s.chatId !== null) unreachable.set(s.chatId, [...(unreachable.get(s.chatId) ?? []), s]);
        continue;
      }
      const locale = languages.ofUserRow(s.user);
      const lines = this.changeLines(before, event, locale, now);
      if (lines.length === 0) continue;
      const t = this.deps.translator.for(locale);
      const title = userText(event.title, 200);
      const rule = event.series ? describeStored(event.series.pattern, locale) : "";
      const header =
        dates > 1 && rule
          ? t("edit-notice-private-series", { title, rule, count: dates })
          : t("edit-notice-private", { title });
      const plan = { eventId: event.id, sequence: event.sequence, eventEndsAt: event.endsAt, now };
      deliveries.push(
        planReady("event-changed", { ...plan, to: s.userId, part: 0, call: message([header, ...lines].join("\n")) }),
      );
    }
    const firstBefore = beforeOf.get(first.id);
    const plan = { eventId: first.id, sequence: first.sequence, eventEndsAt: first.endsAt, now };
    for (const [chatId, mentioned] of unreachable) {
      const locale = await languages.ofChat(chatId);
      const lines = firstBefore ? this.changeLines(firstBefore, first, locale, now) : [];
      if (lines.length === 0) continue;
      const t = this.deps.translator.for(locale);
      for (let i = 0; i < mentioned.length; i += MENTIONS_PER_MESSAGE) {
        const mentions = mentioned
          .slice(i, i + MENTIONS_PER_MESSAGE)
          .map((s) => `<a href="tg://user?id=${s.userId}">${userText(s.user.firstName, 40)}</a>`)
          .join(" ");
        const text = [t("edit-notice-group", { mentions, title: userText(first.title, 200) }), ...lines].join("\n");
        deliveries.push(
          planReady("event-changed", { ...plan, to: chatId, part: i / MENTIONS_PER_MESSAGE, call: message(text) }),
        );
      }
    }
    await this.deps.outbox.enqueue(deliveries, now);
    this.deps.nudge();
    return people.size;
  }
}

/** "每周六" / "every Saturday" for a series' stored pattern. */
function describeStored(pattern: string, locale: Locale): string {
  const decoded = decodePattern(pattern);
  return decoded ? describePattern(decoded, locale) : "";
}

import type { Locale } from "../config/config.ts";
import { type ApiCall, type NewDelivery, planReady } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
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
    const { db, languages } = this.deps;
    const event = await db.event.findUnique({ where: { id: eventId } });
    if (!event) return 0;
    const now = this.deps.now();
    const signups = await db.signup.findMany({
      where: { eventId, status: { in: ["confirmed", "waitlisted", "held", "offered"] } },
      include: { user: true },
      orderBy: { seq: "asc" },
    });
    const plan = { eventId, sequence: event.sequence, eventEndsAt: event.endsAt, now };
    const deliveries: NewDelivery[] = [];
    const unreachable = new Map<TelegramId, typeof signups>();
    for (const s of signups) {
      if (!s.user.startedBot) {
        if (s.chatId !== null) unreachable.set(s.chatId, [...(unreachable.get(s.chatId) ?? []), s]);
        continue;
      }
      const locale = languages.ofUserRow(s.user);
      const lines = this.changeLines(before, event, locale, now);
      if (lines.length === 0) return 0;
      const text = [
        this.deps.translator.for(locale)("edit-notice-private", { title: userText(event.title, 200) }),
        ...lines,
      ];
      deliveries.push(planReady("event-changed", { ...plan, to: s.userId, part: 0, call: message(text.join("\n")) }));
    }
    for (const [chatId, people] of unreachable) {
      const locale = await languages.ofChat(chatId);
      const lines = this.changeLines(before, event, locale, now);
      if (lines.length === 0) return 0;
      const t = this.deps.translator.for(locale);
      for (let i = 0; i < people.length; i += MENTIONS_PER_MESSAGE) {
        const mentions = people
          .slice(i, i + MENTIONS_PER_MESSAGE)
          .map((s) => `<a href="tg://user?id=${s.userId}">${userText(s.user.firstName, 40)}</a>`)
          .join(" ");
        const text = [t("edit-notice-group", { mentions, title: userText(event.title, 200) }), ...lines].join("\n");
        deliveries.push(
          planReady("event-changed", { ...plan, to: chatId, part: i / MENTIONS_PER_MESSAGE, call: message(text) }),
        );
      }
    }
    await this.deps.outbox.enqueue(deliveries, now);
    this.deps.nudge();
    return signups.length;
  }
}

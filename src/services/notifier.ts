import type { Locale } from "../config/config.ts";
import type { NewDelivery, Outbox } from "../delivery/outbox.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Db } from "../store/database.ts";
import { windowOf } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import type { ChangeFeed } from "./changes.ts";

/**
 * Personal and group notices that follow from a change: a waitlisted member
 * got a place, an event was cancelled. They go through the outbox (keyed, so
 * a notice is planned once), and are sent by the sender under the limits.
 */
export class Notifier {
  constructor(
    private readonly deps: {
      db: Db;
      outbox: Outbox;
      translator: Translator;
      now: () => Date;
      nudge: () => void;
    },
  ) {}

  listen(changes: ChangeFeed): void {
    changes.on("promoted", ({ eventId, userId, chatId }) => this.promoted(eventId, userId, chatId));
    changes.on("eventCancelled", ({ eventId }) => this.cancelled(eventId));
  }

  private localeOf(languageCode: string | null | undefined): Locale {
    return this.deps.translator.negotiate(languageCode);
  }

  private async groupLocale(chatId: bigint): Promise<Locale> {
    const chat = await this.deps.db.chat.findUnique({ where: { id: chatId }, include: { organisation: true } });
    return this.deps.translator.negotiate(chat?.locale ?? chat?.organisation?.locale ?? null);
  }

  private message(text: string): { method: string; params: Record<string, unknown> } {
    return { method: "sendMessage", params: { text, parse_mode: "HTML", link_preview_options: { is_disabled: true } } };
  }

  async promoted(eventId: number, userId: bigint, chatId: bigint | null): Promise<void> {
    const [event, user, signup] = await Promise.all([
      this.deps.db.event.findUnique({ where: { id: eventId } }),
      this.deps.db.user.findUnique({ where: { id: userId } }),
      this.deps.db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } }),
    ]);
    if (!event || !user || !signup) return;
    const now = this.deps.now();
    const key = `promotion:${eventId}:${userId}:${signup.seq}`;
    const base = { kind: "promotion", eventId, dueAt: now, expiresAt: event.endsAt };
    let delivery: NewDelivery;
    if (user.startedBot || chatId === null) {
      const locale = this.localeOf(user.languageCode);
      const t = this.deps.translator.for(locale);
      const text = t("promoted-private", {
        title: userText(event.title, 200),
        when: formatTimeWindow(windowOf(event), locale, { now }),
      });
      delivery = { ...base, key, chatId: userId, payload: this.message(text) };
    } else {
      const t = this.deps.translator.for(await this.groupLocale(chatId));
      const mention = `<a href="tg://user?id=${userId}">${userText(user.firstName, 60)}</a>`;
      delivery = {
        ...base,
        key,
        chatId,
        payload: this.message(t("promoted-group", { mention, title: userText(event.title, 200) })),
      };
    }
    await this.deps.outbox.enqueue([delivery], now);
    this.deps.nudge();
  }

  async cancelled(eventId: number): Promise<void> {
    const event = await this.deps.db.event.findUnique({ where: { id: eventId } });
    if (!event) return;
    const now = this.deps.now();
    const deliveries: NewDelivery[] = [];
    const notice = (locale: Locale) =>
      this.deps.translator.t(locale, "event-cancelled-notice", {
        title: userText(event.title, 200),
        when: formatTimeWindow(windowOf(event), locale, { now }),
      });
    const signups = await this.deps.db.signup.findMany({
      where: { eventId, status: { in: ["confirmed", "waitlisted"] }, user: { startedBot: true } },
      include: { user: true },
    });
    for (const s of signups) {
      deliveries.push({
        key: `event-cancelled:${eventId}:${s.userId}`,
        kind: "event-cancelled",
        chatId: s.userId,
        payload: this.message(notice(this.localeOf(s.user.languageCode))),
        dueAt: now,
        eventId,
      });
    }
    const posted = await this.deps.db.eventMessage.findMany({
      where: { eventId, chatId: { lt: 0 } },
      distinct: ["chatId"],
    });
    for (const p of posted) {
      deliveries.push({
        key: `event-cancelled:${eventId}:${p.chatId}`,
        kind: "event-cancelled",
        chatId: p.chatId,
        payload: this.message(notice(await this.groupLocale(p.chatId))),
        dueAt: now,
        eventId,
      });
    }
    await this.deps.outbox.dropForEvent(eventId, ["reminder", "member-reminder", "organiser-reminder"]);
    await this.deps.outbox.enqueue(deliveries, now);
    this.deps.nudge();
  }
}

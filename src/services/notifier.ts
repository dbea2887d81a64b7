import type { Locale } from "../config/config.ts";
import { type ApiCall, eventReminderKinds, type NewDelivery, planReady } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Db } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { windowOf } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import type { ChangeFeed } from "./changes.ts";
import type { Languages } from "./languages.ts";

function message(text: string): ApiCall {
  return { method: "sendMessage", params: { text, parse_mode: "HTML", link_preview_options: { is_disabled: true } } };
}

/**
 * Personal and group notices that follow from a change: a waitlisted member
 * got a place, an event was cancelled. They go through the outbox (their
 * kinds, keys and at-least-once guarantee are in delivery/kinds.ts) and are
 * sent by the sender under the limits.
 */
export class Notifier {
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

  listen(changes: ChangeFeed): void {
    changes.on("promoted", ({ eventId, userId, chatId }) => this.promoted(eventId, userId, chatId));
    changes.on("eventCancelled", ({ eventId }) => this.cancelled(eventId));
  }

  private t(locale: Locale) {
    return this.deps.translator.for(locale);
  }

  async promoted(eventId: number, userId: TelegramId, chatId: TelegramId | null): Promise<void> {
    const { db, languages } = this.deps;
    const [event, user, signup] = await Promise.all([
      db.event.findUnique({ where: { id: eventId } }),
      db.user.findUnique({ where: { id: userId } }),
      db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } }),
    ]);
    // a placeholder left by /forgetme keeps its place but is nobody to tell
    if (!event || !user || !signup || user.forgotten) return;
    const now = this.deps.now();
    const plan = { eventId, userId, seq: signup.seq, eventEndsAt: event.endsAt, now };
    let delivery: NewDelivery;
    if (user.startedBot || chatId === null) {
      const locale = languages.ofUserRow(user);
      const text = this.t(locale)("promoted-private", {
        title: userText(event.title, 200),
        when: formatTimeWindow(windowOf(event), locale, { now }),
      });
      delivery = planReady("promotion", { ...plan, to: userId, call: message(text) });
    } else {
      // They never started the bot, so it cannot write to them: say it in the group where they signed up.
      const mention = `<a href="tg://user?id=${userId}">${userText(user.firstName, 60)}</a>`;
      const text = this.t(await languages.ofChat(chatId))("promoted-group", {
        mention,
        title: userText(event.title, 200),
      });
      delivery = planReady("promotion", { ...plan, to: chatId, call: message(text) });
    }
    await this.deps.outbox.enqueue([delivery], now);
    this.deps.nudge();
  }

  async cancelled(eventId: number): Promise<void> {
    const { db, languages } = this.deps;
    const event = await db.event.findUnique({ where: { id: eventId } });
    if (!event) return;
    const now = this.deps.now();
    const notice = (locale: Locale) =>
      message(
        this.t(locale)("event-cancelled-notice", {
          title: userText(event.title, 200),
          when: formatTimeWindow(windowOf(event), locale, { now }),
        }),
      );
    const deliveries: NewDelivery[] = [];
    const signups = await db.signup.findMany({
      where: { eventId, status: { in: ["confirmed", "waitlisted"] }, user: { startedBot: true } },
      include: { user: true },
    });
    for (const s of signups) {
      const call = notice(languages.ofUserRow(s.user));
      deliveries.push(planReady("event-cancelled", { eventId, to: s.userId, now, call }));
    }
    const posted = await db.eventMessage.findMany({ where: { eventId, chatId: { lt: 0 } }, distinct: ["chatId"] });
    for (const p of posted) {
      const call = notice(await languages.ofChat(p.chatId));
      deliveries.push(planReady("event-cancelled", { eventId, to: p.chatId, now, call }));
    }
    await this.deps.outbox.dropForEvent(eventId, eventReminderKinds);
    await this.deps.outbox.enqueue(deliveries, now);
    this.deps.nudge();
  }
}

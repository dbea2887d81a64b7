import type { Locale } from "../config/config.ts";
import { type ApiCall, eventReminderKinds, type NewDelivery, planReady } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { decodePattern, describePattern } from "../domain/recurrence.ts";
import { HOLD_MINUTES } from "../domain/signup-rules.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Db, DbTransaction } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { encodeCallback } from "../views/callback-data.ts";
import { formatInstant, windowOf } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import { callbackButton, keyboard } from "../views/view.ts";
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
    // promotion notices are written in the promotion's own transaction (`promotionNotices`), not after it
    changes.on("promoted", () => this.deps.nudge());
    changes.on("eventCancelled", async ({ eventId, quiet }) => {
      if (quiet) await this.deps.outbox.dropForEvent(eventId, eventReminderKinds);
      else await this.cancelled(eventId);
    });
  }

  private t(locale: Locale) {
    return this.deps.translator.for(locale);
  }

  /**
   * Writes the "you got a place" notices of members just promoted, with `db`: the transaction that promoted
   * them, so a crash between the promotion and its notice cannot lose the notice (it is delivered at least
   * once). Every read goes through `db` too (on SQLite, another connection would wait for this transaction).
   */
  async promotionNotices(db: Db | DbTransaction, eventId: number, userIds: TelegramId[], now: Date): Promise<void> {
    if (userIds.length === 0) return;
    const { languages, translator } = this.deps;
    const event = await db.event.findUnique({ where: { id: eventId } });
    if (!event) return;
    const deliveries: NewDelivery[] = [];
    for (const userId of userIds) {
      const [user, signup] = await Promise.all([
        db.user.findUnique({ where: { id: userId } }),
        db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } }),
      ]);
      // a placeholder left by /forgetme keeps its place but is nobody to tell
      if (!user || !signup || user.forgotten) continue;
      const chatId = signup.chatId;
      const plan = { eventId, userId, seq: signup.seq, eventEndsAt: event.endsAt, now };
      // a place held while the questions are answered (services/signups.ts `promoteInto`): "answer to keep it"
      const held = signup.status === "held" && signup.heldUntil ? signup.heldUntil : null;
      if (user.startedBot || chatId === null) {
        const locale = languages.ofUserRow(user);
        const args = { title: userText(event.title, 200), when: formatTimeWindow(windowOf(event), locale, { now }) };
        if (held) {
          const t = this.t(locale);
          const until = formatInstant(held, event.timeZone, locale);
          const call = message(t("promoted-held-private", { ...args, until }));
          call.params.reply_markup = keyboard([
            [callbackButton(t("promoted-btn-answer"), encodeCallback("answersEdit", eventId))],
          ]);
          deliveries.push(planReady("promotion", { ...plan, to: userId, call }));
          continue;
        }
        const text = this.t(locale)("promoted-private", args);
        deliveries.push(planReady("promotion", { ...plan, to: userId, call: message(text) }));
      } else {
        // They never started the bot, so it cannot write to them: say it in the group where they signed up.
        const chat = await db.chat.findUnique({ where: { id: chatId }, include: { organisation: true } });
        const locale = translator.negotiate(chat?.locale ?? chat?.organisation?.locale ?? null);
        const mention = `<a href="tg://user?id=${userId}">${userText(user.firstName, 60)}</a>`;
        const text = this.t(locale)(held ? "promoted-held-group" : "promoted-group", {
          mention,
          title: userText(event.title, 200),
          minutes: HOLD_MINUTES,
        });
        deliveries.push(planReady("promotion", { ...plan, to: chatId, call: message(text) }));
      }
    }
    await this.deps.outbox.enqueue(deliveries, now, db);
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
      where: { eventId, status: { in: ["confirmed", "waitlisted", "held", "offered"] }, user: { startedBot: true } },
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

  /**
   * Several occurrences of a recurring activity cancelled together (`eventIds`, soonest first, each cancelled
   * quietly): each person signed up for any of them, and each group that shows one, is told once.
   */
  async seriesCancelled(eventIds: number[]): Promise<void> {
    const { db, languages } = this.deps;
    const events = await db.event.findMany({
      where: { id: { in: eventIds } },
      include: { series: { select: { pattern: true } } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const first = events[0];
    if (!first) return;
    const now = this.deps.now();
    const notice = (locale: Locale) => {
      const pattern = first.series ? decodePattern(first.series.pattern) : null;
      return message(
        this.t(locale)("series-cancelled-notice", {
          title: userText(first.title, 200),
          rule: pattern ? describePattern(pattern, locale) : "",
          first: formatTimeWindow(windowOf(first), locale, { now }),
          count: events.length,
        }),
      );
    };
    const deliveries: NewDelivery[] = [];
    const signups = await db.signup.findMany({
      where: { eventId: { in: eventIds }, status: { in: ["confirmed", "waitlisted"] }, user: { startedBot: true } },
      include: { user: true },
      distinct: ["userId"],
    });
    for (const s of signups) {
      const call = notice(languages.ofUserRow(s.user));
      deliveries.push(planReady("event-cancelled", { eventId: first.id, to: s.userId, now, call }));
    }
    // the groups that show the series: a card of any of its occurrences is there (often only the first's)
    const shown = first.seriesId === null ? { eventId: { in: eventIds } } : { event: { seriesId: first.seriesId } };
    const posted = await db.eventMessage.findMany({ where: { ...shown, chatId: { lt: 0 } }, distinct: ["chatId"] });
    for (const p of posted) {
      const call = notice(await languages.ofChat(p.chatId));
      deliveries.push(planReady("event-cancelled", { eventId: first.id, to: p.chatId, now, call }));
    }
    await this.deps.outbox.enqueue(deliveries, now);
    this.deps.nudge();
  }
}

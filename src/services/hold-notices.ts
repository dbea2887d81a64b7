import { type NewDelivery, planReady, planRendered } from "../delivery/kinds.ts";
import type { Outbox } from "../delivery/outbox.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Db, DbTransaction } from "../store/database.ts";
import type { TelegramId } from "../telegram-id.ts";
import { windowOf } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import type { Released } from "./holds.ts";
import type { Languages } from "./languages.ts";

/**
 * The notices of places held for someone, written in the transaction that decided them (so they are delivered
 * at least once, delivery/kinds.ts): a waitlist offer (kind `offer`, rendered when sent, so an offer that is
 * over by then is not shown) and "your place was released" (kind `released`). Someone who never started the bot
 * is told in the group where they signed up.
 */
export class HoldNotices {
  constructor(private readonly deps: { outbox: Outbox; translator: Translator; languages: Languages }) {}

  /** Where a person is told: privately if the bot may write to them, else the group they tapped in. */
  private async addressOf(db: Db | DbTransaction, eventId: number, userId: TelegramId) {
    const [user, signup] = await Promise.all([
      db.user.findUnique({ where: { id: userId } }),
      db.signup.findUnique({ where: { eventId_userId: { eventId, userId } } }),
    ]);
    // a placeholder left by /forgetme is nobody to tell
    if (!user || !signup || user.forgotten) return null;
    const privately = user.startedBot || signup.chatId === null;
    return { user, signup, to: privately ? userId : (signup.chatId ?? userId), privately };
  }

  async offerNotices(db: Db | DbTransaction, eventId: number, userIds: TelegramId[], now: Date): Promise<void> {
    const deliveries: NewDelivery[] = [];
    for (const userId of userIds) {
      const found = await this.addressOf(db, eventId, userId);
      const until = found?.signup.heldUntil;
      if (!found || !until) continue;
      deliveries.push(planRendered("offer", { eventId, userId, seq: found.signup.seq, to: found.to, now, until }));
    }
    await this.deps.outbox.enqueue(deliveries, now, db);
  }

  async releaseNotices(db: Db | DbTransaction, eventId: number, released: Released[], now: Date): Promise<void> {
    const event = await db.event.findUnique({ where: { id: eventId } });
    if (!event) return;
    const deliveries: NewDelivery[] = [];
    for (const { userId, reason } of released) {
      const found = await this.addressOf(db, eventId, userId);
      if (!found) continue;
      const { user, signup, to, privately } = found;
      const args = { title: userText(event.title, 200) };
      let text: string;
      if (privately) {
        const locale = this.deps.languages.ofUserRow(user);
        const when = formatTimeWindow(windowOf(event), locale, { now });
        text = this.deps.translator.for(locale)(`released-${reason}-private`, { ...args, when });
      } else {
        // read through the transaction (on SQLite another connection would wait for it)
        const chat = await db.chat.findUnique({ where: { id: to }, include: { organisation: true } });
        const locale = this.deps.translator.negotiate(chat?.locale ?? chat?.organisation?.locale ?? null);
        const mention = `<a href="tg://user?id=${userId}">${userText(user.firstName, 60)}</a>`;
        text = this.deps.translator.for(locale)(`released-${reason}-group`, { ...args, mention });
      }
      const call = {
        method: "sendMessage",
        params: { text, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      };
      const plan = { eventId, userId, seq: signup.seq, to, eventEndsAt: event.endsAt, now, call };
      deliveries.push(planReady("released", plan));
    }
    await this.deps.outbox.enqueue(deliveries, now, db);
  }
}

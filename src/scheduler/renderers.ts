import type { Locale } from "../config/config.ts";
import type { NamedRenderer } from "../delivery/render.ts";
import type { ApiCall } from "../delivery/sender.ts";
import type { Services } from "../services/services.ts";
import { encodeCallback } from "../views/callback-data.ts";
import { eventCardView, eventTime, formatInstant, placesText, placeText } from "../views/event-views.ts";
import { userText } from "../views/html.ts";
import { reminderHeading, summaryText } from "../views/schedule-views.ts";
import { callbackButton, keyboard, sendOptions, urlButton, type View } from "../views/view.ts";
import { eventArgs, MEMBER_REMINDER, ORGANISER_REMINDER, REMINDER, SUMMARY } from "./deliveries.ts";

const LIVE = new Set(["published", "closed"]);
const SUMMARY_LOOKBACK_MS = 86_400_000;

function message(view: View): ApiCall {
  return { method: "sendMessage", params: { text: view.text, ...sendOptions(view) } };
}

/**
 * Renders scheduled deliveries when they are sent, so places left, waitlist
 * positions and settings are current. A reminder whose event was cancelled,
 * moved (planned for another start) or ended, a member reminder for someone
 * who cancelled, or a summary on a quiet day renders to null and is dropped.
 */
export function schedulerRenderers(services: Services, botUsername: () => string): Record<string, NamedRenderer> {
  const db = services.database.prisma;
  const { translator } = services;

  const groupLocale = async (chatId: bigint): Promise<Locale> => {
    const profile = await services.chats.profile(Number(chatId));
    return translator.negotiate(profile?.locale ?? profile?.organisationLocale ?? null);
  };
  const userLocale = async (userId: bigint): Promise<Locale> =>
    translator.negotiate((await services.users.find(userId))?.languageCode);
  const context = (locale: Locale) => services.presenter.viewContext(locale);

  /** The event, if the reminder still applies to it: live and still at the start it was planned for. */
  const liveEvent = async (args: Record<string, unknown>) => {
    const a = eventArgs(args);
    if (!a) return null;
    const event = await services.events.get(a.eventId);
    const live = LIVE.has(event?.status ?? "") || (a.slot === "attendance" && event?.status === "completed");
    if (!event || !live || event.startsAt.toISOString() !== a.start) return null;
    return { event, slot: a.slot };
  };
  const listButton = (eventId: number, locale: Locale) =>
    keyboard([
      [urlButton(translator.t(locale, "btn-signup-list"), `https://t.me/${botUsername()}?start=mg_${eventId}`)],
    ]);

  return {
    [REMINDER]: async (args, delivery) => {
      const found = await liveEvent(args);
      if (!found) return null;
      const { event, slot } = found;
      const v = context(await groupLocale(delivery.chatId));
      const counts = (await services.signups.counts([event.id])).get(event.id)!;
      const card = eventCardView(event, counts, v);
      return message({
        text: `${reminderHeading(slot, event.startsAt, v)}\n\n${card.text}`,
        reply_markup: card.reply_markup,
      });
    },

    [MEMBER_REMINDER]: async (args, delivery) => {
      const found = await liveEvent(args);
      if (!found) return null;
      const { event, slot } = found;
      const [user, signup] = await Promise.all([
        services.users.find(delivery.chatId),
        db.signup.findUnique({ where: { eventId_userId: { eventId: event.id, userId: delivery.chatId } } }),
      ]);
      if (!user?.remindersOn || !user.startedBot) return null;
      if (signup?.status !== "confirmed" && signup?.status !== "waitlisted") return null;
      const v = context(translator.negotiate(user.languageCode));
      const standing =
        signup.status === "confirmed"
          ? v.t("reminder-you-confirmed")
          : v.t("reminder-you-waitlisted", {
              position: await services.signups.waitlistPosition(event.id, signup.seq),
            });
      const text = [
        reminderHeading(slot, event.startsAt, v),
        "",
        `<b>${userText(event.title, 200)}</b>`,
        `🕘 ${eventTime(event, v)}`,
        `📍 ${placeText(event, v)}`,
        standing,
        "",
        v.t("reminder-member-footer"),
      ].join("\n");
      return message({ text });
    },

    [ORGANISER_REMINDER]: async (args, delivery) => {
      const found = await liveEvent(args);
      if (!found) return null;
      const { event, slot } = found;
      const locale = await userLocale(delivery.chatId);
      const v = context(locale);
      const counts = (await services.signups.counts([event.id])).get(event.id)!;
      const title = userText(event.title, 200);
      const places = placesText(event, counts, v);
      switch (slot) {
        case "day-before":
          return message({
            text: v.t("remind-org-tomorrow", { title, places }),
            reply_markup: listButton(event.id, locale),
          });
        case "deadline": {
          if (!event.signupDeadline || (event.capacity !== null && counts.confirmed >= event.capacity)) return null;
          const when = formatInstant(event.signupDeadline, event.timeZone, locale);
          return message({
            text: v.t("remind-org-deadline", { title, when, places }),
            reply_markup: listButton(event.id, locale),
          });
        }
        case "attendance":
          return message({
            text: v.t("remind-org-attendance", { title, places }),
            reply_markup: keyboard([[callbackButton(v.t("btn-attendance"), encodeCallback("attendance", event.id))]]),
          });
        default:
          return null;
      }
    },

    [SUMMARY]: async (_args, delivery) => {
      const chat = await db.chat.findUnique({ where: { id: delivery.chatId } });
      if (!chat?.active || !chat.summaryOn) return null;
      const now = services.now();
      const since = chat.lastSummaryAt ?? new Date(now.getTime() - SUMMARY_LOOKBACK_MS);
      const report = await services.summaries.report(chat.id, now, since);
      if (!report || (report.quiet && !chat.summaryWhenQuiet)) return null;
      return message({ text: summaryText(report, context(await groupLocale(chat.id))) });
    },
  };
}

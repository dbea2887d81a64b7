/** Texts of the reminders sent to a group, a member and an organiser (HTML, through the translator). */
import { encodeCallback } from "./callback-data.ts";
import type { ViewContext } from "./event-views.ts";
import {
  type CardEvent,
  type Counts,
  type EventSummary,
  eventCardView,
  eventTime,
  formatInstant,
  placesText,
  placeText,
} from "./event-views.ts";
import { userText } from "./html.ts";
import { reminderHeading } from "./schedule-views.ts";
import { callbackButton, keyboard, urlButton, type View } from "./view.ts";

/** Into the group: how soon, then the event's card (its buttons work like any card's). */
export function groupReminderView(slot: string, event: CardEvent, counts: Counts, v: ViewContext): View {
  const card = eventCardView(event, counts, v);
  return { text: `${reminderHeading(slot, event.startsAt, v)}\n\n${card.text}`, reply_markup: card.reply_markup };
}

/** Where a member stands on the event they signed up for. */
export type Standing = { confirmed: true } | { confirmed: false; position: number };

/** Privately, to someone signed up: the event in short and whether they have a place or where on the waitlist. */
export function memberReminderView(slot: string, event: EventSummary, standing: Standing, v: ViewContext): View {
  const text = [
    reminderHeading(slot, event.startsAt, v),
    "",
    `<b>${userText(event.title, 200)}</b>`,
    `🕘 ${eventTime(event, v)}`,
    `📍 ${placeText(event, v)}`,
    standing.confirmed
      ? v.t("reminder-you-confirmed")
      : v.t("reminder-you-waitlisted", { position: standing.position }),
    "",
    v.t("reminder-member-footer"),
  ].join("\n");
  return { text };
}

/**
 * Privately, to an organiser: the day before (with the sign-up list), a near
 * deadline (only while places are still free: otherwise nothing to do), and
 * after the event, a prompt to confirm attendance. Null: nothing to say.
 */
export function organiserReminderView(
  notice: string,
  event: EventSummary & { signupDeadline: Date | null },
  counts: Counts,
  v: ViewContext,
  botUsername: string,
): View | null {
  const title = userText(event.title, 200);
  const places = placesText(event, counts, v);
  const signupList = keyboard([
    [urlButton(v.t("btn-signup-list"), `https://t.me/${botUsername}?start=mg_${event.id}`)],
  ]);
  switch (notice) {
    case "day-before":
      return { text: v.t("remind-org-tomorrow", { title, places }), reply_markup: signupList };
    case "deadline": {
      if (!event.signupDeadline || (event.capacity !== null && counts.confirmed >= event.capacity)) return null;
      const when = formatInstant(event.signupDeadline, event.timeZone, v.locale);
      return { text: v.t("remind-org-deadline", { title, when, places }), reply_markup: signupList };
    }
    case "attendance":
      return {
        text: v.t("remind-org-attendance", { title, places }),
        reply_markup: keyboard([[callbackButton(v.t("btn-attendance"), encodeCallback("attendance", event.id))]]),
      };
    default:
      return null;
  }
}

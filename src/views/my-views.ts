import { hoursText } from "./attendance-views.ts";
import { encodeCallback } from "./callback-data.ts";
import { type EventSummary, eventTime, placeText, type ViewContext } from "./event-views.ts";
import { userText } from "./html.ts";
import { callbackButton, keyboard, type View } from "./view.ts";

/** One of a member's sign-ups: the event and, when waitlisted, the place in the queue. */
export interface MySignup {
  eventId: number;
  event: EventSummary;
  position: number | null;
  /** the role signed up for, on events with roles */
  role?: { name: string } | null;
}

/** One of a member's past events: attended (with the hours credited) or a no-show (domain/check-in.ts). */
export interface PastEvent {
  event: EventSummary;
  attendance: "attended" | "no_show";
  hours: number | null;
}

/** A member's own past events: attended (with the hours credited) or a no-show. Only they see it. */
function historyBlock(history: readonly PastEvent[], v: ViewContext): string[] {
  if (history.length === 0) return [];
  const lines = history.map((h) => {
    const state =
      h.attendance === "no_show"
        ? v.t("my-history-no-show")
        : h.hours === null
          ? v.t("my-history-attended-no-hours")
          : v.t("my-history-attended", { hours: hoursText(h.hours, v) });
    return `<b>${userText(h.event.title, 80)}</b>\n${eventTime(h.event, v)}\n${state}`;
  });
  return ["", "", v.t("my-history-header"), "", lines.join("\n\n")];
}

/** `/my`: a member's sign-ups, soonest first, each with a button that opens its card; then their past events. */
export function mySignupsView(rows: MySignup[], v: ViewContext, history: readonly PastEvent[] = []): View {
  if (rows.length === 0) return { text: [v.t("my-none"), ...historyBlock(history, v)].join("\n") };
  const lines = rows.map((r) => {
    const base = r.position === null ? v.t("my-line-confirmed") : v.t("my-line-waitlisted", { position: r.position });
    const state = r.role ? `${base} · ${userText(r.role.name, 30)}` : base;
    return `<b>${userText(r.event.title, 80)}</b>\n${eventTime(r.event, v)} · ${placeText(r.event, v)}\n${state}`;
  });
  return {
    text: [v.t("my-header"), "", lines.join("\n\n"), ...historyBlock(history, v)].join("\n"),
    reply_markup: keyboard(
      rows
        .slice(0, 20)
        .map((r) => [
          callbackButton(Array.from(r.event.title).slice(0, 40).join(""), encodeCallback("open", r.eventId)),
        ]),
    ),
  };
}

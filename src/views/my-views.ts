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

/** `/my`: a member's sign-ups, soonest first, each with a button that opens its card. */
export function mySignupsView(rows: MySignup[], v: ViewContext): View {
  if (rows.length === 0) return { text: v.t("my-none") };
  const lines = rows.map((r) => {
    const base = r.position === null ? v.t("my-line-confirmed") : v.t("my-line-waitlisted", { position: r.position });
    const state = r.role ? `${base} · ${userText(r.role.name, 30)}` : base;
    return `<b>${userText(r.event.title, 80)}</b>\n${eventTime(r.event, v)} · ${placeText(r.event, v)}\n${state}`;
  });
  return {
    text: [v.t("my-header"), "", lines.join("\n\n")].join("\n"),
    reply_markup: keyboard(
      rows
        .slice(0, 20)
        .map((r) => [
          callbackButton(Array.from(r.event.title).slice(0, 40).join(""), encodeCallback("open", r.eventId)),
        ]),
    ),
  };
}

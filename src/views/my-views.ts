import { answerLines } from "./answer-lines.ts";
import { hoursText } from "./attendance-views.ts";
import { encodeCallback } from "./callback-data.ts";
import { type EventSummary, eventTime, formatInstant, placeText, type ViewContext } from "./event-views.ts";
import { userText } from "./html.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

/** One of a member's sign-ups: the event and, when waitlisted, the place in the queue. */
export interface MySignup {
  eventId: number;
  event: EventSummary;
  position: number | null;
  /** the role signed up for, on events with roles */
  role?: { name: string } | null;
  /** held (answering the questions) or offered (from the waitlist): the place is theirs until `heldUntil` */
  status?: string;
  heldUntil?: Date | null;
  /** the event's questions and the member's answers (null: not answered yet) */
  replies?: { prompt: string; value: string | null }[];
}

function standing(r: MySignup, v: ViewContext): string {
  const until = r.heldUntil ? formatInstant(r.heldUntil, r.event.timeZone, v.locale) : "";
  if (r.status === "held") return v.t("my-line-held", { until });
  if (r.status === "offered") return v.t("my-line-offered", { until });
  return r.position === null ? v.t("my-line-confirmed") : v.t("my-line-waitlisted", { position: r.position });
}

/** The buttons of one sign-up: open its card; change the answers; accept or decline an offer. */
function buttonsOf(r: MySignup, v: ViewContext): Button[][] {
  const rows = [[callbackButton(Array.from(r.event.title).slice(0, 40).join(""), encodeCallback("open", r.eventId))]];
  if (r.replies?.length) {
    const label = v.t("my-btn-answers", { title: Array.from(r.event.title).slice(0, 30).join("") });
    rows.push([callbackButton(label, encodeCallback("answersEdit", r.eventId))]);
  }
  if (r.status === "offered") {
    rows.push([
      callbackButton(v.t("offer-btn-accept"), encodeCallback("offerAccept", r.eventId)),
      callbackButton(v.t("offer-btn-decline"), encodeCallback("offerDecline", r.eventId)),
    ]);
  }
  return rows;
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
    const base = standing(r, v);
    const state = r.role ? `${base} · ${userText(r.role.name, 30)}` : base;
    const replies = answerLines(
      (r.replies ?? []).map((a) => ({ ...a, value: a.value ?? v.t("my-not-answered") })),
      v.t,
    );
    return [`<b>${userText(r.event.title, 80)}</b>`, `${eventTime(r.event, v)} · ${placeText(r.event, v)}`, state]
      .concat(replies.map((line) => `  ${line}`))
      .join("\n");
  });
  return {
    text: [v.t("my-header"), "", lines.join("\n\n"), ...historyBlock(history, v)].join("\n"),
    reply_markup: keyboard(rows.slice(0, 20).flatMap((r) => buttonsOf(r, v))),
  };
}

import type { CheckInOutcome } from "../domain/check-in.ts";
import { encodeCallback } from "./callback-data.ts";
import { formatInstant, type ViewContext } from "./event-views.ts";
import { escapeHtml, userText } from "./html.ts";
import { callbackButton, keyboard, type View } from "./view.ts";

/** The caption under the QR image: what it is for, the link itself (to copy or print), and a button for a new one. */
export function checkInCodeView(event: { id: number; title: string }, link: string, v: ViewContext): View {
  return {
    text: v.t("check-in-code-caption", { title: userText(event.title, 100), link: escapeHtml(link) }),
    reply_markup: keyboard([[callbackButton(v.t("btn-check-in-renew"), encodeCallback("checkInRenew", event.id))]]),
  };
}

/** What a member is told after opening a check-in link; an unknown code names no event. */
export function checkInOutcomeText(outcome: CheckInOutcome, v: ViewContext): string {
  if (outcome.kind === "unknown") return v.t("check-in-unknown");
  const title = userText(outcome.event.title, 100);
  switch (outcome.kind) {
    case "attended":
      return v.t(outcome.walkIn ? "check-in-done-walk-in" : "check-in-done", { title });
    case "already":
      return v.t("check-in-already", { title });
    case "too_early":
      return v.t("check-in-too-early", { title, time: formatInstant(outcome.opens, outcome.event.timeZone, v.locale) });
    case "ended":
      return v.t("check-in-ended", { title });
    case "cancelled":
      return v.t("check-in-cancelled");
    case "full":
      return v.t("check-in-full", { title });
    case "roles":
      return v.t("check-in-roles", { title });
  }
}

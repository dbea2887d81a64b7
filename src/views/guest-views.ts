import { encodeCallback } from "./callback-data.ts";
import type { ViewContext } from "./event-views.ts";
import { type Button, callbackButton } from "./view.ts";

/** The card's guest buttons when members may bring guests: "不带人 · +1 · +2" (three to a row). */
export function guestRows(eventId: number, maxGuests: number, v: ViewContext): Button[][] {
  if (maxGuests <= 0) return [];
  const buttons = [callbackButton(v.t("guests-btn-none"), encodeCallback("guests", eventId, 0))];
  for (let n = 1; n <= maxGuests; n++) {
    buttons.push(callbackButton(v.t("guests-btn-plus", { count: n }), encodeCallback("guests", eventId, n)));
  }
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  return rows;
}

import { type TimeWindow, windowHours } from "../domain/time/index.ts";
import { encodeCallback } from "./callback-data.ts";
import { firstNameOf, personName, type RosterEntry, type ViewContext } from "./event-views.ts";
import { fitMessage, userText } from "./html.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

/** People per page of toggle buttons. */
const ATTENDANCE_PAGE = 20;

export interface AttendancePerson extends RosterEntry {
  id: number;
  status: string;
}

export interface AttendanceEvent {
  id: number;
  title: string;
  hours: number | null;
  window: TimeWindow;
}

const MARK: Record<string, string> = { attended: "✅", no_show: "❌", confirmed: "⬜" };

export function hoursText(hours: number, v: ViewContext): string {
  const rounded = Math.round(hours * 100) / 100;
  return v.locale === "zh-CN" ? `${rounded} 小时` : `${rounded} h`;
}

/** The organiser's attendance sheet: who came (tap to switch), everyone at once, and the hours credited. */
export function attendanceView(e: AttendanceEvent, people: AttendancePerson[], page: number, v: ViewContext): View {
  const attended = people.filter((p) => p.status === "attended").length;
  const length = windowHours(e.window);
  const hours = e.hours ?? length;
  const blocks = [v.t("attendance-header", { title: userText(e.title, 200) })];
  if (people.length === 0) return { text: [...blocks, "", v.t("attendance-nobody")].join("\n") };
  blocks.push(v.t("attendance-count", { attended, expected: people.length }));
  blocks.push(hours === null ? v.t("attendance-hours-unset") : v.t("attendance-hours", { hours: hoursText(hours, v) }));
  blocks.push("", ...people.map((p, i) => `${MARK[p.status] ?? "⬜"} ${i + 1}. ${personName(p.user, v)}`));

  const pages = Math.max(1, Math.ceil(people.length / ATTENDANCE_PAGE));
  const index = Math.min(Math.max(page, 0), pages - 1);
  const rows: Button[][] = people
    .slice(index * ATTENDANCE_PAGE, (index + 1) * ATTENDANCE_PAGE)
    .map((p, i) => [
      callbackButton(
        `${MARK[p.status] ?? "⬜"} ${index * ATTENDANCE_PAGE + i + 1}. ${Array.from(firstNameOf(p.user, v)).slice(0, 30).join("")}`,
        encodeCallback("attendToggle", p.id, index),
      ),
    ]);
  const nav: Button[] = [];
  if (index > 0) nav.push(callbackButton("◀", encodeCallback("attendance", e.id, index - 1)));
  if (index < pages - 1) nav.push(callbackButton("▶", encodeCallback("attendance", e.id, index + 1)));
  rows.push(nav);
  rows.push([callbackButton(v.t("btn-attendance-all"), encodeCallback("attendAll", e.id))]);
  const hourButtons: Button[] = [];
  if (length !== null && e.hours !== null) {
    hourButtons.push(
      callbackButton(v.t("btn-hours-length", { hours: hoursText(length, v) }), encodeCallback("hoursLength", e.id)),
    );
  }
  hourButtons.push(callbackButton(v.t("btn-hours-set"), encodeCallback("hoursSet", e.id)));
  rows.push(hourButtons);
  return { text: fitMessage(blocks, (left) => v.t("list-more", { count: left })), reply_markup: keyboard(rows) };
}

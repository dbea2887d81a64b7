import type { Locale } from "../config/config.ts";
import { type AttendanceShown, attendanceOf } from "../domain/check-in.ts";
import { formatTimeWindow } from "../domain/time/format.ts";
import type { TimeWindow } from "../domain/time/window.ts";
import type { Translate } from "../i18n/translator.ts";
import { answerLines } from "./answer-lines.ts";
import { encodeCallback } from "./callback-data.ts";
import { guestRows } from "./guest-views.ts";
import { escapeHtml, fitMessage, MESSAGE_LIMIT, userText } from "./html.ts";
import { groupByRole, type RoleShown, roleLines, roleSignUpRows } from "./role-views.ts";
import { type SeriesShown, seriesLine, seriesRows } from "./series-views.ts";
import { type Button, callbackButton, keyboard, type View } from "./view.ts";

export const PAGE_SIZE = 5;

export interface EventSummary {
  id: number;
  title: string;
  place: string | null;
  online: boolean;
  startsAt: Date;
  endsAt: Date;
  precision: TimeWindow["precision"];
  openEnded: boolean;
  timeZone: string;
  capacity: number | null;
  status: string;
  /** anyone with the link sees the card and may sign up (never names); absent: members only */
  isPublic?: boolean;
  organisation?: { name: string };
  /** an occurrence of a recurring activity: its pattern and how many are left */
  recurring?: SeriesShown | null;
}

export interface Counts {
  confirmed: number;
  waitlisted: number;
}

export interface ViewContext {
  t: Translate;
  locale: Locale;
  now: Date;
}

/** A single instant as a person would write it: "6月27日 18:00" / "27 Jun, 18:00". */
export function formatInstant(date: Date, timeZone: string, locale: Locale): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  if (locale === "zh-CN") return `${Number(get("month"))}月${Number(get("day"))}日 ${get("hour")}:${get("minute")}`;
  const month = new Intl.DateTimeFormat("en-GB", { timeZone, month: "short" }).format(date);
  return `${Number(get("day"))} ${month}, ${get("hour")}:${get("minute")}`;
}

export function windowOf(
  e: Pick<EventSummary, "startsAt" | "endsAt" | "precision" | "timeZone" | "openEnded">,
): TimeWindow {
  return { start: e.startsAt, end: e.endsAt, precision: e.precision, timeZone: e.timeZone, openEnded: e.openEnded };
}

export function eventTime(e: EventSummary, v: ViewContext): string {
  return formatTimeWindow(windowOf(e), v.locale, { now: v.now });
}

export function placeText(e: Pick<EventSummary, "place" | "online">, v: ViewContext): string {
  if (e.online) return v.t("event-online");
  return e.place ? userText(e.place, 120) : v.t("event-place-unknown");
}

/** "12/20", "满员 · 候补 3" / "full · 3 waitlisted", or "不限名额" / "no limit". */
export function placesText(e: Pick<EventSummary, "capacity">, c: Counts, v: ViewContext): string {
  if (e.capacity === null) {
    return v.t("places-unlimited", { confirmed: c.confirmed });
  }
  if (c.confirmed >= e.capacity) return v.t("places-full", { waitlisted: c.waitlisted, capacity: e.capacity });
  return v.t("places-count", { confirmed: c.confirmed, capacity: e.capacity });
}

export function statusBadge(e: Pick<EventSummary, "status">, v: ViewContext): string {
  switch (e.status) {
    case "closed":
      return ` · ${v.t("status-closed")}`;
    case "cancelled":
      return ` · ${v.t("status-cancelled")}`;
    case "completed":
      return ` · ${v.t("status-completed")}`;
    default:
      return "";
  }
}

/** The /events list: five per page, one button per event, ◀ ▶ to page. */
export function eventListView(
  events: EventSummary[],
  counts: Map<number, Counts>,
  /** `more`: there are more than `total` (a count that stopped there) */
  page: { index: number; total: number; more?: boolean },
  v: ViewContext,
  opts: { showOrganisation: boolean },
): View {
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  if (events.length === 0) return { text: v.t("events-none") };
  const lines = events.map((e, i) => {
    const n = page.index * PAGE_SIZE + i + 1;
    const org = opts.showOrganisation && e.organisation ? ` · ${userText(e.organisation.name, 40)}` : "";
    const c = counts.get(e.id) ?? { confirmed: 0, waitlisted: 0 };
    const series = e.recurring ? `\n${seriesLine(e.recurring, e.timeZone, v)}` : "";
    return `<b>${n}. ${userText(e.title, 80)}</b>${statusBadge(e, v)}\n${eventTime(e, v)} · ${placeText(e, v)} · ${placesText(e, c, v)}${org}${series}`;
  });
  const header = page.more
    ? v.t("events-header-many", { page: page.index + 1, total: page.total })
    : v.t("events-header", { page: page.index + 1, pages, total: page.total });
  const buttons: Button[][] = events.map((e, i) => [
    callbackButton(
      `${page.index * PAGE_SIZE + i + 1}. ${Array.from(e.title).slice(0, 40).join("")}`,
      encodeCallback("open", e.id),
    ),
  ]);
  const nav: Button[] = [];
  if (page.index > 0) nav.push(callbackButton("◀", encodeCallback("page", page.index - 1)));
  if (page.more || page.index < pages - 1) nav.push(callbackButton("▶", encodeCallback("page", page.index + 1)));
  const calendar = [callbackButton(v.t("btn-group-calendar"), encodeCallback("groupCalendar", 0))];
  return {
    text: [header, "", lines.join("\n\n")].join("\n"),
    reply_markup: keyboard([...buttons, nav, calendar]),
  };
}

export interface CardEvent extends EventSummary {
  content: string | null;
  audience: string | null;
  signupDeadline: Date | null;
  organisers: { name: string }[];
  organisation: { name: string; timeZone: string };
  /** guests a member may bring (0 or absent: none) */
  maxGuests?: number;
}

/** The event card: details and the member buttons. Organisers get their actions from "Manage". */
export function eventCardView(e: CardEvent, c: Counts, v: ViewContext, roles: readonly RoleShown[] = []): View {
  const lines = [`<b>${userText(e.title, 200)}</b>${statusBadge(e, v)}`, ""];
  lines.push(`🕘 ${eventTime(e, v)}`);
  if (e.recurring && e.status !== "cancelled") lines.push(seriesLine(e.recurring, e.timeZone, v));
  lines.push(`📍 ${placeText(e, v)}`);
  const units = e.organisers.length > 0 ? e.organisers.map((o) => o.name).join("、") : e.organisation.name;
  lines.push(`🏢 ${userText(units, 300)}`);
  if (e.audience) lines.push(`👥 ${userText(e.audience, 300)}`);
  if (e.status === "cancelled") {
    // a cancelled event shows no places and offers nothing to tap (its cards are edited to this)
    lines.push("", v.t("card-cancelled"));
    if (e.content) lines.push("", userText(e.content, 2500));
    return { text: fitMessage(lines, () => "…") };
  }
  lines.push(`🎟 ${placesText(e, c, v)}`);
  if (e.maxGuests) lines.push(`➕ ${v.t("card-guests", { count: e.maxGuests })}`);
  lines.push(...roleLines(roles, v));
  if (e.signupDeadline) {
    lines.push(`⏳ ${v.t("card-deadline", { when: formatInstant(e.signupDeadline, e.timeZone, v.locale) })}`);
  }
  if (e.content) lines.push("", userText(e.content, 2500));
  const text = fitMessage(lines, () => "…");
  const open = e.status === "published";
  const rows: Button[][] = [];
  if (open && roles.length > 0) {
    rows.push(...roleSignUpRows(e.id, roles, v));
    rows.push([callbackButton(v.t("btn-cancel-signup"), encodeCallback("cancel", e.id))]);
  } else if (open)
    rows.push([
      callbackButton(v.t("btn-signup"), encodeCallback("signUp", e.id)),
      callbackButton(v.t("btn-cancel-signup"), encodeCallback("cancel", e.id)),
    ]);
  else if (e.status === "closed") rows.push([callbackButton(v.t("btn-cancel-signup"), encodeCallback("cancel", e.id))]);
  if (open && roles.length === 0) rows.push(...seriesRows(e.id, e.recurring, v));
  if (open) rows.push(...guestRows(e.id, e.maxGuests ?? 0, v));
  rows.push([
    callbackButton(v.t("btn-who"), encodeCallback("who", e.id)),
    callbackButton(v.t("btn-calendar"), encodeCallback("calendar", e.id)),
  ]);
  rows.push([callbackButton(v.t("btn-manage"), encodeCallback("manage", e.id))]);
  return { text, reply_markup: keyboard(rows) };
}

export interface RosterEntry {
  user: { firstName: string; lastName: string | null; username: string | null; forgotten?: boolean };
  roleId?: number | null;
  /** guests the member brings */
  guests?: number;
  /** the sign-up's status (the organiser's roster marks attendance, and places held or offered, from it) */
  status?: string;
  /** answers to the event's questions (organisers only) */
  answers?: { question: { prompt: string }; value: string }[];
}

const ATTENDANCE_MARK: Record<string, string> = { attended: "✅ ", no_show: "❌ " };

/**
 * "✅ 李雷 (@lilei) +2" — a member on the roster, with their guests, once known their attendance, a place held
 * or offered, and their answers.
 */
function rosterLine(r: RosterEntry, i: number, v: Pick<ViewContext, "t">, shown: AttendanceShown = null): string {
  const mark = r.status === "held" || r.status === "offered" ? ` ${v.t(`roster-mark-${r.status}`)}` : "";
  const answers = answerLines(
    (r.answers ?? []).map((a) => ({ prompt: a.question.prompt, value: a.value })),
    v.t,
  );
  const name = `${ATTENDANCE_MARK[shown ?? ""] ?? ""}${personName(r.user, v)}${r.guests ? ` +${r.guests}` : ""}`;
  return [`${i + 1}. ${name}${mark}`, ...answers].join("\n    ");
}

/** A person's first name as shown to members; someone who used /forgetme is "a former member". */
export function firstNameOf(u: RosterEntry["user"], v: Pick<ViewContext, "t">): string {
  return u.forgotten ? v.t("person-forgotten") : u.firstName;
}

export function personName(u: RosterEntry["user"], v: Pick<ViewContext, "t">): string {
  if (u.forgotten) return escapeHtml(v.t("person-forgotten"));
  const full = u.lastName ? `${u.firstName} ${u.lastName}` : u.firstName;
  return userText(full, 60) + (u.username ? ` (@${escapeHtml(u.username)})` : "");
}

/** The organiser's full list: confirmed, waitlist with positions, cancelled; with close/reopen/cancel buttons. */
export function rosterView(
  e: Pick<EventSummary, "id" | "title" | "status" | "capacity" | "startsAt" | "endsAt" | "isPublic">,
  roster: { confirmed: RosterEntry[]; waitlisted: RosterEntry[]; cancelled: RosterEntry[] },
  v: ViewContext,
  roles: readonly RoleShown[] = [],
  limit = MESSAGE_LIMIT,
): View {
  const blocks = [`<b>${userText(e.title, 200)}</b>${statusBadge(e, v)}`];
  blocks.push(v.t(e.isPublic ? "roster-public" : "roster-members-only"));
  // attendance (checked in, marked by hand, or a no-show once the event is over): for the organisers only
  const shown = (r: RosterEntry) => attendanceOf(r.status ?? "", e, v.now);
  const attended = roster.confirmed.filter((r) => shown(r) === "attended").length;
  const absent = roster.confirmed.filter((r) => shown(r) === "no_show").length;
  if (attended + absent > 0) blocks.push(v.t("roster-attendance", { attended, absent }));
  for (const group of groupByRole(roles, { confirmed: roster.confirmed, waitlisted: roster.waitlisted })) {
    const role = group.role ? `${userText(group.role.name, 30)} · ` : "";
    const held = group.role ? group.role.confirmed : group.confirmed.reduce((n, r) => n + 1 + (r.guests ?? 0), 0);
    const capacity = (group.role ? group.role.capacity : e.capacity) ?? "∞";
    // numbers as text: Fluent would group them ("1,001"), which reads oddly in Chinese
    const counts = { count: String(held), capacity: String(capacity) };
    blocks.push("", `<b>${role}${v.t("roster-confirmed", counts)}</b>`);
    blocks.push(
      ...(group.confirmed.length
        ? group.confirmed.map((r, i) => rosterLine(r, i, v, shown(r)))
        : [v.t("roster-empty")]),
    );
    blocks.push("", `<b>${role}${v.t("roster-waitlist", { count: group.waitlisted.length })}</b>`);
    blocks.push(
      ...(group.waitlisted.length ? group.waitlisted.map((r, i) => rosterLine(r, i, v)) : [v.t("roster-empty")]),
    );
  }
  if (roster.cancelled.length > 0) {
    blocks.push("", `<b>${v.t("roster-cancelled", { count: roster.cancelled.length })}</b>`);
    blocks.push(roster.cancelled.map((r) => personName(r.user, v)).join(", "));
  }
  const rows: Button[][] = [];
  if (e.status === "published") rows.push([callbackButton(v.t("btn-close-signups"), encodeCallback("close", e.id))]);
  if (e.status === "closed") rows.push([callbackButton(v.t("btn-reopen-signups"), encodeCallback("reopen", e.id))]);
  if (e.status === "published" || e.status === "closed") {
    rows.push([
      callbackButton(v.t("btn-edit-event"), encodeCallback("editPick", e.id)),
      callbackButton(v.t("btn-cancel-event"), encodeCallback("cancelEvent", e.id)),
    ]);
  }
  rows.push([
    callbackButton(v.t(e.isPublic ? "btn-make-members-only" : "btn-make-public"), encodeCallback("togglePublic", e.id)),
  ]);
  if (e.status !== "cancelled" && e.endsAt.getTime() > v.now.getTime()) {
    rows.push([callbackButton(v.t("btn-check-in-code"), encodeCallback("checkInCode", e.id))]);
  }
  const exportRow = [callbackButton(v.t("btn-export-csv"), encodeCallback("exportEvent", e.id))];
  if (e.status !== "cancelled" && e.startsAt.getTime() <= v.now.getTime()) {
    exportRow.unshift(callbackButton(v.t("btn-attendance"), encodeCallback("attendance", e.id)));
  }
  rows.push(exportRow);
  return { text: fitMessage(blocks, (left) => v.t("list-more", { count: left }), limit), reply_markup: keyboard(rows) };
}

/** "Who's going" for members: first names only, short enough for an alert (200 characters). */
export function whoIsGoingAlert(confirmed: RosterEntry[], waitlisted: number, v: ViewContext): string {
  if (confirmed.length === 0) return v.t("who-nobody");
  const names = confirmed.map((r) => firstNameOf(r.user, v));
  let text = v.t("who-list", { count: confirmed.length, names: names.join(", "), waitlisted });
  while (Array.from(text).length > 200 && names.length > 1) {
    names.pop();
    text = v.t("who-list", { count: confirmed.length, names: `${names.join(", ")}…`, waitlisted });
  }
  return Array.from(text).slice(0, 200).join("");
}

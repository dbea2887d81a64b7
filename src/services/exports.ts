import type { Locale } from "../config/config.ts";
import { attendanceOf } from "../domain/check-in.ts";
import { LIVE_STATUSES } from "../domain/event-status.ts";
import { localStamp } from "../domain/time/calendar.ts";
import { formatTimeWindow } from "../domain/time/index.ts";
import { totalHours } from "../domain/volunteer-hours.ts";
import { toCsv } from "../exports/csv.ts";
import { buildCalendar } from "../exports/ics.ts";
import type { Translate } from "../i18n/translator.ts";
import { inChunks } from "../store/chunked.ts";
import type { Db } from "../store/database.ts";
import type { HoursLine } from "./attendance.ts";
import { icsEventOf } from "./calendar.ts";
import { inScope, type OrgScope } from "./org-scope.ts";

export interface ExportLanguage {
  t: Translate;
  locale: Locale;
  now: Date;
}

/** Most events in one calendar or spreadsheet. */
const CALENDAR_LIMIT = 500;
/** Most answer columns in one spreadsheet (three questions per event; a campaign's events may differ). */
const QUESTION_COLUMNS = 30;
const EVENT_INCLUDE = { organisation: true, organisers: { orderBy: { position: "asc" as const } } };

/** Spreadsheets (CSV for Excel) and calendars (.ics) of events, sign-ups and hours. */
export class ExportService {
  constructor(private readonly db: Db) {}

  /** The events an export covers: a campaign's among these organisations, or else their upcoming ones. */
  async eventIds(scope: OrgScope, campaignId: number | null, now: Date): Promise<number[]> {
    const organisation = inScope(scope);
    const rows = await this.db.event.findMany({
      where:
        campaignId === null
          ? { organisation, status: { in: [...LIVE_STATUSES] }, endsAt: { gt: now } }
          : { organisation, campaignId, status: { not: "draft" } },
      select: { id: true },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: CALENDAR_LIMIT,
    });
    return rows.map((r) => r.id);
  }

  /** Everyone who signed up for these events (cancellations included, marked), event by event. */
  /** `rows`: lines in the file; `people`: those still signed up or waitlisted; `cancelled`: the rest. */
  async signupsCsv(
    eventIds: number[],
    lang: ExportLanguage,
  ): Promise<{ csv: Buffer; rows: number; people: number; cancelled: number }> {
    const events = (
      await inChunks(eventIds, (ids) =>
        this.db.event.findMany({
          where: { id: { in: ids } },
          include: {
            organisation: true,
            signups: { include: { user: true, role: true, answers: true }, orderBy: { seq: "asc" } },
            roles: { orderBy: { position: "asc" } },
            questions: { orderBy: { position: "asc" } },
          },
        }),
      )
    ).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
    const { t } = lang;
    // events with roles: a role column, and each event's rows grouped by role (in the roles' order)
    const withRoles = events.some((e) => e.roles.length > 0);
    const withGuests = events.some((e) => e.maxGuests > 0 || e.signups.some((x) => x.guests > 0));
    const columns = [
      "event",
      "time",
      "organisation",
      ...(withRoles ? ["role"] : []),
      "number",
      "name",
      "username",
      ...(withGuests ? ["guests"] : []),
    ];
    // one column per question (by its wording: events asking the same question share it), after the status
    const prompts = [...new Set(events.flatMap((e) => e.questions.map((q) => q.prompt)))].slice(0, QUESTION_COLUMNS);
    const header = [...[...columns, "status", "signed-up-at"].map((c) => t(`export-col-${c}`)), ...prompts];
    const rows = events.flatMap((e) => {
      const when = formatTimeWindow(
        { start: e.startsAt, end: e.endsAt, precision: e.precision, timeZone: e.timeZone, openEnded: e.openEnded },
        lang.locale,
        { now: lang.now },
      );
      const order = (roleId: number | null) => e.roles.findIndex((r) => r.id === roleId);
      const signups = withRoles ? [...e.signups].sort((a, b) => order(a.roleId) - order(b.roleId)) : e.signups;
      return signups.map((s, i) => [
        e.title,
        when,
        e.organisation.name,
        ...(withRoles ? [s.role?.name ?? ""] : []),
        i + 1,
        s.user.forgotten
          ? t("person-forgotten")
          : s.user.lastName
            ? `${s.user.firstName} ${s.user.lastName}`
            : s.user.firstName,
        s.user.username ? `@${s.user.username}` : "",
        ...(withGuests ? [s.guests] : []),
        // signed up and never checked in nor marked by the end: a no-show (domain/check-in.ts)
        t(`export-status-${attendanceOf(s.status, e, lang.now) === "no_show" ? "no_show" : s.status}`),
        localStamp(s.createdAt, e.timeZone),
        ...prompts.map((prompt) => {
          const question = e.questions.find((q) => q.prompt === prompt);
          return s.answers.find((a) => a.questionId === question?.id)?.value ?? "";
        }),
      ]);
    });
    const cancelled = events.reduce((n, e) => n + e.signups.filter((s) => s.status === "cancelled").length, 0);
    return { csv: toCsv(header, rows), rows: rows.length, people: rows.length - cancelled, cancelled };
  }

  /** The hours report: one line per member and attended event, with its month, for pivot tables. */
  hoursCsv(lines: HoursLine[], lang: ExportLanguage): Buffer {
    const header = ["month", "date", "event", "organisation", "name", "username", "hours"].map((c) =>
      lang.t(`export-col-${c}`),
    );
    const rows = lines.map((l) => {
      const date = localStamp(l.startsAt, l.timeZone).slice(0, 10);
      return [
        date.slice(0, 7),
        date,
        l.title,
        l.organisation,
        l.forgotten ? lang.t("person-forgotten") : l.name,
        l.username ? `@${l.username}` : "",
        l.hours ?? "",
      ];
    });
    rows.push(["", "", "", "", lang.t("export-total"), "", totalHours(lines.map((l) => l.hours))]);
    return toCsv(header, rows);
  }

  /**
   * Upcoming events of these organisations as one calendar (the group's calendar). Cancelled ones stay in
   * it, marked STATUS:CANCELLED, so a calendar app that imported it before takes them out.
   */
  async upcomingCalendar(
    scope: OrgScope,
    name: string,
    now: Date,
    botUsername: string,
  ): Promise<{ ics: string; count: number }> {
    const events = await this.db.event.findMany({
      where: {
        organisation: inScope(scope),
        status: { in: [...LIVE_STATUSES, "cancelled"] },
        endsAt: { gt: now },
      },
      include: EVENT_INCLUDE,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: CALENDAR_LIMIT,
    });
    const ics = buildCalendar({
      prodId: "-//Yiqi//Events bot//EN",
      name,
      events: events.map((e) => icsEventOf(e, now, botUsername)),
    });
    return { ics, count: events.filter((e) => e.status !== "cancelled").length };
  }
}

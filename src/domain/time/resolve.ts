/**
 * Turns what a parser understood (a TimeSpec) into a TimeWindow: picks years, resolves
 * relative days against `now`, checks the calendar and the clock, and computes instants in the zone.
 */
import {
  addDays,
  type CivilDate,
  clockText,
  compareCivil,
  formatYmd,
  isValidCivilDate,
  MINUTES_PER_DAY,
  wallClockOf,
  weekdayOf,
  zonedInstant,
} from "./calendar.ts";
import { dayPartMinutes, monthPartDays, OPEN_ENDED_HOURS } from "./named-spans.ts";
import type { ClockTime, DateRef, ParseContext, ParseFailure, TimeNote, TimeSpec } from "./spec.ts";
import type { Precision, TimeWindow } from "./window.ts";

export type ResolveResult = { ok: true; window: TimeWindow; notes?: TimeNote[] } | ParseFailure;

/** How far ahead a date without a year may be looked for (29 February: up to the next leap year). */
const MAX_YEARS_AHEAD = 8;
/** A date read as next year's is pointed out when this year's occurrence ended at most this many days ago. */
const RECENTLY_PASSED_DAYS = 92;

const fail = (error: ParseFailure["error"], detail?: string): ParseFailure =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };

/**
 * A date without a year is its next occurrence: this year's, unless it is over before today began, then
 * the next year's in which it exists (a written year, 今年/明年, or `ctx.year` wins). A weekday on its own
 * ("周六", "Saturday") is the coming one: today's when it is today, next week's once today's time is over.
 */
export function resolveSpec(spec: TimeSpec, ctx: ParseContext): ResolveResult {
  const today = wallClockOf(ctx.now, ctx.timeZone).date;
  if (ctx.year !== undefined || !usesImplicitYear(spec)) return resolveWeekdays(spec, ctx, ctx.year ?? today.year);
  const todayStarts = zonedInstant(today, 0, ctx.timeZone).getTime();
  const thisYear = resolveWeekdays(spec, ctx, today.year);
  if (!thisYear.ok && thisYear.error !== "invalid_date") return thisYear;
  if (thisYear.ok && thisYear.window.end.getTime() > todayStarts) return thisYear;
  for (let year = today.year + 1; year <= today.year + MAX_YEARS_AHEAD; year++) {
    const later = resolveWeekdays(spec, ctx, year);
    if (!later.ok && later.error === "invalid_date") continue;
    if (!later.ok || !thisYear.ok) return later;
    const recently = todayStarts - thisYear.window.end.getTime() <= RECENTLY_PASSED_DAYS * 86_400_000;
    if (!recently) return later;
    const note: TimeNote = {
      kind: "next_year",
      chosen: wallClockOf(later.window.start, ctx.timeZone).date,
      passed: wallClockOf(thisYear.window.start, ctx.timeZone).date,
    };
    return { ...later, notes: [...(later.notes ?? []), note] };
  }
  return thisYear;
}

/** Resolves with `year` for dates without one; a lone weekday that is today and already over moves a week on. */
function resolveWeekdays(spec: TimeSpec, ctx: ParseContext, year: number): ResolveResult {
  const first = resolveWith(new Resolver(ctx, year, false), spec);
  const on = spec.kind === "clock" || spec.kind === "day_part" ? spec.on : null;
  if (!first.ok || on?.kind !== "weekday" || on.nextWeek || on.thisWeek) return first;
  const today = wallClockOf(ctx.now, ctx.timeZone).date;
  if (compareCivil(wallClockOf(first.window.start, ctx.timeZone).date, today) !== 0) return first;
  if (first.window.end.getTime() > ctx.now.getTime()) return first;
  const later = resolveWith(new Resolver(ctx, year, true), spec);
  if (!later.ok) return later;
  const note: TimeNote = { kind: "weekday_passed", chosen: addDays(today, 7), today };
  return { ...later, notes: [...(later.notes ?? []).filter((n) => n.kind !== "weekday_today"), note] };
}

function resolveWith(resolver: Resolver, spec: TimeSpec): ResolveResult {
  const result = resolveKind(resolver, spec);
  return result.ok && resolver.notes.length > 0 ? { ...result, notes: resolver.notes } : result;
}

/** Does the expression name a month without a year (so the year is this resolver's choice)? */
function usesImplicitYear(spec: TimeSpec): boolean {
  const implicit = (ref: DateRef | "year_end" | undefined) =>
    typeof ref === "object" && ref.kind === "calendar" && ref.year === undefined && ref.yearOffset === undefined;
  switch (spec.kind) {
    case "days":
      return implicit(spec.from) || implicit(spec.through);
    case "clock":
    case "day_part":
      return implicit(spec.on);
    case "month_part":
      return spec.year === undefined && spec.yearOffset === undefined;
    case "ongoing":
      return implicit(spec.from) || implicit(spec.through);
  }
}

function resolveKind(resolver: Resolver, spec: TimeSpec): ResolveResult {
  switch (spec.kind) {
    case "days":
      return resolver.days(spec.from, spec.through);
    case "clock":
      return resolver.clock(spec.on, spec.start, spec.end);
    case "day_part":
      return resolver.dayPart(spec.on, dayPartMinutes(spec.part));
    case "month_part":
      return resolver.monthPart(spec);
    case "ongoing":
      return resolver.ongoing(spec.from, spec.through);
  }
}

class Resolver {
  private readonly today: CivilDate;
  readonly notes: TimeNote[] = [];

  /**
   * @param year the year of dates written without one
   * @param skipToday a lone weekday that is today means next week's
   */
  constructor(
    private readonly ctx: ParseContext,
    private readonly year: number,
    private readonly skipToday: boolean,
  ) {
    this.today = wallClockOf(ctx.now, ctx.timeZone).date;
  }

  days(fromRef: DateRef, throughRef: DateRef | undefined): ResolveResult {
    const from = this.date(fromRef);
    if (isFailure(from)) return from;
    return this.dayRange(from, throughRef ? this.dateAfter(throughRef, from) : from, "day");
  }

  clock(onRef: DateRef, start: ClockTime, end: ClockTime | undefined): ResolveResult {
    const on = this.date(onRef);
    if (isFailure(on)) return on;
    const startMinutes = clockMinutes(start, false);
    if (startMinutes === undefined) return fail("invalid_time", formatClock(start));
    const startInstant = this.instant(on, startMinutes);
    if (!end) {
      const assumedEnd = new Date(startInstant.getTime() + OPEN_ENDED_HOURS * 3_600_000);
      return this.window(startInstant, assumedEnd, "exact", { openEnded: true });
    }
    const endMinutes = clockMinutes(end, true);
    if (endMinutes === undefined) return fail("invalid_time", formatClock(end));
    if (endMinutes <= startMinutes) return fail("end_before_start", `${formatClock(start)} >= ${formatClock(end)}`);
    return this.window(startInstant, this.instant(on, endMinutes), "exact");
  }

  dayPart(onRef: DateRef, minutes: { start: number; end: number }): ResolveResult {
    const on = this.date(onRef);
    if (isFailure(on)) return on;
    return this.window(this.instant(on, minutes.start), this.instant(on, minutes.end), "exact");
  }

  monthPart(spec: Extract<TimeSpec, { kind: "month_part" }>): ResolveResult {
    if (spec.month < 1 || spec.month > 12) return fail("invalid_date", `month ${spec.month}`);
    const year = spec.year ?? (spec.yearOffset !== undefined ? this.today.year + spec.yearOffset : this.year);
    const { first, last } = monthPartDays(year, spec.month, spec.part);
    const start = this.instant({ year, month: spec.month, day: first }, 0);
    const end = this.instant({ year, month: spec.month, day: last }, MINUTES_PER_DAY);
    return this.window(start, end, "part_of_month");
  }

  ongoing(fromRef: DateRef, throughRef: DateRef | "year_end"): ResolveResult {
    const from = this.date(fromRef);
    if (isFailure(from)) return from;
    if (throughRef !== "year_end") return this.dayRange(from, this.dateAfter(throughRef, from), "ongoing");
    const nextNewYear = { year: from.year + 1, month: 1, day: 1 };
    return this.window(this.instant(from, 0), this.instant(nextNewYear, 0), "ongoing");
  }

  /** Whole days from `from` through `through` inclusive. */
  private dayRange(from: CivilDate, through: CivilDate | ParseFailure, precision: "day" | "ongoing"): ResolveResult {
    if (isFailure(through)) return through;
    if (compareCivil(through, from) < 0) return fail("end_before_start", `${formatYmd(from)} > ${formatYmd(through)}`);
    return this.window(this.instant(from, 0), this.instant(through, MINUTES_PER_DAY), precision);
  }

  /** The civil date of a reference on its own (the first date of an expression). */
  private date(ref: DateRef): CivilDate | ParseFailure {
    switch (ref.kind) {
      case "relative":
        return addDays(this.today, ref.days);
      case "weekday":
        return this.weekday(ref.weekday, ref.nextWeek, ref.thisWeek === true);
      case "calendar": {
        const date = checked({ year: this.yearOf(ref), month: ref.month, day: ref.day });
        if (ref.numeric && ref.month !== ref.day && ref.day <= 12 && !isFailure(date)) {
          const other = { year: date.year, month: ref.day, day: ref.month };
          this.notes.push({ kind: "month_first", chosen: date, other });
        }
        return date;
      }
    }
  }

  /** The year of a calendar date: as written, relative to this year (明年), or this resolver's. */
  private yearOf(ref: Extract<DateRef, { kind: "calendar" }>): number {
    return ref.year ?? (ref.yearOffset !== undefined ? this.today.year + ref.yearOffset : this.year);
  }

  /** A weekday: the coming one (today's included), or the one in next week; notes the other reading. */
  private weekday(weekday: number, nextWeek: boolean, thisWeek: boolean): CivilDate {
    const coming = this.daysUntil(weekday, false);
    if (nextWeek) {
      const chosen = addDays(this.today, this.daysUntil(weekday, true));
      if (coming > 0 && compareCivil(chosen, addDays(this.today, coming)) !== 0) {
        this.notes.push({ kind: "next_week", chosen, coming: addDays(this.today, coming) });
      }
      return chosen;
    }
    if (coming > 0) return addDays(this.today, coming);
    if (this.skipToday) return addDays(this.today, 7);
    if (!thisWeek) this.notes.push({ kind: "weekday_today", chosen: this.today, following: addDays(this.today, 7) });
    return this.today;
  }

  /** The civil date of a range's end: without a year it is in `from`'s year, or the next when its month is earlier. */
  private dateAfter(ref: DateRef, from: CivilDate): CivilDate | ParseFailure {
    if (ref.kind !== "calendar" || ref.year !== undefined || ref.yearOffset !== undefined) return this.date(ref);
    return checked({ year: ref.month < from.month ? from.year + 1 : from.year, month: ref.month, day: ref.day });
  }

  private daysUntil(weekday: number, nextWeek: boolean): number {
    const todayWeekday = weekdayOf(this.today);
    if (!nextWeek) return (weekday - todayWeekday + 7) % 7;
    const mondayOffset = (todayWeekday + 6) % 7;
    return 7 - mondayOffset + ((weekday + 6) % 7);
  }

  private instant(date: CivilDate, minutes: number): Date {
    return zonedInstant(date, minutes, this.ctx.timeZone);
  }

  private window(start: Date, end: Date, precision: Precision, extra: { openEnded?: true } = {}): ResolveResult {
    return { ok: true, window: { start, end, precision, timeZone: this.ctx.timeZone, ...extra } };
  }
}

function isFailure(value: CivilDate | ParseFailure): value is ParseFailure {
  return "ok" in value;
}

function checked(date: CivilDate): CivilDate | ParseFailure {
  return isValidCivilDate(date) ? date : fail("invalid_date", formatYmd(date));
}

/** Minutes after midnight, or undefined when not a clock time; 24:00 is allowed as an end. */
function clockMinutes({ hour, minute }: ClockTime, isEnd: boolean): number | undefined {
  if (minute < 0 || minute > 59 || hour < 0) return undefined;
  if (hour === 24 && minute === 0 && isEnd) return MINUTES_PER_DAY;
  return hour <= 23 ? hour * 60 + minute : undefined;
}

function formatClock({ hour, minute }: ClockTime): string {
  return clockText(hour * 60 + minute);
}

/**
 * Turns what a parser understood (a TimeSpec) into a TimeWindow: picks years, resolves
 * relative days against `now`, checks the calendar and the clock, and computes instants in the zone.
 */
import {
  addDays,
  addMonths,
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
import type { ClockTime, DateRef, ParseContext, ParseFailure, TimeSpec } from "./spec.ts";
import type { Precision, TimeWindow } from "./window.ts";

export type ResolveResult = { ok: true; window: TimeWindow } | ParseFailure;

/** A date without a year that lies further back than this is read as next year's. */
const MONTHS_BACK_BEFORE_NEXT_YEAR = 6;

const fail = (error: ParseFailure["error"], detail?: string): ParseFailure =>
  detail === undefined ? { ok: false, error } : { ok: false, error, detail };

export function resolveSpec(spec: TimeSpec, ctx: ParseContext): ResolveResult {
  const resolver = new Resolver(ctx);
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

  constructor(private readonly ctx: ParseContext) {
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
    const year = spec.year ?? this.yearFor(spec.month, monthPartDays(this.today.year, spec.month, spec.part).last);
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
        return addDays(this.today, this.daysUntil(ref.weekday, ref.nextWeek));
      case "calendar":
        return checked({ year: ref.year ?? this.yearFor(ref.month, ref.day), month: ref.month, day: ref.day });
    }
  }

  /** The civil date of a range's end: without a year it is in `from`'s year, or the next when its month is earlier. */
  private dateAfter(ref: DateRef, from: CivilDate): CivilDate | ParseFailure {
    if (ref.kind !== "calendar" || ref.year !== undefined) return this.date(ref);
    return checked({ year: ref.month < from.month ? from.year + 1 : from.year, month: ref.month, day: ref.day });
  }

  /**
   * The context's year; failing that the current local year, or next year when the (last) day
   * would lie more than six months back (a date typed in chat is rarely long past).
   */
  private yearFor(month: number, day: number): number {
    if (this.ctx.year !== undefined) return this.ctx.year;
    const thisYear = this.today.year;
    const threshold = addMonths(this.today, -MONTHS_BACK_BEFORE_NEXT_YEAR);
    const candidate = { year: thisYear, month, day: Math.min(day, 28) };
    return compareCivil(candidate, threshold) < 0 ? thisYear + 1 : thisYear;
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

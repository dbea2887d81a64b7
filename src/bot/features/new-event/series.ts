import type { EventDraft, FormContext, NewEventFields } from "../../../domain/event-form.ts";
import {
  decodePattern,
  describePattern,
  encodePattern,
  parseRecurrence,
  type Series,
} from "../../../domain/recurrence.ts";
import { formatTimeWindow } from "../../../domain/time/format.ts";
import type { TimeWindow } from "../../../domain/time/window.ts";
import type { YiqiContext } from "../../context.ts";

/** The occurrences of a recurring time, read again now (the clock may have moved since it was typed). */
export function seriesOf(text: string, form: FormContext): Series | null {
  const result = parseRecurrence(text, { timeZone: form.timeZone, now: form.now, locale: form.locale });
  return result?.ok ? result.series : null;
}

/** "每周六" / "every Saturday" for a stored pattern. */
export function ruleText(ctx: YiqiContext, pattern: string): string {
  const decoded = decodePattern(pattern);
  return decoded ? describePattern(decoded, ctx.locale) : pattern;
}

function when(ctx: YiqiContext, window: TimeWindow): string {
  return formatTimeWindow(window, ctx.locale, { now: ctx.services.now() });
}

/** What a recurring time says back: the rule, how many, the first and the last; null for a one-off time. */
export function seriesReading(ctx: YiqiContext, draft: EventDraft, form: FormContext) {
  const series = draft.series && draft.timeText ? seriesOf(draft.timeText, form) : null;
  const first = series?.occurrences[0];
  const last = series?.occurrences.at(-1);
  if (!series || !first || !last) return null;
  return {
    rule: describePattern(series.pattern, ctx.locale),
    count: series.occurrences.length,
    first: when(ctx, first),
    final: when(ctx, last),
    end: series.end,
  };
}

/** The lines said after a recurring time: when no end was written, that it runs to the end of the year. */
export function seriesNoteLines(ctx: YiqiContext, draft: EventDraft, form: FormContext): string[] {
  const reading = seriesReading(ctx, draft, form);
  if (reading?.end !== "year_end") return [];
  const example = `${draft.timeText ?? ""} ${ctx.locale === "en" ? "10 times" : "共10次"}`;
  return [ctx.t("series-note-year-end", { final: reading.final, example })];
}

/**
 * Creates what a finished draft describes: one event, or one per occurrence of a recurring time. Returns the
 * first (whose card is posted), or null when a recurring time has no occurrence left.
 */
export async function createFromDraft(ctx: YiqiContext, input: NewEventFields, draft: EventDraft, form: FormContext) {
  if (!draft.series || !draft.timeText) return ctx.services.events.create(input);
  const series = seriesOf(draft.timeText, form);
  if (!series) return null;
  const pattern = encodePattern(series.pattern);
  const events = await ctx.services.events.createSeries(input, {
    pattern,
    ruleText: draft.timeText,
    windows: series.occurrences,
  });
  return events[0] ?? null;
}

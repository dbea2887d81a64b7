import type { EventFormPatch, FormContext } from "../../../domain/event-form.ts";
import { daysMoved, decodePattern, encodePattern, shiftPattern, shiftWindow } from "../../../domain/recurrence.ts";
import { formatTimeWindow } from "../../../domain/time/format.ts";
import type { EventShape } from "../../../services/change-notices.ts";
import type { EventWithOrg } from "../../../services/events.ts";
import { encodeCallback } from "../../../views/callback-data.ts";
import { windowOf } from "../../../views/event-views.ts";
import { userText } from "../../../views/html.ts";
import { patternText } from "../../../views/series-views.ts";
import { callbackButton, keyboard } from "../../../views/view.ts";
import type { YiqiContext } from "../../context.ts";
import { seriesOf } from "./series.ts";

/** Which occurrences an edit of a recurring activity changes: this one, or this and every later one. */
export type EditScope = "one" | "future";

/** The occurrences from this one on when it is one of several left in its series; null otherwise. */
export async function laterOccurrences(ctx: YiqiContext, eventId: number) {
  const place = await ctx.services.events.seriesPlace(eventId, ctx.services.now());
  return place && place.ids.length > 1 && place.ids.includes(eventId) ? place : null;
}

/** "「社区观影」是「每周六」系列中的一次。要改哪些？" — this one only, or this and the later ones. */
export function askScope(ctx: YiqiContext, event: EventWithOrg, pattern: string, count: number) {
  const args = { title: userText(event.title, 200), rule: patternText(pattern, ctx) };
  return ctx.reply(ctx.t("series-ask-scope", args), {
    parse_mode: "HTML",
    reply_markup: keyboard([
      [callbackButton(ctx.t("series-btn-this-one"), encodeCallback("editScope", event.id, 0))],
      [callbackButton(ctx.t("series-btn-future", { count }), encodeCallback("editScope", event.id, 1))],
    ]),
  });
}

/** A recurring time typed in /edit for an occurrence of a series: refused, with how to change the later ones. */
export function refuseNewRule(ctx: YiqiContext, event: EventWithOrg, pattern: string) {
  const example = formatTimeWindow(windowOf(event), ctx.locale, { now: ctx.services.now() });
  return ctx.reply(ctx.t("series-edit-recurring-refused", { rule: patternText(pattern, ctx), example }), {
    parse_mode: "HTML",
  });
}

/** What the same edit changes on a later occurrence: its time moved alike, its deadline as far before its start. */
function patchFor(occurrence: EventShape & { signupDeadline: Date | null }, first: EventShape, patch: EventFormPatch) {
  const { window, timeText: _timeText, signupDeadline, ...rest } = patch;
  const out: EventFormPatch = { ...rest };
  if (window) out.window = shiftWindow(windowOf(occurrence), windowOf(first), window);
  if (signupDeadline !== undefined) {
    const lead = signupDeadline === null ? null : first.startsAt.getTime() - signupDeadline.getTime();
    const start = (out.window?.start ?? occurrence.startsAt).getTime();
    out.signupDeadline = lead === null ? null : new Date(start - lead);
  }
  return out;
}

/** Applies an edit to this and every later live occurrence; returns what each looked like before. */
export async function applyToFuture(ctx: YiqiContext, event: EventWithOrg, patch: EventFormPatch) {
  const now = ctx.services.now();
  const place = await laterOccurrences(ctx, event.id);
  const changes: { eventId: number; before: EventShape }[] = [];
  for (const id of place?.ids ?? [event.id]) {
    const occurrence = id === event.id ? event : await ctx.services.events.get(id);
    if (!occurrence) continue;
    await ctx.services.events.update(id, id === event.id ? patch : patchFor(occurrence, event, patch), now);
    changes.push({ eventId: id, before: occurrence });
  }
  // moved to other days: from this one on they are a series of their own (每周六 → 每周日), the earlier ones stay
  const moved = patch.window ? daysMoved(windowOf(event), patch.window) : 0;
  const pattern = place ? decodePattern(place.pattern) : null;
  if (place && pattern && moved !== 0) {
    await ctx.services.events.moveToNewSeries(place.seriesId, place.ids, encodePattern(shiftPattern(pattern, moved)));
  }
  return changes;
}

/** A one-off event given a recurring time: it becomes the first occurrence, the later ones are created like it. */
export async function makeRecurring(ctx: YiqiContext, event: EventWithOrg, text: string, form: FormContext) {
  const series = seriesOf(text, form);
  if (!series) return null;
  const ids = await ctx.services.events.extendIntoSeries(event.id, {
    pattern: encodePattern(series.pattern),
    ruleText: text.trim(),
    windows: series.occurrences,
  });
  return { series, created: ids.length };
}

/** Reads a free-text event time (Chinese or English) into a TimeWindow. */
import { formatTimeWindow } from "./format.ts";
import { parseEn } from "./parse-en.ts";
import { parseZh } from "./parse-zh.ts";
import { resolveSpec } from "./resolve.ts";
import type { ParseContext, ParseResult } from "./spec.ts";

/**
 * Parses expressions such as "6月28日 9:00-11:30", "6月下旬", "6月16日起至年底", "明天下午3点", "明年6月28日",
 * "下周六上午", "June 28 2pm-4pm", "late June", "from June 16 until year end", "next Saturday 9-11am",
 * in `ctx.timeZone`. Dates without a year take `ctx.year`, else their next occurrence: this year's unless it
 * is over before today, then next year's (resolve.ts). `normalized` is the window as `formatTimeWindow`
 * says it; `notes` are the readings worth saying back (ambiguity.ts).
 */
export function parseTimeWindow(text: string, ctx: ParseContext): ParseResult {
  const input = normalizeInput(text);
  if (input === "") return { ok: false, error: "empty" };
  const zh = parseZh(input);
  const spec = zh ?? parseEn(input);
  if (!spec) return { ok: false, error: "not_understood" };
  const resolved = resolveSpec(spec, ctx);
  if (!resolved.ok) return resolved;
  const locale = ctx.locale ?? (zh ? "zh-CN" : "en");
  return { ...resolved, normalized: formatTimeWindow(resolved.window, locale, { now: ctx.now }) };
}

/** Half-width characters, lower case, one kind of dash, commas as spaces, single spaces. */
export function normalizeInput(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‐‑‒–—―~〜]+/g, "-")
    .replace(/,/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

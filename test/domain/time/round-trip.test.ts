import { describe, expect, it } from "vitest";
import { formatTimeWindow } from "../../../src/domain/time/format.ts";
import { parseTimeWindow } from "../../../src/domain/time/parse.ts";
import type { ParseContext } from "../../../src/domain/time/spec.ts";
import type { TimeWindow } from "../../../src/domain/time/window.ts";

const ctx: ParseContext = { timeZone: "Asia/Shanghai", now: new Date("2026-05-20T12:00+08:00") };

function parsed(text: string): TimeWindow {
  const result = parseTimeWindow(text, ctx);
  if (!result.ok) throw new Error(`"${text}" failed: ${result.error}`);
  return result.window;
}

/** typed → how the bot says it back in Chinese and in English */
const rows: [typed: string, zh: string, en: string][] = [
  ["6月28日", "6月28日 周日", "Sun 28 Jun"],
  ["6月28日（周日）9：00-11：30", "6月28日 周日 9:00–11:30", "Sun 28 Jun, 9:00–11:30"],
  ["6月28日下午3点", "6月28日 周日 15:00起", "Sun 28 Jun, from 15:00"],
  ["6月28日上午", "6月28日 周日 上午", "Sun 28 Jun, morning"],
  ["6月28日-30日", "6月28日–30日", "28–30 Jun"],
  ["6月28日至7月2日", "6月28日–7月2日", "28 Jun – 2 Jul"],
  ["6月底", "6月下旬", "late June"],
  ["6月初", "6月上旬", "early June"],
  ["6月中下旬", "6月中下旬", "mid to late June"],
  ["6月", "6月", "June"],
  ["6月16日开始持续到年底", "6月16日起至年底", "from 16 Jun until year end"],
  ["6月16日起至7月31日", "6月16日起至7月31日", "from 16 Jun until 31 Jul"],
  ["2027年6月28日 9:00-11:30", "2027年6月28日 周一 9:00–11:30", "Mon 28 Jun 2027, 9:00–11:30"],
  ["明天下午", "5月21日 周四 下午", "Thu 21 May, afternoon"],
  ["June 28 2pm-4pm", "6月28日 周日 14:00–16:00", "Sun 28 Jun, 14:00–16:00"],
  ["end of June", "6月下旬", "late June"],
  ["from June 16 until year end", "6月16日起至年底", "from 16 Jun until year end"],
  ["tomorrow 3pm", "5月21日 周四 15:00起", "Thu 21 May, from 15:00"],
  ["late June 2027", "2027年6月下旬", "late June 2027"],
  ["28 Dec - 3 Jan", "12月28日–2027年1月3日", "28 Dec – 3 Jan 2027"],
];

describe("parse, then format", () => {
  it.each(rows)("%s", (typed, zh, en) => {
    const w = parsed(typed);
    expect(formatTimeWindow(w, "zh-CN", { now: ctx.now })).toBe(zh);
    expect(formatTimeWindow(w, "en", { now: ctx.now })).toBe(en);
  });

  it.each(rows)("what the bot says back reads as the same window: %s", (typed, zh, en) => {
    const w = parsed(typed);
    expect(parsed(zh)).toEqual(w);
    expect(parsed(en)).toEqual(w);
  });
});

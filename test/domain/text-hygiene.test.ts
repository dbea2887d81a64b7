import { describe, expect, it } from "vitest";
import { checkVisible, cleanText, cutToFit, isInvisible } from "../../src/domain/text-hygiene.ts";

describe("text hygiene", () => {
  it("text of zero-width spaces, joiners, fillers or a BOM counts as invisible", () => {
    for (const text of ["\u200B\u200B", " \u200C\u200D ", "\uFEFF", "\u2060\u3164", "\u202E\u200B"]) {
      expect(isInvisible(text)).toBe(true);
      expect(checkVisible(text, 50).ok).toBe(false);
    }
    expect(checkVisible("\u200B\u200B", 50)).toEqual({ ok: false, error: "invisible" });
    expect(checkVisible("   ", 50)).toEqual({ ok: false, error: "empty" });
    expect(isInvisible("义诊\u200B")).toBe(false);
  });

  it("bidi overrides and control characters are removed; newlines only where text may have lines", () => {
    expect(cleanText("\u202Egpj.exe\u202C", 50)).toBe("gpj.exe");
    expect(cleanText("a\u0000b\u0007c\u001Bd\u007F", 50)).toBe("abcd");
    expect(cleanText("第一行\n第二行", 50)).toBe("第一行 第二行");
    expect(cleanText("第一行\r\n第二行", 50, { multiline: true })).toBe("第一行\n第二行");
  });

  it("cuts to the limit in characters, not bytes", () => {
    expect(cleanText("社区义诊社区义诊", 4)).toBe("社区义诊");
    expect(Array.from(cleanText("😀".repeat(10), 3))).toHaveLength(3);
  });

  it("cutToFit: at a word or clause boundary near the limit, with an ellipsis; a hard cut when there is none", () => {
    expect(cutToFit("社区义诊", 10)).toEqual({ value: "社区义诊", shortened: false });
    // Chinese: the last clause mark within reach
    expect(cutToFit("社区义诊活动，测血压，量血糖，中医推拿", 16)).toEqual({
      value: "社区义诊活动，测血压，量血糖…",
      shortened: true,
    });
    // English: whole words
    expect(cutToFit("Free clinic at the community centre", 20)).toEqual({
      value: "Free clinic at the…",
      shortened: true,
    });
    // no boundary within reach: a hard cut, still within the limit
    expect(cutToFit("abcdefghijklmnopqrstuvwxyz", 10)).toEqual({ value: "abcdefghi…", shortened: true });
    expect(Array.from(cutToFit("😀".repeat(30), 10).value)).toHaveLength(10);
  });
});

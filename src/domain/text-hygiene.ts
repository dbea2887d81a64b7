/**
 * What people type (titles, places, names) and what Telegram hands us (first names, group titles) is
 * cleaned before it is stored: bidirectional overrides (which can make "gpj.exe" read "exe.jpg") and
 * control characters are removed, and lengths are cut to what fits on a card (`cutToFit`: at a word or
 * punctuation boundary, with an ellipsis, and the caller tells the person it was shortened). Text that is
 * nothing but invisible characters is refused by the callers (`isInvisible`). HTML escaping happens on output
 * (views/html.ts), as before.
 */

/** Bidi embeddings, overrides and isolates, and the directional marks. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** C0 (but tab and newline), DEL and C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** Characters that show nothing: white space, zero-width characters, the word joiner, fillers, BOM, soft hyphen. */
const INVISIBLE = /[\s\u00AD\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200D\u2060-\u2064\u2800\u3164\uFEFF\uFFA0]|\u034F/gu;

/** Card-sized limits (characters, not bytes). */
export const textLimits = { title: 120, place: 200, name: 100, content: 1000, person: 64 } as const;

/** Removes bidi overrides and control characters (newlines too unless `multiline`), then cuts to `max`. */
export function cleanText(text: string, max: number, options: { multiline?: boolean } = {}): string {
  let out = text.normalize("NFC").replace(BIDI, "").replace(CONTROL, "");
  out = options.multiline ? out.replace(/\r\n?/g, "\n") : out.replace(/[\t\r\n]+/g, " ");
  const chars = Array.from(out.trim());
  return chars.length > max ? chars.slice(0, max).join("").trimEnd() : chars.join("");
}

export const ELLIPSIS = "…";
/** Where a cut reads naturally: white space and the punctuation between words or clauses (CJK and Latin). */
const BOUNDARY = /[\s,.;:!?，。、；：！？·•|/（）()「」【】《》\-—]/u;
/** How far back from the limit a boundary may be to be used (a fraction of the limit); else the cut is hard. */
const BOUNDARY_REACH = 0.2;

/**
 * Text cut to at most `max` characters, ellipsis included: at the last word or punctuation boundary near the
 * limit (Chinese has no spaces: then a clause mark, or else a hard cut), so "社区义诊，测血压" loses whole
 * clauses rather than half a word. `shortened` tells the caller to say so.
 */
export function cutToFit(text: string, max: number): { value: string; shortened: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { value: text, shortened: false };
  const kept = chars.slice(0, Math.max(0, max - 1));
  const floor = Math.floor(kept.length * (1 - BOUNDARY_REACH));
  let end = kept.length;
  // a boundary right at the limit (the next character) counts too
  if (!BOUNDARY.test(chars[kept.length] ?? "")) {
    for (let i = kept.length - 1; i >= floor; i--) {
      if (BOUNDARY.test(kept[i] ?? "")) {
        end = i;
        break;
      }
    }
  }
  let head = kept.slice(0, end);
  while (head.length > 0 && BOUNDARY.test(head.at(-1) ?? "")) head = head.slice(0, -1);
  if (head.length === 0) head = kept;
  return { value: `${head.join("")}${ELLIPSIS}`, shortened: true };
}

/** True when nothing would be seen: empty, white space, or only zero-width and other invisible characters. */
export function isInvisible(text: string): boolean {
  return text.replace(BIDI, "").replace(CONTROL, "").replace(INVISIBLE, "").length === 0;
}

export type FieldCheck = { ok: true; value: string } | { ok: false; error: "empty" | "invisible" };

/** A required field: cleaned and cut; refused when empty, or when it consists of invisible characters only. */
export function checkVisible(text: string, max: number): FieldCheck {
  if (text.trim().length === 0) return { ok: false, error: "empty" };
  if (isInvisible(text)) return { ok: false, error: "invisible" };
  return { ok: true, value: cleanText(text, max) };
}

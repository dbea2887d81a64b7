import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.ts";

export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

type WithoutRange<E> = E extends unknown ? Omit<E, "offset" | "length"> : never;
type EntityKind = WithoutRange<MessageEntity>;

interface OpenTag {
  name: string;
  kind: EntityKind | undefined;
  offset: number;
}

const SIMPLE_TAGS: Record<string, EntityKind> = {
  b: { type: "bold" },
  strong: { type: "bold" },
  i: { type: "italic" },
  em: { type: "italic" },
  u: { type: "underline" },
  ins: { type: "underline" },
  s: { type: "strikethrough" },
  strike: { type: "strikethrough" },
  del: { type: "strikethrough" },
  "tg-spoiler": { type: "spoiler" },
  pre: { type: "pre" },
};
const SUPPORTED_TAGS = new Set([...Object.keys(SIMPLE_TAGS), "a", "span", "tg-emoji", "code", "blockquote"]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Parses Bot API HTML (parse_mode "HTML") into plain text and entities, failing like Telegram
 * ("can't parse entities: …") on unknown, unbalanced or unclosed tags, such as unescaped user text.
 */
export function parseHtml(html: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const open: OpenTag[] = [];
  let i = 0;
  while (i < html.length) {
    const char = html.charAt(i);
    if (char === "&") {
      const [decoded, consumed] = decodeEntity(html, i);
      text += decoded;
      i += consumed;
    } else if (char !== "<") {
      text += char;
      i += 1;
    } else if (html.charAt(i + 1) === "/") {
      const end = html.indexOf(">", i);
      const top = open.pop();
      if (top === undefined) throw parseError(`Unexpected end tag at byte offset ${byteOffset(html, i)}`);
      if (end < 0) throw parseError(`Unclosed end tag at byte offset ${byteOffset(html, i)}`);
      const name = html
        .slice(i + 2, end)
        .trim()
        .toLowerCase();
      if (name !== top.name) {
        const at = byteOffset(html, i);
        throw parseError(`Unmatched end tag at byte offset ${at}, expected "</${top.name}>", found "</${name}>"`);
      }
      if (top.kind && text.length > top.offset) {
        entities.push({ ...top.kind, offset: top.offset, length: text.length - top.offset } as MessageEntity);
      }
      i = end + 1;
    } else {
      const name = (/^[^\s>]*/.exec(html.slice(i + 1))?.[0] ?? "").toLowerCase();
      if (!SUPPORTED_TAGS.has(name))
        throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, i)}`);
      const tag = readAttributes(html, i + 1 + name.length);
      if (tag === undefined) throw parseError(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      open.push({ name, kind: entityKind(name, tag.attributes, open, byteOffset(html, i)), offset: text.length });
      i = tag.end + 1;
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw parseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function entityKind(
  name: string,
  attributes: Map<string, string>,
  open: OpenTag[],
  at: number,
): EntityKind | undefined {
  const simple = SIMPLE_TAGS[name];
  if (simple) return { ...simple };
  switch (name) {
    case "a": {
      const url = attributes.get("href");
      return url ? { type: "text_link", url } : undefined;
    }
    case "span":
      if (attributes.get("class") !== "tg-spoiler")
        throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
      return { type: "spoiler" };
    case "tg-emoji": {
      const id = attributes.get("emoji-id");
      if (!id) throw parseError(`Custom emoji entity must contain a tg://emoji URL at byte offset ${at}`);
      return { type: "custom_emoji", custom_emoji_id: id };
    }
    case "blockquote":
      return { type: attributes.has("expandable") ? "expandable_blockquote" : "blockquote" };
    default: {
      // <code>: inside <pre> it only names the language of the block.
      const parent = open.at(-1);
      const language = /^language-(.+)$/.exec(attributes.get("class") ?? "")?.[1];
      if (parent?.kind?.type === "pre") {
        if (language) parent.kind = { type: "pre", language };
        return undefined;
      }
      return { type: "code" };
    }
  }
}

/** Reads attributes from `start` up to the closing `>`; undefined when the tag is never closed. */
function readAttributes(html: string, start: number): { attributes: Map<string, string>; end: number } | undefined {
  const attributes = new Map<string, string>();
  const pattern = /\s*(?:(>)|([^\s=>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?)/y;
  pattern.lastIndex = start;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    if (match[1]) return { attributes, end: pattern.lastIndex - 1 };
    const value = match[3] ?? match[4] ?? match[5] ?? "";
    attributes.set((match[2] ?? "").toLowerCase(), decodeAll(value));
  }
  return undefined;
}

function decodeAll(value: string): string {
  let result = "";
  let i = 0;
  while (i < value.length) {
    const [decoded, consumed] = value.charAt(i) === "&" ? decodeEntity(value, i) : [value.charAt(i), 1];
    result += decoded;
    i += consumed;
  }
  return result;
}

/** Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric entities; any other `&` stays as it is. */
function decodeEntity(html: string, at: number): [string, number] {
  const match = /^&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/i.exec(html.slice(at, at + 12));
  if (match) {
    const codePoint = match[1] ? Number(match[1]) : match[2] ? Number.parseInt(match[2], 16) : undefined;
    if (codePoint !== undefined && codePoint > 0 && codePoint <= 0x10ffff) {
      return [String.fromCodePoint(codePoint), match[0].length];
    }
    const named = match[3] ? NAMED_ENTITIES[match[3].toLowerCase()] : undefined;
    if (named) return [named, match[0].length];
  }
  return ["&", 1];
}

function byteOffset(html: string, index: number): number {
  return Buffer.byteLength(html.slice(0, index));
}

function parseError(detail: string) {
  return badRequest(`can't parse entities: ${detail}`);
}

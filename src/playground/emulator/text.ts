import type { MessageEntity } from "grammy/types";
import { badRequest } from "./api-error.ts";
import { type FormattedText, parseHtml } from "./html.ts";

const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

interface TextRules {
  maxLength: number;
  /** The error detail for an empty text; undefined when an empty text is allowed (captions). */
  emptyError: string | undefined;
  tooLongError: string;
}

export const MESSAGE_TEXT: TextRules = {
  maxLength: MAX_TEXT_LENGTH,
  emptyError: "message text is empty",
  tooLongError: "message is too long",
};

export const CAPTION: TextRules = {
  maxLength: MAX_CAPTION_LENGTH,
  emptyError: undefined,
  tooLongError: "message caption is too long",
};

/**
 * Turns `text` + `parse_mode`/`entities` into what Telegram stores: entities parsed (HTML only; Markdown modes are
 * passed through unparsed), surrounding whitespace trimmed, then checked against the rules.
 */
export function formatText(
  source: string,
  parseMode: string | undefined,
  entities: unknown[] | undefined,
  rules: TextRules,
): FormattedText {
  const formatted = trim(parse(source, parseMode, entities));
  if (formatted.text.length === 0 && rules.emptyError) throw badRequest(rules.emptyError);
  if (formatted.text.length > rules.maxLength) throw badRequest(rules.tooLongError);
  return formatted;
}

function parse(source: string, parseMode: string | undefined, entities: unknown[] | undefined): FormattedText {
  switch (parseMode?.toLowerCase()) {
    case undefined:
    case "":
      return { text: source, entities: (entities ?? []) as MessageEntity[] };
    case "html":
      return parseHtml(source);
    case "markdown":
    case "markdownv2":
      return { text: source, entities: [] };
    default:
      throw badRequest("unsupported parse_mode");
  }
}

function trim({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const kept: MessageEntity[] = [];
  for (const entity of entities) {
    const offset = Math.max(0, entity.offset - lead);
    const end = Math.min(trimmed.length, entity.offset + entity.length - lead);
    if (end > offset) kept.push({ ...entity, offset, length: end - offset });
  }
  return { text: trimmed, entities: kept };
}

/** The `bot_command` entities Telegram marks in user text: `/cmd` or `/cmd@botname` at the start or after a space. */
export function botCommandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(?<=^|\s)\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?/g)) {
    entities.push({ type: "bot_command", offset: match.index, length: match[0].length });
  }
  return entities;
}

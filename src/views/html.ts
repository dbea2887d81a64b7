/** Escapes user text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts text to at most `max` characters (code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, Math.max(0, max - 1))
        .join("")
        .trimEnd()}…`;
}

/** Escaped and cut: for user text inside a message. */
export function userText(text: string, max: number): string {
  return escapeHtml(truncate(text, max));
}

/** Telegram's limit for one message (after entities are parsed, but counting markup keeps us safe). */
export const MESSAGE_LIMIT = 4096;

/** Joins blocks until the message limit, ending with `more` when something had to be left out. */
export function fitMessage(blocks: string[], more: (left: number) => string, limit = MESSAGE_LIMIT): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, block] of blocks.entries()) {
    const tail = more(blocks.length - i);
    if (length + block.length + 1 + tail.length + 1 > limit) {
      out.push(tail);
      return out.join("\n");
    }
    out.push(block);
    length += block.length + 1;
  }
  return out.join("\n");
}

/**
 * Bot tokens must never appear in a log line, a stored error (`Delivery.lastError`) or a message to a
 * user. grammY and HTTP errors can carry the request URL (`…/bot<token>/sendMessage`), so every such
 * text goes through `redactSecrets`: the configured tokens are replaced wherever they appear, and so
 * is anything shaped like a Telegram bot token (digits, a colon, 30+ URL-safe characters).
 */
const TOKEN_SHAPE = /(?<![0-9])\d{5,12}:[A-Za-z0-9_-]{30,}/g;
export const REDACTED = "[redacted]";

const known = new Set<string>();

/** Registers a token to redact (the app's own, a host bot's). Short strings are ignored. */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 8) known.add(secret);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out.replace(TOKEN_SHAPE, REDACTED);
}

/** An error's text for storing or showing: its message, redacted. */
export function redactedMessage(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}

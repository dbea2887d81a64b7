import { GrammyError, HttpError } from "grammy";

/**
 * What a failed Bot API call tells us about whether Telegram acted on it:
 * - `not-sent`: the request provably never reached Telegram (connection refused, DNS or TLS failure before
 *   anything was sent): safe to retry for every kind;
 * - `refused`: Telegram answered 4xx (not 429): retrying cannot help;
 * - `rate-limited`: 429, retry after `retry_after`;
 * - `ambiguous`: a timeout, a connection reset after sending, a 5xx: Telegram may have performed it. At-least-once
 *   kinds retry; at-most-once kinds are recorded `failed` and never sent again.
 */
export type FailureClass =
  | { kind: "not-sent"; reason: string }
  | { kind: "refused"; reason: string }
  | { kind: "rate-limited"; retryAfter: number; reason: string }
  | { kind: "ambiguous"; reason: string };

/** Error codes raised before a request's bytes leave this machine. */
const NEVER_SENT = new Set([
  "ECONNREFUSED",
  "UND_ERR_CONNECT_TIMEOUT", // undici (bot/bot-api-fetch.ts): the connection was never made
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code: unknown = Reflect.get(e, "code");
    if (typeof code === "string") return code;
    e = Reflect.get(e, "cause");
  }
  return undefined;
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429)
      return { kind: "rate-limited", retryAfter: error.parameters.retry_after ?? 5, reason };
    if (error.error_code >= 500) return { kind: "ambiguous", reason };
    return { kind: "refused", reason };
  }
  const inner = error instanceof HttpError ? error.error : error;
  const code = errorCode(inner);
  const reason = `network: ${code ?? (inner instanceof Error ? inner.message : String(inner))}`;
  if (code && NEVER_SENT.has(code)) return { kind: "not-sent", reason };
  return { kind: "ambiguous", reason };
}

import type { Readable } from "node:stream";
import request from "undici/lib/api/api-request.js";
// two parts of undici, not its index (types/undici-parts.d.ts says why)
import Agent from "undici/lib/dispatcher/agent.js";

/**
 * The HTTP client under grammY's Bot API calls: undici's `request` on one keep-alive connection pool, instead of
 * grammY's default node-fetch. Every tap costs at least one call (answerCallbackQuery); through grammY's `Api`
 * with 50 calls in flight, a call cost about 265-355 µs of CPU with node-fetch (its Request, Headers and body
 * streams over `http.request`) and 118 µs with undici's `request` (`npx tsx bench/bot-api-client.ts`).
 *
 * grammY asks only for `response.json()`, and sends either a JSON string or a multipart stream (a file
 * upload), both of which `request` takes as they are. Its timeout aborts through `signal`. Errors keep their
 * shape for delivery/failures.ts: a refused connection is an error whose `code` is `ECONNREFUSED`, and one
 * that could not connect in time is `UND_ERR_CONNECT_TIMEOUT` (both "never sent").
 */
export interface BotApiHttp {
  /** the function for grammY's `client.fetch` */
  readonly fetch: typeof fetch;
  /** closes the pool's idle connections (at stop) */
  close(): Promise<void>;
}

/** What grammY passes to `fetch` (core/client.js: its base config, the signal, and the JSON or form payload). */
interface GrammyInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal;
}

export function botApiHttp(): BotApiHttp {
  // grammY's timeout (timeoutSeconds) bounds every call, including long polling's; undici's own header and
  // body timeouts (300 s) would only ever fire after it, so they are off
  const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 30_000 });
  const call = async (url: string | URL, init: GrammyInit = {}) => {
    const { origin, pathname, search } = typeof url === "string" ? new URL(url) : url;
    const response = await request.call(dispatcher, {
      origin,
      path: pathname + search,
      method: (init.method ?? "GET") as "GET" | "POST",
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return { ok: response.statusCode < 400, status: response.statusCode, json: () => response.body.json() };
  };
  return {
    fetch: call as unknown as typeof fetch,
    close: () => dispatcher.close(),
  };
}

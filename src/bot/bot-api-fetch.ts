import type { Readable } from "node:stream";
// one part of undici, not its index (types/undici-parts.d.ts says why)
import Agent from "undici/lib/dispatcher/agent.js";

/**
 * The HTTP client under grammY's Bot API calls: undici's dispatcher on one keep-alive connection pool, instead
 * of grammY's default node-fetch. Every tap costs at least one call (answerCallbackQuery); through grammY's
 * `Api` with 50 calls in flight, a call cost about 265-355 µs of CPU with node-fetch (its Request, Headers and
 * body streams over `http.request`), 118 µs with undici's `request`, and less again with the dispatcher's
 * own callbacks, which skip `request`'s body stream (`npx tsx bench/bot-api-client.ts` prints the figures).
 *
 * grammY asks only for `response.json()`, and sends either a JSON string or a multipart stream (a file
 * upload), both of which the dispatcher takes as they are. Its timeout aborts through `signal`. Errors keep
 * their shape for delivery/failures.ts: a refused connection is an error whose `code` is `ECONNREFUSED`, and
 * one that could not connect in time is `UND_ERR_CONNECT_TIMEOUT` (both "never sent").
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

/** The answer as grammY reads it. */
interface Answer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export function botApiHttp(): BotApiHttp {
  // grammY's timeout (timeoutSeconds) bounds every call, including long polling's; undici's own header and
  // body timeouts (300 s) would only ever fire after it, so they are off
  const dispatcher = new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 30_000 });
  const call = (url: string | URL, init: GrammyInit = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const { origin, pathname, search } = typeof url === "string" ? new URL(url) : url;
      const { signal } = init;
      const chunks: Buffer[] = [];
      let status = 0;
      let abort: ((reason?: unknown) => void) | null = null;
      const onAbort = () => abort?.(signal?.reason ?? new Error("The request was aborted"));
      const settled = () => signal?.removeEventListener("abort", onAbort);
      signal?.addEventListener("abort", onAbort);
      dispatcher.dispatch(
        {
          origin,
          path: pathname + search,
          method: (init.method ?? "GET") as "GET" | "POST",
          headers: init.headers ?? {},
          body: init.body ?? null,
        },
        {
          onConnect(abortRequest: (reason?: unknown) => void) {
            abort = abortRequest;
            if (signal?.aborted) onAbort();
          },
          onHeaders(statusCode: number) {
            status = statusCode;
            return true;
          },
          onData(chunk: Buffer) {
            chunks.push(chunk);
            return true;
          },
          onComplete() {
            settled();
            const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8");
            resolve({ ok: status < 400, status, json: async () => JSON.parse(text) });
          },
          onError(error: Error) {
            settled();
            reject(error);
          },
        } as never,
      );
    });
  return {
    fetch: call as unknown as typeof fetch,
    close: () => dispatcher.close(),
  };
}

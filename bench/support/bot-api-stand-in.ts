/**
 * A lean Bot API stand-in over real HTTP for benchmarks: long polling (`getUpdates` with offset,
 * limit and timeout), POSTing updates to a webhook, and instant answers to everything else.
 * It keeps no chat state (the playground's emulator does that, at a cost a benchmark must not
 * measure): it only records when each callback query was answered, so a tap's latency is the
 * time from the update being offered to its `answerCallbackQuery` arriving here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

export interface StandIn {
  /** the TELEGRAM_API_ROOT to give the bot */
  apiRoot: string;
  token: string;
  /** offer updates: queued for getUpdates, or POSTed to the webhook when one is set */
  push(updates: Update[]): void;
  /** resolves when the callback query with this id is answered; the value is the answer's time (performance.now()) */
  answered(callbackQueryId: string): Promise<number>;
  calls: Map<string, number>;
  /** send updates by POST to these URLs, round-robin (as a load balancer would), instead of long polling */
  useWebhooks(urls: string[], secret: string): void;
  close(): Promise<void>;
}

const BOT = { id: 7000001, is_bot: true, first_name: "Yiqi bench", username: "yiqi_bench_bot" };

export async function startStandIn(token = "7000001:bench-token-bench-token-bench-token"): Promise<StandIn> {
  const queue: Update[] = [];
  let waiting: { offset: number; limit: number; respond: (updates: Update[]) => void } | null = null;
  const answers = new Map<string, number>();
  const answerWaiters = new Map<string, (at: number) => void>();
  const calls = new Map<string, number>();
  let messageId = 1000;
  let webhooks: { urls: string[]; secret: string; next: number } | null = null;

  const deliverWaiting = () => {
    if (!waiting) return;
    const ready = queue.filter((u) => u.update_id >= (waiting as { offset: number }).offset).slice(0, waiting.limit);
    if (ready.length === 0) return;
    const w = waiting;
    waiting = null;
    w.respond(ready);
  };

  const reply = (res: ServerResponse, result: unknown) => {
    const body = JSON.stringify({ ok: true, result });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = (method: string, params: Record<string, unknown>, res: ServerResponse) => {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    switch (method) {
      case "getMe":
        return reply(res, BOT);
      case "getUpdates": {
        const offset = Number(params.offset ?? 0);
        // confirmed updates leave the queue, as Telegram forgets them
        while (queue.length > 0 && (queue[0] as Update).update_id < offset) queue.shift();
        const limit = Math.min(100, Number(params.limit ?? 100));
        const timeout = Number(params.timeout ?? 0);
        const previous = waiting;
        waiting = null;
        previous?.respond([]);
        const mine = { offset, limit, respond: (updates: Update[]) => reply(res, updates) };
        waiting = mine;
        deliverWaiting();
        if (waiting === mine) {
          setTimeout(() => {
            if (waiting !== mine) return;
            waiting = null;
            mine.respond([]);
          }, Math.max(0, timeout) * 1000).unref();
        }
        return;
      }
      case "answerCallbackQuery": {
        const id = String(params.callback_query_id);
        const at = performance.now();
        answers.set(id, at);
        answerWaiters.get(id)?.(at);
        answerWaiters.delete(id);
        return reply(res, true);
      }
      case "sendMessage":
      case "editMessageText":
      case "editMessageReplyMarkup":
      case "sendDocument":
        return reply(res, {
          message_id: messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(params.chat_id ?? 0), type: "supergroup", title: "g" },
          text: typeof params.text === "string" ? params.text : "",
        });
      case "getChatMember":
        return reply(res, { status: "member", user: { id: Number(params.user_id), is_bot: false, first_name: "u" } });
      case "getChatAdministrators":
        return reply(res, []);
      default:
        return reply(res, true);
    }
  };

  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? "");
    if (!match || match[1] !== token) {
      res.writeHead(404).end();
      return;
    }
    const method = match[2] as string;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let params: Record<string, unknown> = {};
      const body = Buffer.concat(chunks).toString("utf8");
      if (body.length > 0 && (req.headers["content-type"] ?? "").includes("json")) {
        try {
          params = JSON.parse(body) as Record<string, unknown>;
        } catch {
          params = {};
        }
      }
      handle(method, params, res);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const post = async (update: Update) => {
    if (!webhooks) return;
    const url = webhooks.urls[webhooks.next++ % webhooks.urls.length] as string;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": webhooks.secret },
          body: JSON.stringify(update),
        });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // retried, as Telegram retries a webhook that did not answer 2xx
      }
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    push(updates) {
      if (webhooks) {
        for (const u of updates) void post(u);
        return;
      }
      queue.push(...updates);
      deliverWaiting();
    },
    answered(id) {
      const at = answers.get(id);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => answerWaiters.set(id, resolve));
    },
    useWebhooks(urls, secret) {
      webhooks = { urls, secret, next: 0 };
    },
    async close() {
      const last = waiting;
      waiting = null;
      last?.respond([]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { BOT as STAND_IN_BOT };

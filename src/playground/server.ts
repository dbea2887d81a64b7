import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Locale } from "../config/config.ts";
import type { Translator } from "../i18n/translator.ts";
import type { Logger } from "../log.ts";
import { pageLabels } from "./labels.ts";
import { messageView } from "./render.ts";
import type { Session } from "./session.ts";

const HOUR_MS = 3_600_000;
const page = (name: string) => readFileSync(new URL(`page/${name}`, import.meta.url));
const ASSETS: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
  "/style.css": ["style.css", "text/css; charset=utf-8"],
};

class BadRequest extends Error {}

export interface PlaygroundDeps {
  /** the current session; replaced on reset */
  session: () => Session;
  reset: () => Promise<void>;
  translator: Translator;
  logger: Logger;
}

/** The page, its data as JSON, the actions (send, press, time travel, reset) and a server-sent event stream. */
export class PlaygroundServer {
  private readonly server: Server;
  private readonly streams = new Set<ServerResponse>();
  private unsubscribe: (() => void) | null = null;
  private pending: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PlaygroundDeps) {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        const status = error instanceof BadRequest ? 400 : 500;
        if (status === 500) deps.logger.error({ err: error }, "playground request failed");
        if (!response.headersSent)
          json(response, { error: error instanceof Error ? error.message : String(error) }, status);
      });
    });
    this.watch();
  }

  listen(port: number, host = "127.0.0.1"): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve(`http://${host}:${(this.server.address() as AddressInfo).port}`));
    });
  }

  close(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    this.unsubscribe?.();
    for (const stream of this.streams) stream.end();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Tells every open page that something changed (at most every 60 ms). */
  private watch(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.deps.session().fake.onChange(() => this.push());
  }

  private push(): void {
    this.pending ??= setTimeout(() => {
      this.pending = null;
      for (const stream of this.streams) stream.write("data: changed\n\n");
    }, 60);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const asset = ASSETS[url.pathname];
    if (asset && request.method === "GET") {
      response.writeHead(200, { "content-type": asset[1], "cache-control": "no-store" }).end(page(asset[0]));
      return;
    }
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /api/events") return this.stream(response);
    if (route === "GET /api/labels") return json(response, this.labels(url.searchParams.get("lang")));
    if (route === "GET /api/state") return json(response, this.state(url.searchParams));
    if (route === "GET /api/file") return this.file(url.searchParams, response);
    if (request.method !== "POST") return json(response, { error: "not found" }, 404);
    const body = await readJson(request);
    if (route === "POST /api/send") return json(response, this.send(body));
    if (route === "POST /api/press") return json(response, await this.press(body));
    if (route === "POST /api/travel") return json(response, await this.exclusive(() => this.travel(body)));
    if (route === "POST /api/reset") return json(response, await this.exclusive(() => this.reset()));
    json(response, { error: "not found" }, 404);
  }

  private stream(response: ServerResponse): void {
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    response.write("data: hello\n\n");
    this.streams.add(response);
    response.on("close", () => this.streams.delete(response));
  }

  private labels(lang: string | null) {
    const locale: Locale = this.deps.translator.negotiate(lang ?? undefined);
    return { locale, labels: pageLabels(this.deps.translator.for(locale)) };
  }

  private state(params: URLSearchParams) {
    const session = this.deps.session();
    const { fake, demo, clock } = session;
    const personas = demo.personas.map((p) => ({
      key: p.key,
      id: p.user.id,
      name: p.user.user.first_name,
      language: p.user.user.language_code ?? "zh-CN",
    }));
    const viewer = demo.personas.find((p) => String(p.user.id) === params.get("persona")) ?? demo.personas[0];
    if (!viewer) throw new Error("no personas");
    const byKind = (chat: { type: string }) => (chat.type === "private" ? 1 : 0);
    const ordered = fake.view.chatsOf(viewer.user.id).sort((a, b) => byKind(a) - byKind(b));
    const chats = ordered.map((chat) => ({
      id: chat.id,
      type: chat.type,
      title: chat.type === "private" ? null : chat.title,
      last: fake.view.messages(chat.id).at(-1)?.text?.slice(0, 60) ?? "",
    }));
    const chatId = Number(params.get("chat"));
    const forceReplies = fake.view.forceReplies();
    const messages = fake.view.canSee(viewer.user.id, chatId)
      ? fake.view.messages(chatId).map((m) => messageView(m, forceReplies))
      : [];
    return {
      bot: fake.bot.first_name,
      now: clock.now().toISOString(),
      personas,
      persona: viewer.user.id,
      chats,
      messages,
    };
  }

  private persona(body: Record<string, unknown>) {
    const persona = this.deps.session().demo.personas.find((p) => p.user.id === body["persona"]);
    if (!persona) throw new BadRequest("unknown persona");
    return persona.user;
  }

  private send(body: Record<string, unknown>) {
    const user = this.persona(body);
    const text = typeof body["text"] === "string" ? body["text"].trim() : "";
    const chat = Number(body["chat"]);
    if (text === "" || text.length > 4096) throw new BadRequest("a message is 1 to 4096 characters");
    const { fake } = this.deps.session();
    if (!fake.view.canSee(user.id, chat)) throw new BadRequest("not in this chat");
    const replyTo = fake.view.messages(chat).find((m) => m.message_id === body["replyTo"]);
    const sent = user.send(chat, text, replyTo ? { replyTo } : {});
    return { id: sent.message_id };
  }

  /** Presses a button and waits for the bot's answer: the toast, the alert, or a URL to open. */
  private async press(body: Record<string, unknown>) {
    const user = this.persona(body);
    const { fake } = this.deps.session();
    const chat = Number(body["chat"]);
    const message = fake.view.messages(chat).find((m) => m.message_id === body["message"]);
    if (!message || !fake.view.canSee(user.id, chat)) throw new BadRequest("no such message");
    if (typeof body["data"] !== "string") throw new BadRequest("a button has callback data");
    const id = user.pressData(message, body["data"]);
    const answer = await fake
      .waitFor(() => fake.answers(id)[0], { timeoutMs: 10_000 })
      .catch(() => ({}) as Record<string, unknown>);
    return { text: answer["text"] ?? null, alert: answer["show_alert"] === true, url: answer["url"] ?? null };
  }

  private async travel(body: Record<string, unknown>) {
    const hours = body["hours"];
    if (hours !== 1 && hours !== 24) throw new BadRequest("travel 1 or 24 hours");
    await this.deps.session().advance(hours * HOUR_MS);
    return { now: this.deps.session().clock.now().toISOString() };
  }

  private async reset() {
    await this.deps.reset();
    this.watch();
    this.push();
    return { ok: true };
  }

  /** Time travel and reset one at a time. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.busy.then(work, work);
    this.busy = run.catch(() => undefined);
    return run;
  }

  private file(params: URLSearchParams, response: ServerResponse): void {
    const file = this.deps.session().fake.view.file(params.get("id") ?? "");
    if (!file) {
      json(response, { error: "no such file" }, 404);
      return;
    }
    const name = encodeURIComponent(file.filename);
    response
      .writeHead(200, {
        "content-type": file.contentType ?? (file.filename.endsWith(".png") ? "image/png" : "application/octet-stream"),
        "content-disposition": `attachment; filename*=UTF-8''${name}`,
      })
      .end(file.data);
  }
}

function json(response: ServerResponse, value: unknown, status = 200): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64_000) throw new BadRequest("request too large");
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new BadRequest("the body must be a JSON object");
}

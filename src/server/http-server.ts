/**
 * The HTTP side of an instance, on plain `node:http` (four routes need no framework; grammY's own "http"
 * adapter reads the update and checks the secret): the webhook Telegram posts updates to, and the
 * endpoints an orchestrator or load balancer probes — `/healthz` (the process runs), `/readyz` (the
 * database answers and the bot is initialised) and `/metrics` (Prometheus text format).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../log.ts";
import type { Metrics } from "./metrics.ts";

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  host: string;
  port: number;
  logger: Logger;
  metrics: Metrics;
  /** ready to take traffic: the database answers and the bot is initialised */
  ready: () => Promise<boolean>;
  /** webhook mode: POSTs to this path are updates */
  webhook?: { path: string; handle: RequestHandler };
}

/** Telegram's updates are small; anything far bigger is not one of them. */
const MAX_UPDATE_BYTES = 1 << 20;

export class HttpServer {
  private readonly server: Server;

  constructor(private readonly options: HttpServerOptions) {
    this.server = createServer((request, response) => {
      void this.route(request, response).catch((error: unknown) => {
        options.logger.error({ err: error, url: request.url }, "HTTP request failed");
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end("internal error\n");
      });
    });
    // Telegram keeps webhook connections open; let them idle a while rather than reconnecting every update
    this.server.keepAliveTimeout = 65_000;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
  }

  /** The port actually listened on (PORT=0 picks a free one, for tests). */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops taking connections; requests in flight finish first (their updates are handled, then answered). */
  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.server.closeAllConnections(), 3000);
      force.unref();
      const idle = setInterval(() => this.server.closeIdleConnections(), 100);
      this.server.close(() => {
        clearTimeout(force);
        clearInterval(idle);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const { webhook } = this.options;
    if (webhook && path === webhook.path) {
      if (request.method !== "POST") return plain(response, 405, "POST only\n", { allow: "POST" });
      if (Number(request.headers["content-length"] ?? 0) > MAX_UPDATE_BYTES) return plain(response, 413, "too large\n");
      return webhook.handle(request, response);
    }
    if (request.method !== "GET" && request.method !== "HEAD") return plain(response, 405, "GET only\n");
    switch (path) {
      case "/healthz":
        return plain(response, 200, "ok\n");
      case "/readyz": {
        const ready = await this.options.ready().catch(() => false);
        return plain(response, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
      }
      case "/metrics": {
        const text = await this.options.metrics.text();
        response.writeHead(200, { "content-type": this.options.metrics.contentType }).end(text);
        return;
      }
      default:
        return plain(response, 404, "not found\n");
    }
  }
}

function plain(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers }).end(body);
}

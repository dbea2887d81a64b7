import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiHttp } from "../../src/bot/bot-api-fetch.ts";
import { classifyFailure } from "../../src/delivery/failures.ts";

describe("the Bot API's HTTP client (undici's dispatcher under grammY)", () => {
  const http = botApiHttp();
  let server: Server;
  let root = "";
  const bodies: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        bodies.push(body);
        if (request.url?.endsWith("/never")) return; // no answer: the caller must give up
        const answer = request.url?.endsWith("/refused")
          ? { status: 400, json: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' }
          : { status: 200, json: `{"ok":true,"result":${JSON.stringify(body)}}` };
        response.writeHead(answer.status, { "content-type": "application/json" });
        response.end(answer.json);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await http.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string, body: string, signal?: AbortSignal) =>
    http.fetch(`${root}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      ...(signal ? { signal } : {}),
    });

  it("sends the JSON body and reads the answer, Chinese included, over kept-alive connections", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post("/bot1:x/answerCallbackQuery", `{"text":"已报名 ✅ ${i}"}`)),
    );
    for (const [i, answer] of answers.entries()) {
      expect(answer.ok).toBe(true);
      expect(await answer.json()).toEqual({ ok: true, result: `{"text":"已报名 ✅ ${i}"}` });
    }
  });

  it("an error answer is read like any other (grammY turns it into its GrammyError)", async () => {
    const answer = await post("/bot1:x/refused", "{}");
    expect(answer.ok).toBe(false);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error_code: 400 });
  });

  it("a call nobody answers ends when its signal aborts (grammY's timeout), not later", async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error("timed out")), 100);
    await expect(post("/bot1:x/never", "{}", controller.signal)).rejects.toThrow("timed out");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a refused connection is an error the sender knows was never sent", async () => {
    const error = await http
      .fetch("http://127.0.0.1:1/bot1:x/sendMessage", { method: "POST", body: "{}" })
      .catch((e: unknown) => e);
    expect(classifyFailure(error)).toMatchObject({ kind: "not-sent" });
  });
});

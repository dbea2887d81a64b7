/**
 * The HTTP client under grammY's Bot API calls: grammY's default (node-fetch) against Yiqi's
 * (undici's dispatcher, src/bot/bot-api-fetch.ts), each making the same answerCallbackQuery calls
 * through a grammY `Api` against a local HTTP server run in a child process, so the figure is the
 * client's own CPU per call.
 *
 *   npx tsx bench/bot-api-client.ts [--calls 20000] [--concurrency 50]
 */
import { fork } from "node:child_process";
import { Api } from "grammy";
import { botApiHttp } from "../src/bot/bot-api-fetch.ts";
import { benchArgs } from "./args.ts";

if (process.argv[2] === "--serve") {
  const { createServer } = await import("node:http");
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body = '{"ok":true,"result":true}';
      response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.((server.address() as { port: number }).port));
} else {
  const args = benchArgs();
  const calls = Number(args.get("calls") ?? 20_000);
  const concurrency = Number(args.get("concurrency") ?? 50);
  const server = fork(new URL(import.meta.url).pathname, ["--serve"], { execArgv: ["--import", "tsx"] });
  const port = await new Promise<number>((resolve) => server.once("message", (m) => resolve(Number(m))));
  const apiRoot = `http://127.0.0.1:${port}`;
  const token = "7000001:bench-token-bench-token-bench-token";

  async function round(api: Api, n: number): Promise<{ cpuUs: number; perSecond: number }> {
    let started = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started < n) {
          started += 1;
          await api.answerCallbackQuery(`q${started}`, { text: "已报名 ✅ 你是第 3 位" });
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    return { cpuUs: (cpu.user + cpu.system) / n, perSecond: n / ((performance.now() - t0) / 1000) };
  }

  const yiqi = botApiHttp();
  const clients: [string, Api][] = [
    ["grammY's default (node-fetch)", new Api(token, { apiRoot })],
    ["Yiqi's (undici dispatcher)", new Api(token, { apiRoot, fetch: yiqi.fetch })],
  ];
  console.log(`bot-api-client: ${calls} answerCallbackQuery calls, ${concurrency} in flight, local HTTP server`);
  for (const [label, api] of [...clients, ...clients]) {
    await round(api, Math.min(3000, calls)); // warm-up
    const { cpuUs, perSecond } = await round(api, calls);
    console.log(`  ${label}: ${cpuUs.toFixed(1)} µs CPU per call, ${perSecond.toFixed(0)} calls/s`);
  }
  await yiqi.close();
  server.kill();
}

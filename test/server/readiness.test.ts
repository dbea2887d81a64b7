import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PrivatePostgres, privatePostgresAvailable, startPrivatePostgres } from "../faults/private-postgres.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram/index.ts";
import { type Instance, startInstance, stopInstance } from "./instances.ts";

async function statusOf(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// A private PostgreSQL cluster (never the shared server) that the test stops and starts under a running instance.
describe.skipIf(!privatePostgresAvailable)("/readyz follows the database", () => {
  let pg: PrivatePostgres;
  let fake: FakeTelegram;
  let instance: Instance;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    fake = await startFakeTelegram();
    instance = await startInstance({ fake, databaseUrl: pg.url, name: "ready" });
    fake.spreadWebhook([instance.url]);
  }, 120_000);
  afterAll(async () => {
    if (instance) await stopInstance(instance);
    await fake?.close();
    pg?.destroy();
  }, 60_000);

  it("is 200 while the database answers, 503 while it is down, 200 again after; /healthz stays 200", async () => {
    const base = `http://127.0.0.1:${instance.port}`;
    expect(await statusOf(`${base}/readyz`)).toBe(200);
    pg.stop();
    await until(async () => (await statusOf(`${base}/readyz`)) === 503, 15_000);
    expect(await statusOf(`${base}/healthz`)).toBe(200);
    pg.start();
    await until(async () => (await statusOf(`${base}/readyz`)) === 200, 30_000);
    // and it handles updates again
    const ann = fake.user({ first_name: "Ann", language_code: "en" });
    ann.sendPrivate("/help");
    await fake.waitFor(() => fake.calls("sendMessage").some((c) => c.params["chat_id"] === ann.id) || undefined, {
      timeoutMs: 30_000,
    });
  }, 120_000);
});

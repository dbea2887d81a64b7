import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.ts";
import { REDACTED, redactSecrets } from "../../src/redact.ts";
import { press, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/** Every log line of a run (at trace level), the stored errors and the messages users see: never the token. */
describe("the bot token never leaks", () => {
  let h: Harness;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("trace", { destination: sink, pretty: false });
    h = await startHarness({ app: { now: () => now, logger } });
  });
  afterAll(() => h?.stop());

  it("not in any log line, even when Bot API calls fail with the request URL in the error", async () => {
    const token = h.fake.token;
    const admin = h.fake.user({ first_name: "王芳" });
    const member = h.fake.user({ first_name: "李雷" });
    const group = h.fake.group({ title: "令牌群", creator: admin, members: [member] });
    await sendAndWait(h.fake, admin, group, "/setup new 令牌协会 | 组织 | - | Asia/Shanghai");
    const card = await sendAndWait(h.fake, admin, group, "/newevent 令牌活动 | 6月28日 | 广场 | 5");
    await press(h.fake, member, card, "✅ 报名");
    // a network error (grammY's HttpError wraps the fetch error, whose message names the URL with the token)
    h.fake.disconnectNext("sendMessage");
    member.send(group, "/events");
    // an error answer whose description quotes the token
    h.fake.failNext("sendMessage", 500, { description: `Internal error at /bot${token}/sendMessage` });
    member.send(group, "/events");
    await sendAndWait(h.fake, member, group, "/events");
    h.app.logger.error({ err: new Error(`request to ${h.fake.apiRoot}/bot${token}/getMe failed`) }, "direct");
    h.app.logger.flush();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.some((l) => l.includes(REDACTED))).toBe(true);
    const leaked = lines.filter((l) => l.includes(token) || l.includes(token.split(":")[1] ?? token));
    expect(leaked).toEqual([]);
    // nothing the users were sent names it either
    for (const chat of [group.id, admin.id, member.id]) {
      expect(h.fake.sent(chat).some((m) => m.text?.includes(token))).toBe(false);
    }
  });

  it("not in a stored lastError", async () => {
    const token = h.fake.token;
    const prisma = h.app.services.database.prisma;
    const row = await prisma.delivery.create({
      data: { key: "test:redaction", kind: "promotion", chatId: 1n, payload: "{}", dueAt: now },
    });
    await h.app.services.outbox.finish(row.id, "failed", `request to https://api.telegram.org/bot${token}/x failed`);
    const stored = await prisma.delivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.lastError).toBe(`request to https://api.telegram.org/bot${REDACTED}/x failed`);
  });

  it("anything shaped like a bot token is redacted too", () => {
    expect(redactSecrets("bot123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0/getMe")).toBe(`bot${REDACTED}/getMe`);
  });
});

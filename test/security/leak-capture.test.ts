import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { press, sendAndWait } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { drainLeaks, leakReport, scan } from "../support/log-capture.ts";

// Monday 1 June 2026, 10:00 in Shanghai.
const now = new Date("2026-06-01T02:00:00Z");

/**
 * The suite-wide token check (test/support/log-capture.ts, checked after every file by leak-check.ts): each
 * harness has its own token, its app logs at trace level through the production logger into the capture, and
 * the outbox's errors and everything users were shown are scanned when it stops.
 */
describe("every log line of the suite is searched for the harness's token", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ app: { now: () => now } });
  });
  afterAll(() => h?.stop());

  it("each harness has a fresh token of the known shape", async () => {
    expect(h.fake.token).toMatch(/^\d+:AAtest[A-Za-z0-9_-]{40}$/);
    const other = await startHarness({ start: false });
    try {
      expect(other.fake.token).not.toBe(h.fake.token);
    } finally {
      await other.stop();
    }
  });

  it("the app's log lines reach the capture, errors that carry the request URL included, and none names the token", async () => {
    const before = leakReport();
    const admin = h.fake.user({ first_name: "王芳" });
    const member = h.fake.user({ first_name: "李雷" });
    const group = h.fake.group({ title: "令牌群", creator: admin, members: [member] });
    await sendAndWait(h.fake, admin, group, "/setup new 令牌协会 | 组织 | - | Asia/Shanghai");
    const card = await sendAndWait(h.fake, admin, group, "/newevent 令牌活动 | 6月28日 | 广场 | 5");
    await press(h.fake, member, card, "✅ 报名");
    // a lost connection (grammY's HttpError wraps the client's error, which may name the URL) and an error
    // answer that quotes the token
    h.fake.disconnectNext("sendMessage");
    member.send(group, "/events");
    h.fake.failNext("sendMessage", 500, { description: `Internal error at /bot${h.fake.token}/sendMessage` });
    member.send(group, "/events");
    await sendAndWait(h.fake, member, group, "/events");
    // a stored error with the token in it goes through the outbox's redaction
    const row = await h.app.services.database.prisma.delivery.create({
      data: { key: "test:leak-capture", kind: "promotion", chatId: 1n, payload: "{}", dueAt: now },
    });
    await h.app.services.outbox.finish(row.id, "failed", `request to /bot${h.fake.token}/x failed`);
    h.app.logger.flush();
    // the failed sendMessage was logged with the quoted token already replaced (the line may reach the
    // capture a moment after the next reply)
    await vi.waitFor(() => expect(leakReport().redacted).toBeGreaterThan(before.redacted), { timeout: 5000 });
    const after = leakReport();
    expect(after.scanned).toBeGreaterThan(before.scanned);
    expect(after.leaks).toEqual([]);
  });

  it("a line with the token is caught (the check is not blind)", () => {
    scan("probe", [`{"msg":"request to /bot${h.fake.token}/getMe failed"}`]);
    scan("probe", [`{"msg":"secret half ${h.fake.token.split(":")[1]}"}`]);
    expect(drainLeaks()).toHaveLength(2);
  });
});

/**
 * Finding 1 of issue 9: on a full disk, a sign-up whose commit failed was toasted as "已报名 ✅" and lost.
 * The database lives on its own small tmpfs (needs root to mount; skipped otherwise), which a filler file fills.
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOf } from "../support/chat.ts";
import { type Harness, startHarness } from "../support/harness.ts";
import { seedEventCard } from "./support.ts";

function mountTmpfs(sizeMb: number): string | null {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-full-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmdirSync(dir);
    return null;
  }
}

/** Writes zeros into `path` until the file system says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(16 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
}

const mount = mountTmpfs(3);

describe.skipIf(mount === null)("a full disk under SQLite", () => {
  const dir = mount ?? "";
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      env: { DATABASE_URL: `file:${join(dir, "yiqi.db")}` },
      app: { now: () => new Date("2026-06-01T02:00:00Z") },
    });
  });
  afterAll(async () => {
    await h?.stop().catch(() => undefined);
    execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  });

  it("toasts success only for sign-ups that were stored; the rest get the error toast and work once space is back", async () => {
    const members = Array.from({ length: 23 }, (_, i) => h.fake.user({ first_name: `m${i}` }));
    const { card, eventId } = await seedEventCard(h, { capacity: null, members });
    const db = h.app.services.database.prisma;
    const filler = join(dir, "filler");
    fillDisk(filler);

    const toasts: string[] = [];
    for (const m of members) toasts.push((await answerOf(h.fake, m.press(card, "✅ 报名"))).text ?? "");
    rmSync(filler);

    const stored = new Set((await db.signup.findMany({ where: { eventId } })).map((s) => Number(s.userId)));
    const toldIn = members.filter((_, i) => toasts[i] === "已报名 ✅").map((m) => m.id);
    expect(toldIn.filter((id) => !stored.has(id))).toEqual([]); // nobody was told "in" without a stored row
    expect(toasts.filter((t) => t !== "已报名 ✅").every((t) => t === "抱歉，处理时出了点问题，请稍后再试。")).toBe(
      true,
    );

    // with space again, everyone who was refused can sign up
    for (const m of members.filter((m) => !stored.has(m.id))) {
      expect((await answerOf(h.fake, m.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    }
    expect(await db.signup.count({ where: { eventId, status: "confirmed" } })).toBe(members.length);
  });

  it('taps that arrive together share a commit: when it fails, none of them is told "in", and all work once space is back', async () => {
    const members = Array.from({ length: 12 }, (_, i) => h.fake.user({ first_name: `together${i}` }));
    const { card, eventId } = await seedEventCard(h, { capacity: null, members });
    const db = h.app.services.database.prisma;
    const filler = join(dir, "filler");
    fillDisk(filler);

    const toasts = await Promise.all(members.map(async (m) => (await answerOf(h.fake, m.press(card, "✅ 报名"))).text));
    rmSync(filler);

    const stored = new Set((await db.signup.findMany({ where: { eventId } })).map((s) => Number(s.userId)));
    const toldIn = members.filter((_, i) => toasts[i] === "已报名 ✅").map((m) => m.id);
    expect(toldIn.filter((id) => !stored.has(id))).toEqual([]);
    expect(toasts.filter((t) => t !== "已报名 ✅").length).toBeGreaterThan(0); // the disk really was full
    for (const m of members.filter((m) => !stored.has(m.id))) {
      expect((await answerOf(h.fake, m.press(card, "✅ 报名"))).text).toBe("已报名 ✅");
    }
    expect(await db.signup.count({ where: { eventId, status: "confirmed" } })).toBe(members.length);
  });
});

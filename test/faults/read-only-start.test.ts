/**
 * Issue 9, "Also": starting on a read-only database (or a full disk) said "unable to open database file".
 * The real process is started on a database in a read-only file system (a tmpfs mounted read-only: as root,
 * file modes alone do not stop writes; skipped where it cannot be mounted) and must say so in one line.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_BOT_TOKEN } from "../support/fake-telegram/index.ts";

function mountReadOnly(): string | null {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-ro-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir], { stdio: "ignore" });
    return dir;
  } catch {
    rmdirSync(dir);
    return null;
  }
}

const mount = mountReadOnly();

describe.skipIf(mount === null)("starting on a database that cannot be written", () => {
  const dir = mount ?? "";
  afterAll(() => {
    execFileSync("umount", ["-l", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  });

  it("a read-only file system: one clear line and a non-zero exit", () => {
    const path = join(dir, "data", "yiqi.db");
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        BOT_TOKEN: TEST_BOT_TOKEN,
        DATABASE_URL: `file:${path}`,
        TELEGRAM_API_ROOT: "http://127.0.0.1:1",
        LOG_LEVEL: "silent",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    const lines = run.stderr.trim().split("\n");
    expect(lines).toEqual([`Yiqi cannot start: cannot write ${path}: read-only file system`]);
    expect(run.stderr).not.toContain("unable to open database file");
  });
});

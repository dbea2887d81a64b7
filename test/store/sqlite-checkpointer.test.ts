import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteCheckpointer } from "../../src/store/sqlite-checkpointer.ts";

/** Waits for a condition (polling); fails after `ms`. Not a timing assertion: it only bounds the wait. */
async function until(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("SqliteCheckpointer", () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  let checkpointer: SqliteCheckpointer | undefined;
  const frames: number[] = [];
  const errors: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "yiqi-checkpointer-"));
    db = new BetterSqlite3(join(dir, "test.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0"); // only the checkpointer copies the log here
    db.exec("CREATE TABLE t (x TEXT)");
    frames.length = 0;
    errors.length = 0;
  });

  afterEach(async () => {
    await checkpointer?.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    new SqliteCheckpointer(join(dir, "test.db"), (m) => errors.push(m), {
      intervalMs: 20,
      idleMs: 200,
      onCheckpoint: (n) => frames.push(n),
    });
  const write = () => db.prepare("INSERT INTO t VALUES (?)").run("x".repeat(5000));

  it("has no worker thread while the log is not written (what was written before it started included)", async () => {
    write();
    checkpointer = start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(checkpointer.running).toBe(false);
    expect(frames).toEqual([]);
  });

  it("starts a worker when the log is written, checkpoints it, and lets the worker go once writes stop", async () => {
    checkpointer = start();
    await new Promise((resolve) => setTimeout(resolve, 60)); // the first look
    write();
    await until("a checkpoint copied the write", () => frames.some((n) => n > 0)); // (made by a worker)
    await until("the idle worker exited", () => checkpointer?.running === false);

    // a later write brings a worker back
    const before = frames.length;
    write();
    await until("a checkpoint after the second write", () => frames.slice(before).some((n) => n > 0));
    expect(errors).toEqual([]);
  });

  it("checkpoints once more when stopped with a worker running", async () => {
    checkpointer = start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    write();
    await until("a worker runs", () => checkpointer?.running === true);
    const before = frames.length;
    await checkpointer.stop();
    expect(checkpointer.running).toBe(false);
    expect(frames.length).toBeGreaterThan(before);
  });
});

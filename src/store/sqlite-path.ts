import { closeSync, mkdirSync, openSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** `file:./data/yiqi.db` → absolute path, creating its folder. */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  const path = resolve(raw);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

const REASONS: Record<string, string> = {
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
};

/**
 * Why Yiqi could not write its SQLite database at `url` (its folder, the file, and room for the journal), as
 * one line for the operator — "cannot write ./data/yiqi.db: read-only file system" — or null when it can.
 * SQLite itself would only say "unable to open database file".
 */
export function sqliteWriteProblem(url: string): string | null {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return null;
  const path = resolve(raw);
  const probe = join(dirname(path), `.yiqi-write-check-${process.pid}`);
  try {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      // a recursive mkdir on a read-only file system reports ENOENT: the plain one says why
      mkdirSync(dirname(path));
      throw error;
    }
    closeSync(openSync(path, "a")); // the file itself (created if missing)
    writeFileSync(probe, Buffer.alloc(4096)); // the folder (SQLite's journal and WAL live beside the file)
    unlinkSync(probe);
    return null;
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
    try {
      unlinkSync(probe);
    } catch {
      // never written
    }
    return `cannot write ${raw}: ${reason}`;
  }
}

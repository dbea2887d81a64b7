import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** `file:./data/yiqi.db` → absolute path, creating its folder. */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:") return raw;
  const path = resolve(raw);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

import { existsSync, readFileSync } from "node:fs";
import { parse } from "dotenv";

/** The process environment merged over `.env` (when present); the real environment wins. */
export function loadEnv(path = ".env", env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const fromFile = existsSync(path) ? parse(readFileSync(path)) : {};
  return { ...fromFile, ...env };
}

import type { DatabaseKind } from "../src/store/database.ts";

/** `--name value` pairs from the command line. */
export function benchArgs(argv: string[] = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (name !== undefined) args.set(name.replace(/^--/, ""), argv[i + 1] ?? "");
  }
  return args;
}

/** `--db sqlite|postgresql|both` (default both). */
export function benchDatabases(arg: string | undefined): DatabaseKind[] {
  switch (arg ?? "both") {
    case "both":
      return ["sqlite", "postgresql"];
    case "sqlite":
      return ["sqlite"];
    case "postgresql":
      return ["postgresql"];
    default:
      throw new Error(`--db must be sqlite, postgresql or both, not "${arg}"`);
  }
}

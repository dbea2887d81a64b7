// Derives the PostgreSQL copy of the Prisma schema from prisma/schema.prisma
// and generates one Prisma client per provider (src/generated/{sqlite,postgresql}).
// Runs on `npm install` (postinstall) and as `npm run db:generate`. Offline:
// the `prisma-client` generator with engineType "client" needs no engine download.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "prisma", "schema.prisma");
const pgSchema = join(root, "prisma", "postgresql", "schema.prisma");

export function derivePostgresSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"');
  if (out === text || !out.includes('"postgresql"') || !out.includes("generated/postgresql")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider/output lines changed?)");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs — do not edit.\n${out}`;
}

function main() {
  mkdirSync(dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, derivePostgresSchema(readFileSync(source, "utf8")));
  const prisma = join(root, "node_modules", "prisma", "build", "index.js");
  // The schema's `url = env("DATABASE_URL")` must resolve for the CLI to read
  // the schema (otherwise it falls back to downloading a native engine); the
  // value is never used to connect here.
  const targets = [
    { schema: source, provider: "sqlite", url: "file:./data/generate.db" },
    { schema: pgSchema, provider: "postgresql", url: "postgresql://localhost/generate" },
  ];
  for (const { schema, provider, url } of targets) {
    execFileSync(process.execPath, [prisma, "generate", "--schema", schema], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: url,
        YIQI_PRISMA_PROVIDER: provider,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

// Writes the SQL that takes each provider's migrations to the current schema
// as a new migration folder: `npm run db:new-migration -- <name>`.
// Uses `prisma migrate diff` between the previous schema state (reconstructed
// from a scratch database the migrations are applied to) and prisma/schema.prisma.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;
const prisma = join("node_modules", "prisma", "build", "index.js");
const targets = [
  { provider: "sqlite", schema: "prisma/schema.prisma", url: "file:./data/generate.db" },
  {
    provider: "postgresql",
    schema: "prisma/postgresql/schema.prisma",
    url: process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  },
];
execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
for (const t of targets) {
  const from = process.env[`FROM_SCHEMA_${t.provider.toUpperCase()}`];
  if (!from) {
    console.error(
      `set FROM_SCHEMA_${t.provider.toUpperCase()} to the previous schema file (git show HEAD:prisma/schema.prisma > old.prisma)`,
    );
    process.exit(1);
  }
  const sql = execFileSync(
    process.execPath,
    [prisma, "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", t.schema, "--script"],
    { env: { ...process.env, DATABASE_URL: t.url, YIQI_PRISMA_PROVIDER: t.provider } },
  ).toString();
  const dir = join("prisma", "migrations", t.provider, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  console.log(`wrote ${dir}/migration.sql`);
}

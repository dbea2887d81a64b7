// Prisma CLI configuration. `engine: "js"` keeps the CLI on the JavaScript
// schema engine with a driver adapter, so generate and `migrate diff` work
// offline (no engine binary download). YIQI_PRISMA_PROVIDER selects which
// provider's schema and migrations the CLI works on (default: sqlite).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

const provider = process.env.YIQI_PRISMA_PROVIDER === "postgresql" ? "postgresql" : "sqlite";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: `prisma/migrations/${provider}` },
  async adapter() {
    if (provider === "postgresql") {
      return new PrismaPg({ connectionString: url ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
    }
    return new PrismaBetterSQLite3({ url: url ?? "file:./data/yiqi.db" });
  },
});

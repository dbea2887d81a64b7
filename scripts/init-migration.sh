#!/usr/bin/env bash
# Regenerates the initial migration of both providers from prisma/schema.prisma.
# Only for a schema that has never been released; afterwards use db:new-migration.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/prisma-generate.mjs >/dev/null
P="node node_modules/prisma/build/index.js"
DATABASE_URL=file:./data/generate.db $P migrate diff --from-empty --to-schema-datamodel prisma/schema.prisma --script \
  > prisma/migrations/sqlite/20261128000000_init/migration.sql
YIQI_PRISMA_PROVIDER=postgresql DATABASE_URL=${PG_URL:-postgresql://postgres@127.0.0.1:5432/postgres} $P migrate diff --from-empty \
  --to-schema-datamodel prisma/postgresql/schema.prisma --script > prisma/migrations/postgresql/20261128000000_init/migration.sql

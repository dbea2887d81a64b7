import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { migrate } from "../../src/store/migrator.ts";
import { createThrowawayDatabase, databaseKinds } from "../support/databases.ts";

const migrations = join(import.meta.dirname, "..", "..", "prisma", "migrations");
const CLOSURE_MIGRATION = "20261201184843";

describe.each(databaseKinds)("the closure table's migration back-fills an existing tree, on %s", (kind) => {
  it("gives every organisation already there its chain up to the city", async () => {
    const throwaway = await createThrowawayDatabase(kind);
    // the migrations before the closure table, as a database made before it has them
    const before = mkdtempSync(join(tmpdir(), "yiqi-migrations-"));
    cpSync(migrations, before, {
      recursive: true,
      // folders are named <timestamp>_<name>: keep those older than the closure table's
      filter: (src) => {
        const folder = /(\d{14})_\w+/.exec(src)?.[1];
        return folder === undefined || folder < CLOSURE_MIGRATION;
      },
    });
    try {
      await migrate(throwaway.url, before);
      const old = await openDatabase(throwaway.url);
      const add = async (id: number, parentId: number | null) => {
        await old.prisma.organisation.create({ data: { id, name: `org ${id}`, parentId, joinCode: `CODE${id}` } });
      };
      await add(1, null);
      await add(2, 1);
      await add(3, 2);
      await add(4, 3);
      await add(5, 1);
      await add(6, null);
      await old.close();

      await migrate(throwaway.url);
      const db = await openDatabase(throwaway.url);
      try {
        const rows = await db.prisma.organisationAncestor.findMany({
          orderBy: [{ descendantId: "asc" }, { depth: "asc" }],
        });
        expect(rows.map((r) => [r.descendantId, r.ancestorId, r.depth])).toEqual([
          [1, 1, 0],
          [2, 2, 0],
          [2, 1, 1],
          [3, 3, 0],
          [3, 2, 1],
          [3, 1, 2],
          [4, 4, 0],
          [4, 3, 1],
          [4, 2, 2],
          [4, 1, 3],
          [5, 5, 0],
          [5, 1, 1],
          [6, 6, 0],
        ]);
      } finally {
        await db.close();
      }
    } finally {
      rmSync(before, { recursive: true, force: true });
      await throwaway.drop();
    }
  });
});

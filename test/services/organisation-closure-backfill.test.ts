import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { migrate } from "../../src/store/migrator.ts";
import { createThrowawayDatabase, databaseKinds } from "../support/databases.ts";

const migrations = join(import.meta.dirname, "..", "..", "prisma", "migrations");
const CLOSURE_MIGRATION = "20261201184843";

describe.each(databaseKinds)("the tree's migrations back-fill an existing tree, on %s", (kind) => {
  it("give every organisation already there its chain up to the city, and its district", async () => {
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
      // by hand: this version's client would also write the columns added since
      const add = async (
        id: number,
        parentId: number | null,
        orgKind: "city" | "district" | "street" | "organisation",
      ) => {
        await old.prisma
          .$executeRaw`INSERT INTO "Organisation" ("id", "name", "kind", "parentId", "joinCode", "updatedAt")
          VALUES (${id}, ${`org ${id}`}, ${old.dialect.enumValue("OrgKind", orgKind)}, ${parentId}, ${`CODE${id}`}, ${new Date()})`;
      };
      await add(1, null, "city");
      await add(2, 1, "district");
      await add(3, 2, "street");
      await add(4, 3, "organisation");
      await add(5, 1, "organisation");
      await add(6, null, "organisation");
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
        const districts = await db.prisma.organisation.findMany({ orderBy: { id: "asc" } });
        expect(districts.map((o) => [o.id, o.districtId])).toEqual([
          [1, null],
          [2, 2],
          [3, 2],
          [4, 2],
          [5, null],
          [6, null],
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

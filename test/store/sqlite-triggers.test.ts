import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/store/migrator.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/databases.ts";

/**
 * Prisma's SQLite migrations rebuild whole tables, which drops the triggers on them (and can leave a trigger whose
 * body names a rebuilt table behind): after every migration, the triggers the app relies on are all there.
 */
describe("SQLite triggers after all migrations", () => {
  let database: ThrowawayDatabase | undefined;
  afterAll(() => database?.drop());

  it("keeps the Signup triggers that mark an event's cards on an update or a delete (a new sign-up is marked by its writer)", async () => {
    database = await createThrowawayDatabase("sqlite");
    await migrate(database.url);
    const db = new BetterSqlite3(database.url.replace(/^file:/, ""));
    const triggers = db
      .prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Signup' ORDER BY name")
      .all();
    db.close();
    expect(triggers).toEqual([
      { name: "Signup_delete_marks_cards", tbl_name: "Signup" },
      { name: "Signup_update_marks_cards", tbl_name: "Signup" },
    ]);
  });
});

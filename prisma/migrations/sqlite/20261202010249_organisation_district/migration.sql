-- AlterTable (ADD COLUMN, not a rebuild: a rebuild of "Organisation" would drop the closure table's triggers)
ALTER TABLE "Organisation" ADD COLUMN "districtId" INTEGER;

-- Each organisation's district (the nearest organisation of kind district among itself and the hubs above it,
-- null above or outside districts) is stored on it, so that a hub's summary totals per district with one
-- GROUP BY rather than looking through each organisation's ancestors. Kept by the database itself, with the
-- closure table (migration organisation_closure):
-- - a new organisation takes its parent's district (or is its own);
-- - a move (parentId; a deleted parent sets it to null) or a change of kind recomputes the district of the
--   organisation and everything below it from the closure table, once that is up to date (hence inside the
--   closure's own move trigger: SQLite does not promise an order between two triggers of one update).
-- The AFTER INSERT trigger writes the row after it is inserted: the row an INSERT … RETURNING gives back does
-- not have the district yet.
CREATE TRIGGER "Organisation_district_insert" AFTER INSERT ON "Organisation"
BEGIN
  UPDATE "Organisation" SET "districtId" = CASE WHEN NEW."kind" = 'district' THEN NEW."id"
    ELSE (SELECT p."districtId" FROM "Organisation" p WHERE p."id" = NEW."parentId") END
  WHERE "id" = NEW."id";
END;

DROP TRIGGER "Organisation_closure_move";

CREATE TRIGGER "Organisation_closure_move" AFTER UPDATE OF "parentId" ON "Organisation"
WHEN OLD."parentId" IS NOT NEW."parentId"
BEGIN
  -- the moved subtree forgets the hubs it sat below
  DELETE FROM "OrganisationAncestor"
  WHERE "descendantId" IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id")
    AND "ancestorId" NOT IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id");
  -- and gains the new parent's chain
  INSERT INTO "OrganisationAncestor" ("ancestorId", "descendantId", "depth")
  SELECT up."ancestorId", down."descendantId", up."depth" + down."depth" + 1
  FROM "OrganisationAncestor" up, "OrganisationAncestor" down
  WHERE up."descendantId" = NEW."parentId" AND down."ancestorId" = NEW."id";
  -- then everything moved finds its district again
  UPDATE "Organisation" SET "districtId" = (
    SELECT a."ancestorId" FROM "OrganisationAncestor" a JOIN "Organisation" k ON k."id" = a."ancestorId"
    WHERE a."descendantId" = "Organisation"."id" AND k."kind" = 'district' ORDER BY a."depth" LIMIT 1)
  WHERE "id" IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id");
END;

CREATE TRIGGER "Organisation_district_kind" AFTER UPDATE OF "kind" ON "Organisation"
WHEN OLD."kind" IS NOT NEW."kind"
BEGIN
  UPDATE "Organisation" SET "districtId" = (
    SELECT a."ancestorId" FROM "OrganisationAncestor" a JOIN "Organisation" k ON k."id" = a."ancestorId"
    WHERE a."descendantId" = "Organisation"."id" AND k."kind" = 'district' ORDER BY a."depth" LIMIT 1)
  WHERE "id" IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id");
END;

-- Back-fill: every existing organisation's district, from the closure table.
UPDATE "Organisation" SET "districtId" = (
  SELECT a."ancestorId" FROM "OrganisationAncestor" a JOIN "Organisation" k ON k."id" = a."ancestorId"
  WHERE a."descendantId" = "Organisation"."id" AND k."kind" = 'district' ORDER BY a."depth" LIMIT 1);

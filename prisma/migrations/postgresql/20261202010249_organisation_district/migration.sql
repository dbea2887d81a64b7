-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "districtId" INTEGER;

-- Each organisation's district (the nearest organisation of kind district among itself and the hubs above it,
-- null above or outside districts) is stored on it, so that a hub's summary totals per district with one
-- GROUP BY rather than looking through each organisation's ancestors. Kept by the database itself, with the
-- closure table (migration organisation_closure):
-- - a new organisation takes its parent's district (or is its own), before it is written;
-- - a move (parentId; a deleted parent sets it to null) or a change of kind recomputes the district of the
--   organisation and everything below it from the closure table, once that is up to date: triggers of one
--   event fire in name order, and "Organisation_closure" sorts before "Organisation_district_move".
CREATE OR REPLACE FUNCTION yiqi_organisation_district() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."districtId" := CASE WHEN NEW."kind" = 'district' THEN NEW."id"
      ELSE (SELECT p."districtId" FROM "Organisation" p WHERE p."id" = NEW."parentId") END;
    RETURN NEW;
  END IF;
  IF NEW."parentId" IS NOT DISTINCT FROM OLD."parentId" AND NEW."kind" = OLD."kind" THEN
    RETURN NULL;
  END IF;
  UPDATE "Organisation" SET "districtId" = (
    SELECT a."ancestorId" FROM "OrganisationAncestor" a JOIN "Organisation" k ON k."id" = a."ancestorId"
    WHERE a."descendantId" = "Organisation"."id" AND k."kind" = 'district' ORDER BY a."depth" LIMIT 1)
  WHERE "id" IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "Organisation_district_insert"
BEFORE INSERT ON "Organisation"
FOR EACH ROW EXECUTE FUNCTION yiqi_organisation_district();

CREATE TRIGGER "Organisation_district_move"
AFTER UPDATE OF "parentId", "kind" ON "Organisation"
FOR EACH ROW EXECUTE FUNCTION yiqi_organisation_district();

-- Back-fill: every existing organisation's district, from the closure table.
UPDATE "Organisation" SET "districtId" = (
  SELECT a."ancestorId" FROM "OrganisationAncestor" a JOIN "Organisation" k ON k."id" = a."ancestorId"
  WHERE a."descendantId" = "Organisation"."id" AND k."kind" = 'district' ORDER BY a."depth" LIMIT 1);

-- CreateTable
CREATE TABLE "OrganisationAncestor" (
    "ancestorId" INTEGER NOT NULL,
    "descendantId" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL,

    CONSTRAINT "OrganisationAncestor_pkey" PRIMARY KEY ("ancestorId","descendantId")
);

-- CreateIndex
CREATE INDEX "OrganisationAncestor_descendantId_depth_idx" ON "OrganisationAncestor"("descendantId", "depth");

-- CreateIndex
CREATE INDEX "Event_status_endsAt_idx" ON "Event"("status", "endsAt");

-- CreateIndex
CREATE INDEX "EventOrganiser_organisationId_idx" ON "EventOrganiser"("organisationId");

-- CreateIndex
CREATE INDEX "Signup_updatedAt_idx" ON "Signup"("updatedAt");

-- AddForeignKey
ALTER TABLE "OrganisationAncestor" ADD CONSTRAINT "OrganisationAncestor_ancestorId_fkey" FOREIGN KEY ("ancestorId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationAncestor" ADD CONSTRAINT "OrganisationAncestor_descendantId_fkey" FOREIGN KEY ("descendantId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The closure table is kept by the database itself, in the same statement as the change, so no code path that
-- creates or moves an organisation (setup, a join request, a directory or programme import, a bulk load) can
-- forget it. A move that would put an organisation below itself is refused (the tree stays a tree).
CREATE OR REPLACE FUNCTION yiqi_organisation_closure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "OrganisationAncestor" ("ancestorId", "descendantId", "depth")
    SELECT NEW."id", NEW."id", 0
    UNION ALL
    SELECT a."ancestorId", NEW."id", a."depth" + 1 FROM "OrganisationAncestor" a WHERE a."descendantId" = NEW."parentId";
    RETURN NULL;
  END IF;
  IF NEW."parentId" IS NOT DISTINCT FROM OLD."parentId" THEN
    RETURN NULL;
  END IF;
  IF NEW."parentId" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id" AND "descendantId" = NEW."parentId"
  ) THEN
    RAISE EXCEPTION 'an organisation cannot sit below itself';
  END IF;
  -- the moved subtree forgets the hubs it sat below
  DELETE FROM "OrganisationAncestor"
  WHERE "descendantId" IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id")
    AND "ancestorId" NOT IN (SELECT "descendantId" FROM "OrganisationAncestor" WHERE "ancestorId" = NEW."id");
  -- and gains the new parent's chain
  INSERT INTO "OrganisationAncestor" ("ancestorId", "descendantId", "depth")
  SELECT up."ancestorId", down."descendantId", up."depth" + down."depth" + 1
  FROM "OrganisationAncestor" up, "OrganisationAncestor" down
  WHERE up."descendantId" = NEW."parentId" AND down."ancestorId" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "Organisation_closure"
AFTER INSERT OR UPDATE OF "parentId" ON "Organisation"
FOR EACH ROW EXECUTE FUNCTION yiqi_organisation_closure();

-- Back-fill: every existing organisation with itself and every hub above it (a cycle in old data stops at 10 levels).
INSERT INTO "OrganisationAncestor" ("ancestorId", "descendantId", "depth")
WITH RECURSIVE chain ("ancestorId", "descendantId", "depth") AS (
  SELECT "id", "id", 0 FROM "Organisation"
  UNION
  SELECT o."parentId", chain."descendantId", chain."depth" + 1
  FROM chain JOIN "Organisation" o ON o."id" = chain."ancestorId"
  WHERE o."parentId" IS NOT NULL AND chain."depth" < 10
)
SELECT "ancestorId", "descendantId", MIN("depth") FROM chain GROUP BY "ancestorId", "descendantId";

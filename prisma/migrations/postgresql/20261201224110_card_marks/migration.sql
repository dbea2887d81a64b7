-- An event's cards-to-refresh mark moves from Event."cardsStale" to a table of its own, "CardMark" (issue 12).
-- Updating cardsStale on every tap was a non-HOT update of the event's row (the column was indexed), so each
-- tap wrote a new entry into every one of Event's ten indexes; a mark is now one small row, updated in place.
-- Marks left by the running version are carried over.

-- CreateTable
CREATE TABLE "CardMark" (
    "eventId" INTEGER NOT NULL,
    "stale" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CardMark_pkey" PRIMARY KEY ("eventId")
);

-- AddForeignKey
ALTER TABLE "CardMark" ADD CONSTRAINT "CardMark_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "CardMark" ("eventId", "stale") SELECT "id", "cardsStale" FROM "Event" WHERE "cardsStale" > 0;

-- Every change to an event's sign-ups marks its cards for a refresh, in the same transaction as the change.
-- Lock order as before: the tap, cancelling and attendance hold the event's row lock before they touch its
-- sign-ups (dialect.lockEvent), so the mark's row is only ever taken after it. A sign-up deleted with its event
-- (cascade) leaves no mark.
CREATE OR REPLACE FUNCTION yiqi_signup_marks_cards() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  event_id integer := CASE WHEN TG_OP = 'DELETE' THEN OLD."eventId" ELSE NEW."eventId" END;
BEGIN
  INSERT INTO "CardMark" ("eventId", "stale")
  SELECT "id", 1 FROM "Event" WHERE "id" = event_id
  ON CONFLICT ("eventId") DO UPDATE SET "stale" = "CardMark"."stale" + 1;
  RETURN NULL;
END $$;

-- DropIndex, AlterTable
DROP INDEX "Event_cardsStale_idx";
ALTER TABLE "Event" DROP COLUMN "cardsStale";

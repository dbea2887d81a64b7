-- An event's cards-to-refresh mark moves from Event."cardsStale" to a table of its own, "CardMark": a
-- sign-up's trigger then writes one small row instead of updating the event's row and its cardsStale index
-- (issue 12). Marks left by the running version are carried over. No table is rebuilt: the column is
-- dropped in place once nothing refers to it (the triggers that did are replaced first).

-- CreateTable
CREATE TABLE "CardMark" (
    "eventId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "stale" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "CardMark_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO "CardMark" ("eventId", "stale") SELECT "id", "cardsStale" FROM "Event" WHERE "cardsStale" > 0;

DROP TRIGGER "Signup_insert_marks_cards";
DROP TRIGGER "Signup_update_marks_cards";
DROP TRIGGER "Signup_delete_marks_cards";

DROP INDEX "Event_cardsStale_idx";
ALTER TABLE "Event" DROP COLUMN "cardsStale";

-- Every change to an event's sign-ups marks its cards for a refresh, in the same transaction as the change
-- (the card refresher deletes the mark once every card is current: src/delivery/card-refresher.ts).
CREATE TRIGGER "Signup_insert_marks_cards" AFTER INSERT ON "Signup"
BEGIN
  INSERT INTO "CardMark" ("eventId", "stale") VALUES (NEW."eventId", 1)
  ON CONFLICT ("eventId") DO UPDATE SET "stale" = "stale" + 1;
END;

CREATE TRIGGER "Signup_update_marks_cards" AFTER UPDATE OF "status", "userId" ON "Signup"
BEGIN
  INSERT INTO "CardMark" ("eventId", "stale") VALUES (NEW."eventId", 1)
  ON CONFLICT ("eventId") DO UPDATE SET "stale" = "stale" + 1;
END;

-- a sign-up deleted with its event (cascade) leaves no mark: the event's own mark went with it
CREATE TRIGGER "Signup_delete_marks_cards" AFTER DELETE ON "Signup"
BEGIN
  INSERT INTO "CardMark" ("eventId", "stale") SELECT "id", 1 FROM "Event" WHERE "id" = OLD."eventId"
  ON CONFLICT ("eventId") DO UPDATE SET "stale" = "stale" + 1;
END;

-- Every change to an event's sign-ups marks its cards for a refresh (Event.cardsStale), in the
-- same transaction as the change itself: the tap stays one statement (no second round trip
-- through Prisma per tap), a kill -9 right after a sign-up still leaves the mark for the next
-- start, and no code path that changes sign-ups can forget it. The card refresher clears the
-- mark once every card is current (src/delivery/card-refresher.ts).
CREATE TRIGGER "Signup_insert_marks_cards" AFTER INSERT ON "Signup"
BEGIN
  UPDATE "Event" SET "cardsStale" = "cardsStale" + 1 WHERE "id" = NEW."eventId";
END;

CREATE TRIGGER "Signup_update_marks_cards" AFTER UPDATE OF "status", "userId" ON "Signup"
BEGIN
  UPDATE "Event" SET "cardsStale" = "cardsStale" + 1 WHERE "id" = NEW."eventId";
END;

CREATE TRIGGER "Signup_delete_marks_cards" AFTER DELETE ON "Signup"
BEGIN
  UPDATE "Event" SET "cardsStale" = "cardsStale" + 1 WHERE "id" = OLD."eventId";
END;

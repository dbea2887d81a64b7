-- Every change to an event's sign-ups marks its cards for a refresh (Event.cardsStale), in the
-- same transaction as the change itself: the tap stays one round trip (no second statement
-- through Prisma per tap), a kill -9 right after a sign-up still leaves the mark for the next
-- start, and no code path that changes sign-ups can forget it. The card refresher clears the
-- mark once every card is current (src/delivery/card-refresher.ts).
-- Lock order: the sign-up tap (yiqi_sign_up), cancelling and attendance take the event's row lock
-- before they touch its sign-ups (dialect.lockEvent), so this update waits for no one new.
CREATE OR REPLACE FUNCTION yiqi_signup_marks_cards() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Event" SET "cardsStale" = "cardsStale" + 1
  WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."eventId" ELSE NEW."eventId" END;
  RETURN NULL;
END $$;

CREATE TRIGGER "Signup_marks_cards"
AFTER INSERT OR DELETE OR UPDATE OF "status", "userId" ON "Signup"
FOR EACH ROW EXECUTE FUNCTION yiqi_signup_marks_cards();

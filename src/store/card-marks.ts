import type { DbTransaction } from "./client.ts";

/**
 * Marks an event's cards for a refresh, in the caller's transaction (`CardMark`: the card refresher,
 * delivery/card-refresher.ts, clears the mark once every card is current). Updated and deleted sign-ups mark
 * by trigger (migration 20261201224110_card_marks); a new sign-up is marked by the statement that writes it:
 * on SQLite an INSERT trigger on "Signup" would make every tap copy the pages it touches into a statement
 * journal first (migration 20261202050000_signup_insert_marks_in_tap_path). SQLite's tap path runs this same
 * statement prepared (store/sqlite-tap-path.ts); on PostgreSQL, where a trigger costs no such copy, the INSERT
 * trigger still marks the taps of `yiqi_sign_up`, and a second mark in one transaction is harmless (the mark
 * is a counter the refresher compares before clearing).
 */
export async function markCards(tx: Pick<DbTransaction, "$executeRaw">, eventId: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "CardMark" ("eventId", "stale") SELECT "id", 1 FROM "Event" WHERE "id" = ${eventId}
    ON CONFLICT ("eventId") DO UPDATE SET "stale" = "CardMark"."stale" + 1`;
}

-- A new sign-up marks its event's cards in the statements that write it (the tap path,
-- src/store/sqlite-tap-path.ts, and a walk-in's check-in, src/services/check-in.ts), no longer by a trigger:
-- on SQLite a table with an INSERT trigger makes every insert copy each page it touches into a statement
-- journal first (about 15 pages per tap, spilled to a temporary file), a third of the tap's write (issue 12).
-- Updates and deletes keep their triggers: they are rare, and every service changes sign-ups that way.
DROP TRIGGER "Signup_insert_marks_cards";

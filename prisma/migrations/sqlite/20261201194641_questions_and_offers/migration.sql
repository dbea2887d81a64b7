-- "Signup" is redefined below: its triggers (migration 20261201153000_signup_changes_mark_cards) go first, since
-- they name "Event", which is redefined too, and come back at the end. Both tables are redefined (not altered)
-- so that they read exactly as prisma/schema.prisma declares them.
DROP TRIGGER IF EXISTS "Signup_insert_marks_cards";
DROP TRIGGER IF EXISTS "Signup_update_marks_cards";
DROP TRIGGER IF EXISTS "Signup_delete_marks_cards";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "audience" TEXT,
    "place" TEXT,
    "online" BOOLEAN NOT NULL DEFAULT false,
    "timeText" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "precision" TEXT NOT NULL,
    "openEnded" BOOLEAN NOT NULL DEFAULT false,
    "timeZone" TEXT NOT NULL,
    "capacity" INTEGER,
    "signupDeadline" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'published',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "hours" REAL,
    "importKey" TEXT,
    "createdById" BIGINT,
    "cardsStale" INTEGER NOT NULL DEFAULT 0,
    "maxGuests" INTEGER NOT NULL DEFAULT 0,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "offerMinutes" INTEGER,
    "seriesId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "EventSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "isPublic", "maxGuests", "online", "openEnded", "organisationId", "place", "precision", "seriesId", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt") SELECT "audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "isPublic", "maxGuests", "online", "openEnded", "organisationId", "place", "precision", "seriesId", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_organisationId_startsAt_idx" ON "Event"("organisationId", "startsAt");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE INDEX "Event_status_endsAt_idx" ON "Event"("status", "endsAt");
CREATE INDEX "Event_campaignId_idx" ON "Event"("campaignId");
CREATE INDEX "Event_cardsStale_idx" ON "Event"("cardsStale");
CREATE INDEX "Event_seriesId_startsAt_idx" ON "Event"("seriesId", "startsAt");
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");
CREATE UNIQUE INDEX "Event_importKey_key" ON "Event"("importKey");
CREATE TABLE "new_Signup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "chatId" BIGINT,
    "hours" REAL,
    "roleId" INTEGER,
    "guests" INTEGER NOT NULL DEFAULT 0,
    "heldUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Signup_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Signup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Signup_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "EventRole" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Signup" ("chatId", "createdAt", "eventId", "guests", "hours", "id", "roleId", "seq", "status", "updatedAt", "userId") SELECT "chatId", "createdAt", "eventId", "guests", "hours", "id", "roleId", "seq", "status", "updatedAt", "userId" FROM "Signup";
DROP TABLE "Signup";
ALTER TABLE "new_Signup" RENAME TO "Signup";
CREATE INDEX "Signup_roleId_status_seq_idx" ON "Signup"("roleId", "status", "seq");
CREATE INDEX "Signup_eventId_status_seq_idx" ON "Signup"("eventId", "status", "seq");
CREATE INDEX "Signup_userId_status_idx" ON "Signup"("userId", "status");
CREATE UNIQUE INDEX "Signup_eventId_userId_key" ON "Signup"("eventId", "userId");
CREATE INDEX "Signup_updatedAt_idx" ON "Signup"("updatedAt");
CREATE INDEX "Signup_status_heldUntil_idx" ON "Signup"("status", "heldUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "EventQuestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "options" TEXT,
    CONSTRAINT "EventQuestion_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignupAnswer" (
    "signupId" INTEGER NOT NULL,
    "questionId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("signupId", "questionId"),
    CONSTRAINT "SignupAnswer_signupId_fkey" FOREIGN KEY ("signupId") REFERENCES "Signup" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SignupAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "EventQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EventQuestion_eventId_position_key" ON "EventQuestion"("eventId", "position");

-- CreateIndex
CREATE INDEX "SignupAnswer_questionId_idx" ON "SignupAnswer"("questionId");


-- The triggers of "Signup" again, as migration 20261201153000_signup_changes_mark_cards made them.
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

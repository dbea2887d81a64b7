-- The Signup triggers name "Event" in their bodies: dropped while Event is rebuilt, re-created at the end
-- (as in 20261201160850_roles_and_guests).
DROP TRIGGER IF EXISTS "Signup_insert_marks_cards";
DROP TRIGGER IF EXISTS "Signup_update_marks_cards";
DROP TRIGGER IF EXISTS "Signup_delete_marks_cards";

-- CreateTable
CREATE TABLE "EventSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "pattern" TEXT NOT NULL,
    "ruleText" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EventSeries_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "seriesId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "EventSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "isPublic", "maxGuests", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt") SELECT "audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "isPublic", "maxGuests", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt" FROM "Event";
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
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EventSeries_organisationId_idx" ON "EventSeries"("organisationId");


-- Re-create the Signup triggers (a sign-up change marks the event's cards for the card refresher)
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

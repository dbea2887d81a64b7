
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("audience", "campaignId", "capacity", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt") SELECT "audience", "campaignId", "capacity", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_organisationId_startsAt_idx" ON "Event"("organisationId", "startsAt");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE INDEX "Event_campaignId_idx" ON "Event"("campaignId");
CREATE INDEX "Event_cardsStale_idx" ON "Event"("cardsStale");
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");
CREATE UNIQUE INDEX "Event_importKey_key" ON "Event"("importKey");
CREATE TABLE "new_EventMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "messageId" INTEGER NOT NULL,
    "editedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "shownHash" TEXT,
    CONSTRAINT "EventMessage_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EventMessage_chatId_fkey" FOREIGN KEY ("chatId") REFERENCES "Chat" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EventMessage" ("id", "eventId", "chatId", "messageId", "editedAt", "createdAt") SELECT "id", "eventId", "chatId", "messageId", "editedAt", "createdAt" FROM "EventMessage";
DROP TABLE "EventMessage";
ALTER TABLE "new_EventMessage" RENAME TO "EventMessage";
CREATE INDEX "EventMessage_eventId_idx" ON "EventMessage"("eventId");
CREATE UNIQUE INDEX "EventMessage_chatId_messageId_key" ON "EventMessage"("chatId", "messageId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


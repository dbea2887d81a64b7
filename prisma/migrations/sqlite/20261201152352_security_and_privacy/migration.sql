-- CreateTable
CREATE TABLE "ParentRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "hubId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "requestedById" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT,
    "username" TEXT,
    "languageCode" TEXT,
    "startedBot" BOOLEAN NOT NULL DEFAULT false,
    "remindersOn" BOOLEAN NOT NULL DEFAULT true,
    "forgotten" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "firstName", "id", "languageCode", "lastName", "locale", "remindersOn", "startedBot", "updatedAt", "username") SELECT "createdAt", "firstName", "id", "languageCode", "lastName", "locale", "remindersOn", "startedBot", "updatedAt", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE INDEX "User_username_idx" ON "User"("username");
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
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt") SELECT "audience", "campaignId", "capacity", "cardsStale", "content", "createdAt", "createdById", "endsAt", "hours", "id", "importKey", "online", "openEnded", "organisationId", "place", "precision", "sequence", "signupDeadline", "startsAt", "status", "timeText", "timeZone", "title", "updatedAt" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_organisationId_startsAt_idx" ON "Event"("organisationId", "startsAt");
CREATE INDEX "Event_status_startsAt_idx" ON "Event"("status", "startsAt");
CREATE INDEX "Event_campaignId_idx" ON "Event"("campaignId");
CREATE INDEX "Event_cardsStale_idx" ON "Event"("cardsStale");
CREATE INDEX "Event_updatedAt_idx" ON "Event"("updatedAt");
CREATE UNIQUE INDEX "Event_importKey_key" ON "Event"("importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ParentRequest_organisationId_idx" ON "ParentRequest"("organisationId");

-- CreateIndex
CREATE INDEX "ParentRequest_hubId_status_idx" ON "ParentRequest"("hubId", "status");


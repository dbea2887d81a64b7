-- RedefineTables (the column sits where the schema has it, so a migrated database matches a fresh one)
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
    "reminderOffsets" TEXT,
    "forgotten" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "firstName", "forgotten", "id", "languageCode", "lastName", "locale", "remindersOn", "startedBot", "updatedAt", "username") SELECT "createdAt", "firstName", "forgotten", "id", "languageCode", "lastName", "locale", "remindersOn", "startedBot", "updatedAt", "username" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE INDEX "User_username_idx" ON "User"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- RedefineTables (so the table reads exactly as prisma/schema.prisma declares it)
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
    "locale" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("id", "firstName", "lastName", "username", "languageCode", "startedBot", "remindersOn", "createdAt", "updatedAt") SELECT "id", "firstName", "lastName", "username", "languageCode", "startedBot", "remindersOn", "createdAt", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE INDEX "User_username_idx" ON "User"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

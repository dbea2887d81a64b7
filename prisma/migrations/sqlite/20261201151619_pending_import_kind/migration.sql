-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PendingImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "campaignName" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'programme',
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_PendingImport" ("campaignName", "createdAt", "id", "organisationId", "payload", "userId") SELECT "campaignName", "createdAt", "id", "organisationId", "payload", "userId" FROM "PendingImport";
DROP TABLE "PendingImport";
ALTER TABLE "new_PendingImport" RENAME TO "PendingImport";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProcessedUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "processedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'done',
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "steps" TEXT
);
INSERT INTO "new_ProcessedUpdate" ("processedAt", "updateId") SELECT "processedAt", "updateId" FROM "ProcessedUpdate";
DROP TABLE "ProcessedUpdate";
ALTER TABLE "new_ProcessedUpdate" RENAME TO "ProcessedUpdate";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


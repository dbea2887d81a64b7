-- AlterTable
ALTER TABLE "PendingImport" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'programme';


-- AlterTable
ALTER TABLE "ProcessedUpdate" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'done',
ADD COLUMN     "steps" TEXT;


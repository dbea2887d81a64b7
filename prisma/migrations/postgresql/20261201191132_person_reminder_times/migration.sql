-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reminderOffsets" TEXT;


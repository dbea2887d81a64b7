-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "cardsStale" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "EventMessage" ADD COLUMN     "shownHash" TEXT;

-- CreateIndex
CREATE INDEX "Event_cardsStale_idx" ON "Event"("cardsStale");


-- AlterTable
ALTER TABLE "User" ADD COLUMN     "forgotten" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ParentRequest" (
    "id" SERIAL NOT NULL,
    "organisationId" INTEGER NOT NULL,
    "hubId" INTEGER NOT NULL,
    "chatId" BIGINT NOT NULL,
    "requestedById" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ParentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ParentRequest_organisationId_idx" ON "ParentRequest"("organisationId");

-- CreateIndex
CREATE INDEX "ParentRequest_hubId_status_idx" ON "ParentRequest"("hubId", "status");


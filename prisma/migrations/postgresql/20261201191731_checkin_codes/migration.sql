-- CreateTable
CREATE TABLE "CheckinCode" (
    "eventId" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "createdById" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckinCode_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CheckinCode_token_key" ON "CheckinCode"("token");

-- AddForeignKey
ALTER TABLE "CheckinCode" ADD CONSTRAINT "CheckinCode_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


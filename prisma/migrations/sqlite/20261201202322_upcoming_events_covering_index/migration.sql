-- DropIndex
DROP INDEX "Event_status_endsAt_idx";

-- DropIndex
DROP INDEX "Event_campaignId_idx";

-- CreateIndex
CREATE INDEX "Event_status_endsAt_startsAt_organisationId_seriesId_id_idx" ON "Event"("status", "endsAt", "startsAt", "organisationId", "seriesId", "id");

-- CreateIndex
CREATE INDEX "Event_campaignId_status_organisationId_startsAt_id_idx" ON "Event"("campaignId", "status", "organisationId", "startsAt", "id");


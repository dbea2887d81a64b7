-- DropIndex
DROP INDEX "Event_status_endsAt_idx";

-- CreateIndex
CREATE INDEX "Event_status_endsAt_startsAt_organisationId_seriesId_id_idx" ON "Event"("status", "endsAt", "startsAt", "organisationId", "seriesId", "id");


-- DropIndex
DROP INDEX "Event_status_startsAt_idx";

-- DropIndex
DROP INDEX "Signup_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Organisation_kind_idx" ON "Organisation"("kind");

-- CreateIndex
CREATE INDEX "Event_status_startsAt_endsAt_id_organisationId_seriesId_idx" ON "Event"("status", "startsAt", "endsAt", "id", "organisationId", "seriesId");

-- CreateIndex
CREATE INDEX "Event_id_organisationId_idx" ON "Event"("id", "organisationId");

-- CreateIndex
CREATE INDEX "Signup_updatedAt_status_eventId_idx" ON "Signup"("updatedAt", "status", "eventId");


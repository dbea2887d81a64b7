-- CreateIndex
CREATE INDEX "EventOrganiser_eventId_organisationId_idx" ON "EventOrganiser"("eventId", "organisationId");


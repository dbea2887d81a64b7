-- DropIndex
DROP INDEX "Signup_eventId_status_seq_guests_idx";

-- CreateIndex
CREATE INDEX "Signup_eventId_status_seq_guests_roleId_idx" ON "Signup"("eventId", "status", "seq", "guests", "roleId");


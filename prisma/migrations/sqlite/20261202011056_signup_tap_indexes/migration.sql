-- DropIndex
DROP INDEX "Signup_eventId_status_seq_idx";

-- CreateIndex
CREATE INDEX "Signup_eventId_status_seq_guests_idx" ON "Signup"("eventId", "status", "seq", "guests");

-- CreateIndex
CREATE INDEX "Signup_eventId_seq_idx" ON "Signup"("eventId", "seq");


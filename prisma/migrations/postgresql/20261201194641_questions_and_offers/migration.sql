-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SignupStatus" ADD VALUE 'held';
ALTER TYPE "SignupStatus" ADD VALUE 'offered';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "offerMinutes" INTEGER;

-- AlterTable
ALTER TABLE "Signup" ADD COLUMN     "heldUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EventQuestion" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "options" TEXT,

    CONSTRAINT "EventQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignupAnswer" (
    "signupId" INTEGER NOT NULL,
    "questionId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignupAnswer_pkey" PRIMARY KEY ("signupId","questionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventQuestion_eventId_position_key" ON "EventQuestion"("eventId", "position");

-- CreateIndex
CREATE INDEX "SignupAnswer_questionId_idx" ON "SignupAnswer"("questionId");

-- CreateIndex
CREATE INDEX "Signup_status_heldUntil_idx" ON "Signup"("status", "heldUntil");

-- AddForeignKey
ALTER TABLE "EventQuestion" ADD CONSTRAINT "EventQuestion_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignupAnswer" ADD CONSTRAINT "SignupAnswer_signupId_fkey" FOREIGN KEY ("signupId") REFERENCES "Signup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignupAnswer" ADD CONSTRAINT "SignupAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "EventQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The sign-up tap with questions and offers (issue 15): places held for questions ('held') and places offered from
-- the waitlist ('offered') count against the places like confirmed ones; an event with questions holds a free
-- place until p_held_until instead of confirming it (domain/signup-rules.ts `admittedStatus`).
DROP FUNCTION IF EXISTS yiqi_sign_up(INTEGER, BIGINT, BIGINT, TIMESTAMP(3), BIGINT, INTEGER, INTEGER);
CREATE OR REPLACE FUNCTION yiqi_sign_up(
  p_event INTEGER,
  p_user BIGINT,
  p_chat BIGINT,
  p_now TIMESTAMP(3),
  p_card_chat BIGINT,
  p_card_message INTEGER,
  p_role INTEGER,
  p_held_until TIMESTAMP(3)
) RETURNS TABLE (status TEXT, seq INTEGER, "position" BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  v_event "Event"%ROWTYPE;
  v_role_capacity INTEGER;
  v_fits BOOLEAN;
  v_status "SignupStatus";
  v_seq INTEGER;
BEGIN
  SELECT * INTO v_event FROM "Event" e WHERE e."id" = p_event FOR UPDATE;
  IF NOT FOUND OR v_event."status" <> 'published' OR v_event."endsAt" <= p_now
     OR (v_event."signupDeadline" IS NOT NULL AND v_event."signupDeadline" <= p_now) THEN
    RETURN;
  END IF;
  IF p_card_chat IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "EventMessage" k
    WHERE k."eventId" = p_event AND k."chatId" = p_card_chat AND k."messageId" = p_card_message
  ) THEN
    RETURN;
  END IF;
  IF p_role IS NULL THEN
    IF EXISTS (SELECT 1 FROM "EventRole" x WHERE x."eventId" = p_event) THEN
      RETURN;
    END IF;
  ELSE
    SELECT r."capacity" INTO v_role_capacity FROM "EventRole" r WHERE r."id" = p_role AND r."eventId" = p_event;
    IF NOT FOUND THEN
      RETURN;
    END IF;
  END IF;
  v_fits := (v_event."capacity" IS NULL
             OR (SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c
                 WHERE c."eventId" = p_event
                   AND c."status" IN ('confirmed', 'attended', 'no_show', 'held', 'offered')) < v_event."capacity")
        AND (v_role_capacity IS NULL
             OR (SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c
                 WHERE c."eventId" = p_event AND c."roleId" = p_role
                   AND c."status" IN ('confirmed', 'attended', 'no_show', 'held', 'offered')) < v_role_capacity);
  v_status := CASE
    WHEN NOT v_fits THEN 'waitlisted'::"SignupStatus"
    WHEN EXISTS (SELECT 1 FROM "EventQuestion" q WHERE q."eventId" = p_event) THEN 'held'::"SignupStatus"
    ELSE 'confirmed'::"SignupStatus" END;
  INSERT INTO "Signup" AS s ("eventId", "userId", "status", "heldUntil", "seq", "chatId", "roleId", "createdAt", "updatedAt")
  VALUES (
    p_event,
    p_user,
    v_status,
    CASE WHEN v_status = 'held' THEN p_held_until END,
    COALESCE((SELECT MAX(m."seq") FROM "Signup" m WHERE m."eventId" = p_event), 0) + 1,
    p_chat,
    p_role,
    p_now,
    p_now
  )
  ON CONFLICT ("eventId", "userId") DO UPDATE
    SET "status" = excluded."status", "heldUntil" = excluded."heldUntil", "seq" = excluded."seq",
        "chatId" = excluded."chatId", "roleId" = excluded."roleId", "guests" = 0, "updatedAt" = excluded."updatedAt"
    WHERE s."status" = 'cancelled'
  RETURNING s."status", s."seq" INTO v_status, v_seq;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT
    v_status::TEXT,
    v_seq,
    CASE WHEN v_status = 'waitlisted' THEN (
      SELECT COUNT(*) FROM "Signup" w WHERE w."eventId" = p_event AND w."roleId" IS NOT DISTINCT FROM p_role
        AND w."status" = 'waitlisted' AND w."seq" <= v_seq
    ) END;
END;
$$;

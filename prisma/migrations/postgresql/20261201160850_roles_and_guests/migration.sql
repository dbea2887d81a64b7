-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "maxGuests" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Signup" ADD COLUMN     "guests" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "roleId" INTEGER;

-- CreateTable
CREATE TABLE "EventRole" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER,

    CONSTRAINT "EventRole_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EventRole_eventId_position_key" ON "EventRole"("eventId", "position");

-- CreateIndex
CREATE INDEX "Signup_roleId_status_seq_idx" ON "Signup"("roleId", "status", "seq");

-- AddForeignKey
ALTER TABLE "EventRole" ADD CONSTRAINT "EventRole_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signup" ADD CONSTRAINT "Signup_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "EventRole"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The sign-up tap with roles and guests (issue 15): places held count each member and their guests; an
-- event with roles takes only taps that name one of its roles (then the role's places count too, and the
-- waitlist position is within the role); an event without roles, only taps that name none.
DROP FUNCTION IF EXISTS yiqi_sign_up(INTEGER, BIGINT, BIGINT, TIMESTAMP(3), BIGINT, INTEGER);
CREATE OR REPLACE FUNCTION yiqi_sign_up(
  p_event INTEGER,
  p_user BIGINT,
  p_chat BIGINT,
  p_now TIMESTAMP(3),
  p_card_chat BIGINT,
  p_card_message INTEGER,
  p_role INTEGER
) RETURNS TABLE (status TEXT, seq INTEGER, "position" BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  v_event "Event"%ROWTYPE;
  v_role_capacity INTEGER;
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
  INSERT INTO "Signup" AS s ("eventId", "userId", "status", "seq", "chatId", "roleId", "createdAt", "updatedAt")
  VALUES (
    p_event,
    p_user,
    CASE WHEN (v_event."capacity" IS NULL
               OR (SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c
                   WHERE c."eventId" = p_event AND c."status" IN ('confirmed', 'attended', 'no_show')) < v_event."capacity")
          AND (v_role_capacity IS NULL
               OR (SELECT COALESCE(SUM(1 + c."guests"), 0) FROM "Signup" c
                   WHERE c."eventId" = p_event AND c."roleId" = p_role
                     AND c."status" IN ('confirmed', 'attended', 'no_show')) < v_role_capacity)
         THEN 'confirmed'::"SignupStatus" ELSE 'waitlisted'::"SignupStatus" END,
    COALESCE((SELECT MAX(m."seq") FROM "Signup" m WHERE m."eventId" = p_event), 0) + 1,
    p_chat,
    p_role,
    p_now,
    p_now
  )
  ON CONFLICT ("eventId", "userId") DO UPDATE
    SET "status" = excluded."status", "seq" = excluded."seq", "chatId" = excluded."chatId",
        "roleId" = excluded."roleId", "guests" = 0, "updatedAt" = excluded."updatedAt"
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

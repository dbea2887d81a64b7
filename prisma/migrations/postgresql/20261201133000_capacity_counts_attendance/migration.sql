-- Capacity counts everyone who holds a place: confirmed, and (once attendance is marked during the event)
-- attended and no-show. Otherwise marking one attendee present freed a place for the next tap (issue 9).
-- The sign-up tap in one round trip (PostgreSQL only; SQLite runs the same rule as prepared
-- statements in-process, see src/store/sqlite-tap-path.ts). The event's row lock serialises the
-- sign-ups of one event; each statement below takes a fresh snapshot after the lock, so the count
-- of confirmed places is always current and capacity is never exceeded.
-- Returns no row when the tap does not sign anyone up (event not open, card not of this event,
-- already signed up); the caller then reads why.
CREATE OR REPLACE FUNCTION yiqi_sign_up(
  p_event INTEGER,
  p_user BIGINT,
  p_chat BIGINT,
  p_now TIMESTAMP(3),
  p_card_chat BIGINT,
  p_card_message INTEGER
) RETURNS TABLE (status TEXT, seq INTEGER, "position" BIGINT)
LANGUAGE plpgsql AS $$
DECLARE
  v_event "Event"%ROWTYPE;
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
  INSERT INTO "Signup" AS s ("eventId", "userId", "status", "seq", "chatId", "createdAt", "updatedAt")
  VALUES (
    p_event,
    p_user,
    CASE WHEN v_event."capacity" IS NULL
           OR (SELECT COUNT(*) FROM "Signup" c WHERE c."eventId" = p_event AND c."status" IN ('confirmed', 'attended', 'no_show')) < v_event."capacity"
         THEN 'confirmed'::"SignupStatus" ELSE 'waitlisted'::"SignupStatus" END,
    COALESCE((SELECT MAX(m."seq") FROM "Signup" m WHERE m."eventId" = p_event), 0) + 1,
    p_chat,
    p_now,
    p_now
  )
  ON CONFLICT ("eventId", "userId") DO UPDATE
    SET "status" = excluded."status", "seq" = excluded."seq", "chatId" = excluded."chatId", "updatedAt" = excluded."updatedAt"
    WHERE s."status" = 'cancelled'
  RETURNING s."status", s."seq" INTO v_status, v_seq;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT
    v_status::TEXT,
    v_seq,
    CASE WHEN v_status = 'waitlisted' THEN (
      SELECT COUNT(*) FROM "Signup" w WHERE w."eventId" = p_event AND w."status" = 'waitlisted' AND w."seq" <= v_seq
    ) END;
END;
$$;

-- When each SLA clock of a ticket breached, recorded once by the support.check-sla job
-- (lib/support/check-sla-breaches.ts) with an audit row. Clocks already breached now are recorded
-- here, without audit rows, so the first run does not report the whole history as new.
ALTER TABLE "tickets" ADD COLUMN "first_response_breached_at" TIMESTAMPTZ(3),
ADD COLUMN "resolution_breached_at" TIMESTAMPTZ(3);

UPDATE "tickets" SET
  "first_response_breached_at" = CASE WHEN COALESCE("first_responded_at", "solved_at", now()) > "first_response_due_at" THEN "first_response_due_at" END,
  "resolution_breached_at" = CASE WHEN COALESCE("solved_at", now()) > "resolution_due_at" THEN "resolution_due_at" END;

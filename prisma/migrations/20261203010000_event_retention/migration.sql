-- Events, webhook deliveries and automation runs are kept for EVENT_RETENTION_DAYS (default 90), then
-- pruned by the daily events.prune job (docs/decisions/045-event-retention.md). Each prune is
-- recorded here; the newest row's (through_xid, through_position) is the feed position at or before
-- which events may be gone, so a client resuming from an older cursor is told so instead of silently
-- missing events.
CREATE TABLE "event_prunes" (
    "id" BIGSERIAL NOT NULL,
    "pruned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "through_xid" BIGINT NOT NULL,
    "through_position" BIGINT NOT NULL,
    "events" INTEGER NOT NULL,
    "deliveries" INTEGER NOT NULL,
    "automation_runs" INTEGER NOT NULL,
    CONSTRAINT "event_prunes_pkey" PRIMARY KEY ("id")
);

-- The prune finds old finished runs by their event (webhook_deliveries has its event_id index).
CREATE INDEX "automation_runs_event_id_idx" ON "automation_runs"("event_id");

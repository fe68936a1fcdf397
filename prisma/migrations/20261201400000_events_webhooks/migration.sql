-- Domain events (transactional outbox) and webhooks (decision 022).

CREATE TABLE "events" (
    "position" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "order_xid" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,
    CONSTRAINT "events_pkey" PRIMARY KEY ("position"),
    CONSTRAINT "events_sequence_check" CHECK ("sequence" >= 1)
);
CREATE UNIQUE INDEX "events_id_key" ON "events"("id");
CREATE UNIQUE INDEX "events_resource_type_resource_id_sequence_key" ON "events"("resource_type", "resource_id", "sequence");
CREATE INDEX "events_order_xid_position_idx" ON "events"("order_xid", "position");

CREATE TABLE "event_streams" (
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "last_sequence" INTEGER NOT NULL,
    "last_xid" BIGINT NOT NULL,
    CONSTRAINT "event_streams_pkey" PRIMARY KEY ("resource_type", "resource_id")
);

CREATE TABLE "event_consumers" (
    "name" TEXT NOT NULL,
    "after_xid" BIGINT NOT NULL DEFAULT 0,
    "after_position" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_consumers_pkey" PRIMARY KEY ("name")
);

CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'succeeded', 'failed');

CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "url" TEXT NOT NULL,
    "description" TEXT,
    "events" TEXT[],
    "secret_cipher" TEXT NOT NULL,
    "previous_secret_cipher" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_reason" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "failing_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_endpoints_created_at_idx" ON "webhook_endpoints"("created_at");

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "endpoint_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "resource_key" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_status" INTEGER,
    "last_error" TEXT,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_deliveries_attempts_check" CHECK ("attempts" >= 0),
    CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "webhook_deliveries_endpoint_id_resource_key_sequence_idx" ON "webhook_deliveries"("endpoint_id", "resource_key", "sequence");
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at");
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries"("event_id");

CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_headers" JSONB NOT NULL,
    "request_body" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "error" TEXT,
    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "webhook_attempts_delivery_id_attempted_at_idx" ON "webhook_attempts"("delivery_id", "attempted_at");

-- One event, in the caller's transaction (lib/events/record-event.ts; take_order calls it too). The
-- stream row's lock orders a resource's events: the next sequence is taken only after the previous
-- event's transaction has finished. order_xid is this transaction's id raised to the previous
-- event's, so a resource's events keep their order in the feed (which shows an event once every
-- transaction with a lower id has finished: pg_snapshot_xmin).
CREATE FUNCTION "record_event"(p_type text, p_resource_type text, p_resource_id text, p_data jsonb, p_at timestamptz)
RETURNS TABLE (id uuid, sequence int) LANGUAGE sql AS $$
  WITH s AS (
    INSERT INTO event_streams AS es (resource_type, resource_id, last_sequence, last_xid)
    VALUES (p_resource_type, p_resource_id, 1, pg_current_xact_id()::text::bigint)
    ON CONFLICT (resource_type, resource_id) DO UPDATE
      SET last_sequence = es.last_sequence + 1, last_xid = greatest(es.last_xid, pg_current_xact_id()::text::bigint)
    RETURNING last_sequence, last_xid
  )
  INSERT INTO events (type, resource_type, resource_id, sequence, order_xid, occurred_at, data)
  SELECT p_type, p_resource_type, p_resource_id, s.last_sequence, s.last_xid, p_at, p_data FROM s
  RETURNING events.id, events.sequence
$$;

-- Automation rules (issue 14, decision 026): when an event type → if JSON Logic conditions → then
-- actions, run on the job queue after the event's transaction; every run logged.

-- Orders take tags (the add_tag action; tickets already have them).
ALTER TABLE "orders" ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];

-- An event's automation depth: 0 for a person's or a channel's change, n + 1 for a change an
-- automation action made while handling an event of depth n (loop protection).
ALTER TABLE "events" ADD COLUMN "depth" INTEGER NOT NULL DEFAULT 0;

-- record_event takes the depth from the transaction-local setting backroom.event_depth, which the
-- automation runner sets around its actions; every other writer leaves it unset (0).
CREATE OR REPLACE FUNCTION "record_event"(p_type text, p_resource_type text, p_resource_id text, p_data jsonb, p_at timestamptz)
RETURNS TABLE (id uuid, sequence int) LANGUAGE sql AS $$
  WITH s AS (
    INSERT INTO event_streams AS es (resource_type, resource_id, last_sequence, last_xid)
    VALUES (p_resource_type, p_resource_id, 1, pg_current_xact_id()::text::bigint)
    ON CONFLICT (resource_type, resource_id) DO UPDATE
      SET last_sequence = es.last_sequence + 1, last_xid = greatest(es.last_xid, pg_current_xact_id()::text::bigint)
    RETURNING last_sequence, last_xid
  )
  INSERT INTO events (type, resource_type, resource_id, sequence, order_xid, occurred_at, data, depth)
  SELECT p_type, p_resource_type, p_resource_id, s.last_sequence, s.last_xid, p_at, p_data,
         coalesce(nullif(current_setting('backroom.event_depth', true), '')::int, 0) FROM s
  RETURNING events.id, events.sequence
$$;

CREATE TABLE "automation_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    -- JSON Logic: {"and": [...]} or {"or": [...]} of comparisons on {"var": field} (lib/automation/rules.ts).
    "conditions" JSONB NOT NULL,
    -- [{"type": ..., ...}] (lib/automation/schemas.ts).
    "actions" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    -- Events that occurred before this moment never run the rule (set when it is enabled).
    "enabled_at" TIMESTAMPTZ(3),
    "template" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "automation_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "automation_rules_name_length" CHECK (char_length("name") BETWEEN 1 AND 120)
);
CREATE INDEX "automation_rules_event_enabled_idx" ON "automation_rules"("event", "enabled");

CREATE TABLE "automation_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "rule_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    -- pending (queued) → succeeded | failed (an action failed) | skipped (depth limit)
    "status" TEXT NOT NULL DEFAULT 'pending',
    "matched" BOOLEAN,
    -- [{"type", "status": "done"|"nothing"|"failed", "detail"}]
    "results" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "automation_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "automation_runs_status" CHECK ("status" IN ('pending', 'succeeded', 'failed', 'skipped'))
);
CREATE UNIQUE INDEX "automation_runs_rule_id_event_id_key" ON "automation_runs"("rule_id", "event_id");
CREATE INDEX "automation_runs_rule_id_created_at_idx" ON "automation_runs"("rule_id", "created_at");
CREATE INDEX "automation_runs_status_created_at_idx" ON "automation_runs"("status", "created_at");
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "automation_rules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

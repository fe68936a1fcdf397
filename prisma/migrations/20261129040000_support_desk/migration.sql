-- Support desk: tickets with SLA due times, their messages, SLA policies per priority, the desk's
-- business hours, and canned replies. See docs/decisions/013-support-desk.md.
CREATE TYPE "ticket_status" AS ENUM ('open', 'pending', 'solved', 'closed');
CREATE TYPE "ticket_priority" AS ENUM ('low', 'normal', 'high', 'urgent');
CREATE TYPE "ticket_channel" AS ENUM ('email', 'chat', 'phone', 'social', 'web');
CREATE TYPE "ticket_message_kind" AS ENUM ('customer', 'reply', 'note');

CREATE TABLE "tickets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "order_id" UUID,
    "return_id" UUID,
    "channel" "ticket_channel" NOT NULL,
    "status" "ticket_status" NOT NULL DEFAULT 'open',
    "priority" "ticket_priority" NOT NULL DEFAULT 'normal',
    "assignee_id" UUID,
    "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "first_response_due_at" TIMESTAMPTZ(3) NOT NULL,
    "resolution_due_at" TIMESTAMPTZ(3) NOT NULL,
    "first_responded_at" TIMESTAMPTZ(3),
    "solved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tickets_subject_not_blank" CHECK (length(btrim("subject")) > 0),
    -- a solved or closed ticket knows when it was solved; an open or pending one does not
    CONSTRAINT "tickets_solved_at_matches_status" CHECK (("status" IN ('solved', 'closed')) = ("solved_at" IS NOT NULL)),
    CONSTRAINT "tickets_closed_at_matches_status" CHECK (("status" = 'closed') = ("closed_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets"("number");
CREATE INDEX "tickets_status_last_message_at_idx" ON "tickets"("status", "last_message_at");
CREATE INDEX "tickets_assignee_id_status_idx" ON "tickets"("assignee_id", "status");
CREATE INDEX "tickets_customer_id_created_at_idx" ON "tickets"("customer_id", "created_at");
CREATE INDEX "tickets_order_id_idx" ON "tickets"("order_id");
CREATE INDEX "tickets_first_response_due_at_idx" ON "tickets"("first_response_due_at");
CREATE INDEX "tickets_resolution_due_at_idx" ON "tickets"("resolution_due_at");
CREATE INDEX "tickets_created_at_idx" ON "tickets"("created_at");
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "ticket_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ticket_id" UUID NOT NULL,
    "kind" "ticket_message_kind" NOT NULL,
    "body" TEXT NOT NULL,
    "author_type" TEXT NOT NULL,
    "author_id" TEXT,
    "author_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ticket_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ticket_messages_body_not_blank" CHECK (length(btrim("body")) > 0),
    CONSTRAINT "ticket_messages_author_type" CHECK ("author_type" IN ('customer', 'user', 'api_key', 'system'))
);
CREATE INDEX "ticket_messages_ticket_id_created_at_idx" ON "ticket_messages"("ticket_id", "created_at");
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "sla_policies" (
    "priority" "ticket_priority" NOT NULL,
    "first_response_minutes" INTEGER NOT NULL,
    "resolution_minutes" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sla_policies_pkey" PRIMARY KEY ("priority"),
    CONSTRAINT "sla_policies_positive" CHECK ("first_response_minutes" > 0 AND "resolution_minutes" >= "first_response_minutes")
);
-- Defaults (business minutes): urgent 1 h / 8 h, high 4 h / 24 h, normal 8 h / 40 h, low 24 h / 80 h.
INSERT INTO "sla_policies" ("priority", "first_response_minutes", "resolution_minutes") VALUES
    ('urgent', 60, 480), ('high', 240, 1440), ('normal', 480, 2400), ('low', 1440, 4800);

CREATE TABLE "support_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "business_hours_only" BOOLEAN NOT NULL DEFAULT true,
    "business_days" INTEGER[] NOT NULL DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "opens_at_minute" INTEGER NOT NULL DEFAULT 540,
    "closes_at_minute" INTEGER NOT NULL DEFAULT 1020,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "support_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "support_settings_one_row" CHECK ("id" = 1),
    CONSTRAINT "support_settings_hours" CHECK ("opens_at_minute" >= 0 AND "opens_at_minute" < "closes_at_minute" AND "closes_at_minute" <= 1440),
    CONSTRAINT "support_settings_days" CHECK ("business_days" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::INTEGER[] AND cardinality("business_days") > 0)
);
INSERT INTO "support_settings" ("id") VALUES (1);

CREATE TABLE "canned_replies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "canned_replies_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "canned_replies_name_key" ON "canned_replies"("name");

-- Customer notifications: an outbox written in the event's transaction, sent after commit.
CREATE TYPE "outbox_status" AS ENUM ('pending', 'sent', 'failed');

CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "template" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "order_id" UUID,
    "return_id" UUID,
    "ticket_id" UUID,
    "dedupe_key" TEXT,
    "status" "outbox_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "smtp_message_id" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "outbox_messages_attempts_check" CHECK ("attempts" >= 0)
);

CREATE UNIQUE INDEX "outbox_messages_dedupe_key_key" ON "outbox_messages"("dedupe_key");
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");
CREATE INDEX "outbox_messages_order_id_idx" ON "outbox_messages"("order_id");
CREATE INDEX "outbox_messages_return_id_idx" ON "outbox_messages"("return_id");
CREATE INDEX "outbox_messages_ticket_id_idx" ON "outbox_messages"("ticket_id");
CREATE INDEX "outbox_messages_created_at_idx" ON "outbox_messages"("created_at");

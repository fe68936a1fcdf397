-- Returns (RMA), refunds and exchanges. returns.ticket_id and refunds.ticket_id have no foreign key
-- here: the tickets table arrives in another branch, which adds the constraint.
CREATE TYPE "return_status" AS ENUM ('requested', 'approved', 'rejected', 'partially_received', 'received', 'inspected', 'refunded', 'exchanged', 'closed');
CREATE TYPE "return_resolution" AS ENUM ('refund', 'exchange');
CREATE TYPE "refund_status" AS ENUM ('pending_approval', 'issued', 'declined');

CREATE TABLE "returns" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "ticket_id" UUID,
    "status" "return_status" NOT NULL DEFAULT 'requested',
    "resolution" "return_resolution" NOT NULL DEFAULT 'refund',
    "note" TEXT,
    "customer_message" TEXT,
    "label_carrier" TEXT,
    "label_service" TEXT,
    "label_tracking_number" TEXT,
    "label_cost" INTEGER NOT NULL DEFAULT 0,
    "exchange_order_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "returns_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "returns_label_cost_nonnegative" CHECK ("label_cost" >= 0)
);
CREATE UNIQUE INDEX "returns_number_key" ON "returns"("number");
CREATE UNIQUE INDEX "returns_exchange_order_id_key" ON "returns"("exchange_order_id");
CREATE INDEX "returns_order_id_idx" ON "returns"("order_id");
CREATE INDEX "returns_status_created_at_idx" ON "returns"("status", "created_at");
CREATE INDEX "returns_ticket_id_idx" ON "returns"("ticket_id");
CREATE INDEX "returns_created_at_idx" ON "returns"("created_at");
ALTER TABLE "returns" ADD CONSTRAINT "returns_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "returns" ADD CONSTRAINT "returns_exchange_order_id_fkey" FOREIGN KEY ("exchange_order_id") REFERENCES "orders"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "return_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "return_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "quantity_received" INTEGER NOT NULL DEFAULT 0,
    "quantity_restocked" INTEGER NOT NULL DEFAULT 0,
    "quantity_damaged" INTEGER NOT NULL DEFAULT 0,
    "quantity_scrapped" INTEGER NOT NULL DEFAULT 0,
    "quantity_refunded" INTEGER NOT NULL DEFAULT 0,
    "cost_returned" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "return_lines_pkey" PRIMARY KEY ("id"),
    -- The last line of defence behind the use cases: never receive more than authorised, never
    -- inspect more than received, never refund more units than arrived.
    CONSTRAINT "return_lines_quantities" CHECK (
        "quantity" > 0 AND "quantity_received" >= 0 AND "quantity_received" <= "quantity"
        AND "quantity_restocked" >= 0 AND "quantity_damaged" >= 0 AND "quantity_scrapped" >= 0
        AND "quantity_restocked" + "quantity_damaged" + "quantity_scrapped" <= "quantity_received"
        AND "quantity_refunded" >= 0 AND "quantity_refunded" <= "quantity")
);
CREATE INDEX "return_lines_return_id_idx" ON "return_lines"("return_id");
CREATE INDEX "return_lines_order_line_id_idx" ON "return_lines"("order_line_id");
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "returns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "refunds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "return_id" UUID,
    "ticket_id" UUID,
    "kind" TEXT NOT NULL,
    "status" "refund_status" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" INTEGER NOT NULL,
    "goods_amount" INTEGER NOT NULL DEFAULT 0,
    "tax_amount" INTEGER NOT NULL DEFAULT 0,
    "shipping_amount" INTEGER NOT NULL DEFAULT 0,
    "restocking_fee" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "idempotency_key" TEXT,
    "lines" JSONB NOT NULL DEFAULT '[]',
    "requested_by_id" TEXT,
    "requested_by" TEXT NOT NULL,
    "decided_by" TEXT,
    "issued_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "refunds_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "refunds_kind" CHECK ("kind" IN ('return', 'goodwill', 'exchange')),
    CONSTRAINT "refunds_amounts" CHECK ("amount" > 0 AND "goods_amount" >= 0 AND "tax_amount" >= 0 AND "shipping_amount" >= 0 AND "restocking_fee" >= 0
        AND "amount" = "goods_amount" + "tax_amount" + "shipping_amount" - "restocking_fee")
);
CREATE UNIQUE INDEX "refunds_number_key" ON "refunds"("number");
CREATE UNIQUE INDEX "refunds_idempotency_key_key" ON "refunds"("idempotency_key");
CREATE INDEX "refunds_order_id_idx" ON "refunds"("order_id");
CREATE INDEX "refunds_return_id_idx" ON "refunds"("return_id");
CREATE INDEX "refunds_ticket_id_idx" ON "refunds"("ticket_id");
CREATE INDEX "refunds_status_created_at_idx" ON "refunds"("status", "created_at");
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "returns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A restocking fee the shop keeps is income of its own, not a smaller return (docs/decisions/012).
INSERT INTO "accounts" ("code", "name", "type", "system") VALUES ('4400', 'Restocking fees', 'revenue', true)
ON CONFLICT ("code") DO NOTHING;

-- Purchasing (issue 16, docs/decisions/023-purchasing.md): suppliers and what they sell, purchase orders
-- with a timeline, receipts against them (the existing receipts table, linked by purchase_order_id), the
-- Goods received not invoiced liability they post to, and email attachments on the outbox (the PO PDF).
CREATE TYPE "purchase_order_status" AS ENUM ('draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled');

CREATE TABLE "suppliers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "payment_terms" TEXT,
    "lead_time_days" INTEGER NOT NULL,
    "lead_time_stddev_days" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "review_period_days" INTEGER NOT NULL DEFAULT 7,
    "minimum_order_value" INTEGER NOT NULL DEFAULT 0,
    "over_receipt_tolerance_pct" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "suppliers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "suppliers_lead_time" CHECK ("lead_time_days" >= 0 AND "lead_time_stddev_days" >= 0),
    CONSTRAINT "suppliers_review_period" CHECK ("review_period_days" >= 1),
    CONSTRAINT "suppliers_minimum_order_value" CHECK ("minimum_order_value" >= 0),
    CONSTRAINT "suppliers_tolerance" CHECK ("over_receipt_tolerance_pct" >= 0 AND "over_receipt_tolerance_pct" <= 100)
);
CREATE UNIQUE INDEX "suppliers_name_key" ON "suppliers"("name");

CREATE TABLE "supplier_products" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "supplier_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "supplier_sku" TEXT,
    "unit_cost" INTEGER NOT NULL,
    "pack_size" INTEGER NOT NULL DEFAULT 1,
    "moq" INTEGER NOT NULL DEFAULT 1,
    "lead_time_days" INTEGER,
    CONSTRAINT "supplier_products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "supplier_products_positive" CHECK ("unit_cost" >= 0 AND "pack_size" >= 1 AND "moq" >= 1 AND ("lead_time_days" IS NULL OR "lead_time_days" >= 0))
);
CREATE UNIQUE INDEX "supplier_products_supplier_id_variant_id_key" ON "supplier_products"("supplier_id", "variant_id");
CREATE INDEX "supplier_products_variant_id_idx" ON "supplier_products"("variant_id");
ALTER TABLE "supplier_products" ADD CONSTRAINT "supplier_products_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "supplier_products" ADD CONSTRAINT "supplier_products_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "variants" ADD COLUMN "preferred_supplier_id" UUID;
ALTER TABLE "variants" ADD CONSTRAINT "variants_preferred_supplier_id_fkey" FOREIGN KEY ("preferred_supplier_id") REFERENCES "suppliers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "purchase_orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "supplier_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "status" "purchase_order_status" NOT NULL DEFAULT 'draft',
    "currency" CHAR(3) NOT NULL,
    "expected_at" DATE,
    "notes" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_by" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "purchase_orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "purchase_orders_sent_at" CHECK ("status" = 'draft' OR "status" = 'cancelled' OR "sent_at" IS NOT NULL)
);
CREATE UNIQUE INDEX "purchase_orders_number_key" ON "purchase_orders"("number");
CREATE INDEX "purchase_orders_status_created_at_idx" ON "purchase_orders"("status", "created_at");
CREATE INDEX "purchase_orders_supplier_id_idx" ON "purchase_orders"("supplier_id");
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "purchase_order_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purchase_order_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity_ordered" INTEGER NOT NULL,
    "quantity_received" INTEGER NOT NULL DEFAULT 0,
    "quantity_cancelled" INTEGER NOT NULL DEFAULT 0,
    "unit_cost" INTEGER NOT NULL,
    CONSTRAINT "purchase_order_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "purchase_order_lines_quantities" CHECK ("quantity_ordered" > 0 AND "quantity_received" >= 0 AND "quantity_cancelled" >= 0 AND "quantity_cancelled" <= "quantity_ordered"),
    CONSTRAINT "purchase_order_lines_unit_cost" CHECK ("unit_cost" >= 0)
);
CREATE UNIQUE INDEX "purchase_order_lines_purchase_order_id_variant_id_key" ON "purchase_order_lines"("purchase_order_id", "variant_id");
CREATE INDEX "purchase_order_lines_variant_id_idx" ON "purchase_order_lines"("variant_id");
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_purchase_order_id_fkey" FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "purchase_order_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purchase_order_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "purchase_order_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "purchase_order_events_purchase_order_id_created_at_idx" ON "purchase_order_events"("purchase_order_id", "created_at");
ALTER TABLE "purchase_order_events" ADD CONSTRAINT "purchase_order_events_purchase_order_id_fkey" FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "receipts" ADD COLUMN "purchase_order_id" UUID;
CREATE INDEX "receipts_purchase_order_id_idx" ON "receipts"("purchase_order_id");
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_purchase_order_id_fkey" FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "outbox_attachments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    CONSTRAINT "outbox_attachments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "outbox_attachments_message_id_idx" ON "outbox_attachments"("message_id");
ALTER TABLE "outbox_attachments" ADD CONSTRAINT "outbox_attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "outbox_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "outbox_messages" ADD COLUMN "purchase_order_id" UUID;
CREATE INDEX "outbox_messages_purchase_order_id_idx" ON "outbox_messages"("purchase_order_id");

INSERT INTO "accounts" ("code", "name", "type", "system") VALUES ('2010', 'Goods received not invoiced', 'liability', true)
ON CONFLICT ("code") DO NOTHING;

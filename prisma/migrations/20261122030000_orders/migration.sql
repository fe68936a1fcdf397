-- Orders: fulfilling location, fraud screening, payments and saved list views.

ALTER TABLE "orders" ADD COLUMN "location_id" UUID;
ALTER TABLE "orders" ADD COLUMN "risk_score" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "orders" ADD COLUMN "risk_level" TEXT NOT NULL DEFAULT 'low';
ALTER TABLE "orders" ADD COLUMN "risk_reasons" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "orders" ADD COLUMN "customer_ip" TEXT;
ALTER TABLE "orders" ADD COLUMN "amount_paid" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "orders" ADD CONSTRAINT "orders_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "orders" ADD CONSTRAINT "orders_risk" CHECK ("risk_score" BETWEEN 0 AND 100 AND "risk_level" IN ('low', 'medium', 'high'));
ALTER TABLE "orders" ADD CONSTRAINT "orders_amount_paid_within_total" CHECK ("amount_paid" >= 0 AND "amount_paid" <= "total");

CREATE TABLE "payments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "fee_amount" INTEGER NOT NULL DEFAULT 0,
    "avs_result" TEXT,
    "cvv_result" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payments_amount_positive" CHECK ("amount" > 0 AND "fee_amount" >= 0),
    CONSTRAINT "payments_status" CHECK ("status" IN ('authorized', 'captured', 'voided', 'refunded'))
);

CREATE TABLE "saved_views" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "payments_order_id_idx" ON "payments"("order_id");
CREATE UNIQUE INDEX "saved_views_user_id_name_key" ON "saved_views"("user_id", "name");
CREATE INDEX "orders_channel_placed_at_idx" ON "orders"("channel", "placed_at");
CREATE INDEX "orders_payment_status_placed_at_idx" ON "orders"("payment_status", "placed_at");
CREATE INDEX "orders_email_idx" ON "orders"("email");
CREATE INDEX "orders_customer_ip_placed_at_idx" ON "orders"("customer_ip", "placed_at");
CREATE INDEX "order_lines_sku_idx" ON "order_lines"("sku");

ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Shipments: what left the warehouse (or was fulfilled elsewhere), per order line.
CREATE TABLE "shipments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "carrier" TEXT,
    "service" TEXT,
    "tracking_number" TEXT,
    "cogs" INTEGER NOT NULL DEFAULT 0,
    "shipped_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "shipments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shipments_source" CHECK ("source" IN ('external', 'label'))
);
CREATE TABLE "shipment_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "shipment_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "shipment_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shipment_lines_quantity_positive" CHECK ("quantity" > 0)
);
CREATE UNIQUE INDEX "shipments_number_key" ON "shipments"("number");
CREATE INDEX "shipments_order_id_idx" ON "shipments"("order_id");
CREATE INDEX "shipments_shipped_at_idx" ON "shipments"("shipped_at");
CREATE INDEX "shipment_lines_shipment_id_idx" ON "shipment_lines"("shipment_id");
CREATE INDEX "shipment_lines_order_line_id_idx" ON "shipment_lines"("order_line_id");
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "shipment_lines" ADD CONSTRAINT "shipment_lines_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

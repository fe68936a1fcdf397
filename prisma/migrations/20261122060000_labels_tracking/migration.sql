-- Labels bought in Backroom (package, billable weight, label cost) and tracking events.
ALTER TABLE "shipments" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'in_transit';
ALTER TABLE "shipments" ADD COLUMN "package_type" TEXT;
ALTER TABLE "shipments" ADD COLUMN "weight_grams" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "length_mm" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "width_mm" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "height_mm" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "billable_grams" INTEGER;
ALTER TABLE "shipments" ADD COLUMN "label_cost" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "shipments" ADD COLUMN "delivered_at" TIMESTAMPTZ(3);
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_status" CHECK ("status" IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'voided'));
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_package_positive" CHECK (coalesce("weight_grams", 1) > 0 AND "label_cost" >= 0);
CREATE INDEX "shipments_status_idx" ON "shipments"("status");

CREATE TABLE "tracking_events" (
    "id" BIGSERIAL NOT NULL,
    "shipment_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "description" TEXT,
    "location" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tracking_events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tracking_events_status" CHECK ("status" IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'voided'))
);
CREATE INDEX "tracking_events_shipment_id_occurred_at_idx" ON "tracking_events"("shipment_id", "occurred_at");
ALTER TABLE "tracking_events" ADD CONSTRAINT "tracking_events_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

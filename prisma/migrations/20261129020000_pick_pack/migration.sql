-- Scanner pick waves and tasks, pack-station parcels, and voided labels putting stock back.
ALTER TYPE "stock_movement_type" ADD VALUE 'ship_void';

CREATE TABLE "pick_waves" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "pick_waves_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pick_waves_status" CHECK ("status" IN ('open', 'done', 'cancelled'))
);
CREATE UNIQUE INDEX "pick_waves_number_key" ON "pick_waves"("number");
CREATE INDEX "pick_waves_status_created_at_idx" ON "pick_waves"("status", "created_at");

CREATE TABLE "pick_tasks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "wave_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "barcode" TEXT,
    "bin_code" TEXT,
    "pick_sequence" INTEGER,
    "tote" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "picked" INTEGER NOT NULL DEFAULT 0,
    "short_quantity" INTEGER NOT NULL DEFAULT 0,
    "short_reason" TEXT,
    "short_action" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "pick_tasks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pick_tasks_quantities" CHECK ("quantity" > 0 AND "picked" >= 0 AND "short_quantity" >= 0 AND "picked" + "short_quantity" <= "quantity"),
    CONSTRAINT "pick_tasks_short_action" CHECK ("short_action" IS NULL OR "short_action" IN ('keep_reserved', 'backorder'))
);
CREATE UNIQUE INDEX "pick_tasks_wave_id_order_line_id_key" ON "pick_tasks"("wave_id", "order_line_id");
CREATE INDEX "pick_tasks_order_id_idx" ON "pick_tasks"("order_id");
CREATE INDEX "pick_tasks_order_line_id_idx" ON "pick_tasks"("order_line_id");
ALTER TABLE "pick_tasks" ADD CONSTRAINT "pick_tasks_wave_id_fkey" FOREIGN KEY ("wave_id") REFERENCES "pick_waves"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "pick_tasks" ADD CONSTRAINT "pick_tasks_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "pick_tasks" ADD CONSTRAINT "pick_tasks_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "order_packs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "wave_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'packed',
    "lines" JSONB NOT NULL,
    "verified" JSONB NOT NULL,
    "override_reason" TEXT,
    "override_by" TEXT,
    "package_type" TEXT,
    "length_mm" INTEGER,
    "width_mm" INTEGER,
    "height_mm" INTEGER,
    "weight_grams" INTEGER NOT NULL,
    "shipment_id" UUID,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "order_packs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "order_packs_status" CHECK ("status" IN ('packed', 'shipped', 'voided')),
    CONSTRAINT "order_packs_weight_positive" CHECK ("weight_grams" > 0)
);
CREATE UNIQUE INDEX "order_packs_number_key" ON "order_packs"("number");
CREATE UNIQUE INDEX "order_packs_shipment_id_key" ON "order_packs"("shipment_id");
CREATE INDEX "order_packs_order_id_status_idx" ON "order_packs"("order_id", "status");
CREATE INDEX "order_packs_wave_id_idx" ON "order_packs"("wave_id");
ALTER TABLE "order_packs" ADD CONSTRAINT "order_packs_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "order_packs" ADD CONSTRAINT "order_packs_wave_id_fkey" FOREIGN KEY ("wave_id") REFERENCES "pick_waves"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "order_packs" ADD CONSTRAINT "order_packs_shipment_id_fkey" FOREIGN KEY ("shipment_id") REFERENCES "shipments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Replenishment runs and their forecasts per SKU × location (issue 16, decision 033). A run is
-- queued → running → completed | failed; its forecasts hold every figure of the policy arithmetic
-- that does not depend on live stock (the list adds on hand, on order and reserved when it is read).
CREATE TABLE "replenishment_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "status" TEXT NOT NULL DEFAULT 'queued',
    "trigger" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "as_of" DATE,
    "sku_count" INTEGER NOT NULL DEFAULT 0,
    "accuracy" JSONB,
    "naive_accuracy" JSONB,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "replenishment_runs_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "replenishment_runs_status_check" CHECK ("status" IN ('queued', 'running', 'completed', 'failed'))
);
CREATE INDEX "replenishment_runs_status_completed_at_idx" ON "replenishment_runs"("status", "completed_at");

CREATE TABLE "replenishment_forecasts" (
    "run_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "supplier_id" UUID,
    "demand_class" TEXT NOT NULL,
    "adi" DOUBLE PRECISION,
    "cv2" DOUBLE PRECISION,
    "abc_class" CHAR(1) NOT NULL,
    "service_level" DOUBLE PRECISION NOT NULL,
    "z" DOUBLE PRECISION NOT NULL,
    "method" TEXT NOT NULL,
    "forecast_daily" DOUBLE PRECISION NOT NULL,
    "forecast_lead_time" DOUBLE PRECISION NOT NULL,
    "forecast_review" DOUBLE PRECISION NOT NULL,
    "lead_time_days" INTEGER NOT NULL,
    "lead_time_stddev_days" DOUBLE PRECISION NOT NULL,
    "review_period_days" INTEGER NOT NULL,
    "demand_stddev" DOUBLE PRECISION NOT NULL,
    "safety_stock" DOUBLE PRECISION NOT NULL,
    "reorder_point" DOUBLE PRECISION NOT NULL,
    "order_up_to" DOUBLE PRECISION NOT NULL,
    "censored_days" INTEGER NOT NULL,
    "accuracy" JSONB,
    "naive_accuracy" JSONB,
    "path" DOUBLE PRECISION[] NOT NULL,
    CONSTRAINT "replenishment_forecasts_pkey" PRIMARY KEY ("run_id", "variant_id", "location_id")
);
CREATE INDEX "replenishment_forecasts_variant_id_idx" ON "replenishment_forecasts"("variant_id");

ALTER TABLE "replenishment_forecasts" ADD CONSTRAINT "replenishment_forecasts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "replenishment_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replenishment_forecasts" ADD CONSTRAINT "replenishment_forecasts_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replenishment_forecasts" ADD CONSTRAINT "replenishment_forecasts_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "replenishment_forecasts" ADD CONSTRAINT "replenishment_forecasts_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- KPI rollups (docs/decisions/014-kpi-rollups.md).
-- Events append delta rows in their own transaction (no shared hot row); compaction folds them into
-- kpi_daily. A reader sums kpi_daily + the not-yet-compacted deltas, so it is always exact.
-- channel '' = not attributable to a sales channel (e.g. a manual journal entry): counted in "all channels".
CREATE TABLE "kpi_fact_deltas" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "kpi_fact_deltas_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "kpi_fact_deltas_day_idx" ON "kpi_fact_deltas"("day");

CREATE TABLE "kpi_daily" (
    "day" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    CONSTRAINT "kpi_daily_pkey" PRIMARY KEY ("day", "channel", "metric")
);

-- A SKU is stocked out while its available units summed over locations (on hand − reserved) are ≤ 0.
-- Opened and closed by the stock movement that crosses zero; baseline = average daily units ordered in
-- the 28 days before the stockout started (for the estimated lost revenue).
CREATE TABLE "stockout_periods" (
    "id" BIGSERIAL NOT NULL,
    "variant_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "baseline_daily_units" DOUBLE PRECISION NOT NULL DEFAULT 0,
    CONSTRAINT "stockout_periods_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stockout_periods_order" CHECK ("ended_at" IS NULL OR "ended_at" >= "started_at")
);
CREATE INDEX "stockout_periods_variant_id_started_at_idx" ON "stockout_periods"("variant_id", "started_at");
CREATE INDEX "stockout_periods_ended_at_idx" ON "stockout_periods"("ended_at");
-- At most one open period per SKU.
CREATE UNIQUE INDEX "stockout_periods_open_key" ON "stockout_periods"("variant_id") WHERE "ended_at" IS NULL;
ALTER TABLE "stockout_periods" ADD CONSTRAINT "stockout_periods_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Cycle counts (docs/decisions/017-cycle-counts.md): a count sheet per location, optionally limited
-- to bins or SKUs, one line per stock level in scope. Blind counts: the counter records what is on the
-- shelf; the expected quantity is read under the level's lock at the moment a line is counted, so
-- movements during the count (a shipment) never show up as variance. Completion posts each variance as
-- a count_correction adjustment (costed, to the ledger) and records the inventory accuracy KPI facts.
CREATE TYPE "cycle_count_status" AS ENUM ('draft', 'counting', 'completed', 'cancelled');

CREATE TABLE "cycle_counts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "location_id" UUID NOT NULL,
    "status" "cycle_count_status" NOT NULL DEFAULT 'draft',
    "scope_description" TEXT NOT NULL,
    "scope_bins" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "scope_skus" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "created_by_id" TEXT,
    "created_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "started_by" TEXT,
    "completed_at" TIMESTAMPTZ(3),
    "completed_by_id" TEXT,
    "completed_by" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancelled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cycle_counts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cycle_counts_completed_at" CHECK (("status" = 'completed') = ("completed_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "cycle_counts_number_key" ON "cycle_counts"("number");
CREATE INDEX "cycle_counts_status_created_at_idx" ON "cycle_counts"("status", "created_at");
CREATE INDEX "cycle_counts_completed_at_idx" ON "cycle_counts"("completed_at");
ALTER TABLE "cycle_counts" ADD CONSTRAINT "cycle_counts_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "cycle_count_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "cycle_count_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "bin_id" UUID,
    "bin_code" TEXT,
    "expected_at_start" INTEGER,
    "expected" INTEGER,
    "counted" INTEGER,
    "counted_at" TIMESTAMPTZ(3),
    "counted_by_id" TEXT,
    "counted_by" TEXT,
    "variance" INTEGER,
    "value" INTEGER NOT NULL DEFAULT 0,
    "adjustment_id" UUID,
    CONSTRAINT "cycle_count_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cycle_count_lines_counted_nonnegative" CHECK ("counted" IS NULL OR "counted" >= 0),
    CONSTRAINT "cycle_count_lines_variance" CHECK (("counted" IS NULL AND "variance" IS NULL) OR ("counted" IS NOT NULL AND "expected" IS NOT NULL AND "variance" = "counted" - "expected"))
);
CREATE UNIQUE INDEX "cycle_count_lines_cycle_count_id_variant_id_key" ON "cycle_count_lines"("cycle_count_id", "variant_id");
CREATE INDEX "cycle_count_lines_variant_id_idx" ON "cycle_count_lines"("variant_id");
ALTER TABLE "cycle_count_lines" ADD CONSTRAINT "cycle_count_lines_cycle_count_id_fkey" FOREIGN KEY ("cycle_count_id") REFERENCES "cycle_counts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cycle_count_lines" ADD CONSTRAINT "cycle_count_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "cycle_count_lines" ADD CONSTRAINT "cycle_count_lines_bin_id_fkey" FOREIGN KEY ("bin_id") REFERENCES "bins"("id") ON DELETE SET NULL ON UPDATE CASCADE;

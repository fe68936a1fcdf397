-- Monthly KPI rollups (docs/decisions/014-kpi-rollups.md, addendum "A monthly level").
-- kpi_monthly holds, per (first day of a shop-timezone month, channel, metric), the sum of kpi_daily
-- over that month's days. Compaction and the rebuild write both tables in one statement/transaction,
-- so in any snapshot kpi_monthly = Σ kpi_daily per month: a reader takes whole months from here, the
-- edge days from kpi_daily and the pending deltas from kpi_fact_deltas, and counts each fact once.
CREATE TABLE "kpi_monthly" (
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" BIGINT NOT NULL,
    CONSTRAINT "kpi_monthly_pkey" PRIMARY KEY ("month", "channel", "metric"),
    CONSTRAINT "kpi_monthly_first_of_month" CHECK ("month" = date_trunc('month', "month")::date)
);

-- Existing daily rollups: folded in under the compactor's lock, so no compaction runs in between.
SELECT pg_advisory_xact_lock(hashtext('kpi_rollups'));
INSERT INTO "kpi_monthly" ("month", "channel", "metric", "value")
SELECT date_trunc('month', "day")::date, "channel", "metric", sum("value")
FROM "kpi_daily" GROUP BY 1, 2, 3 HAVING sum("value") <> 0;

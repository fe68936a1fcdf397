BEGIN;
INSERT INTO kpi_fact_deltas (day, channel, metric, value)
  VALUES (current_date, 'web', 'orders_placed', 1), (current_date, 'web', 'gross_sales', 2500);
SELECT pg_sleep(0.02);
COMMIT;

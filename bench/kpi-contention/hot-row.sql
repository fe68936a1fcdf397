BEGIN;
INSERT INTO kpi_daily (day, channel, metric, value)
  VALUES (current_date, 'web', 'orders_placed', 1), (current_date, 'web', 'gross_sales', 2500)
  ON CONFLICT (day, channel, metric) DO UPDATE SET value = kpi_daily.value + EXCLUDED.value;
SELECT pg_sleep(0.02);
COMMIT;

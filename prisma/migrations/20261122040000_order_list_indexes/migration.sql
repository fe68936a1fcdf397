-- Order list sorted by total (lib/orders/queries.ts orderList, sort=total_desc|total_asc).
-- Without it every "by total" page sorts all matching orders: ~0.5 s for the unfiltered list at 1M
-- orders (parallel seq scan + external sort), ~0.3 s for a channel or a 30-day range. With it the
-- list walks the index in order (ORDER BY total, id matches the keyset cursor) and stops after one
-- page: ~2 ms unfiltered, by channel or date range; ~30 ms for status=open (rarer rows, filtered).
-- Measured with `npm run bench -- --orders 1000000` (bench/README.md).

-- CreateIndex
CREATE INDEX "orders_total_id_idx" ON "orders"("total", "id");

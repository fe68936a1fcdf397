-- "Orders past their ship-by date" (the dashboard's Needs attention on every load, and the orders
-- list's ship=past_due filter): open orders with promised_ship_by < now. Through (status, placed_at)
-- this read every open order's row (~12k heap rows, 18–90 ms at 1M orders); this partial index holds
-- only open orders' promised dates. Prisma's schema cannot state a partial index: it lives here only.
CREATE INDEX "orders_open_promised_ship_by_idx" ON "orders" ("promised_ship_by") WHERE "status" IN ('open', 'partially_fulfilled');

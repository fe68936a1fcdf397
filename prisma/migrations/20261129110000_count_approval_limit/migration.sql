-- The value of inventory a cycle count may move before a manager must complete it (decision 017),
-- a shop setting like the support refund limit; 10000 = 100.00 in the shop's currency.
ALTER TABLE "shop_settings" ADD COLUMN "count_approval_limit" INTEGER NOT NULL DEFAULT 10000;

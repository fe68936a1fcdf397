-- Orders marked `authorized` that had only part of their total captured (the old rule called any
-- capture short of the total "authorized") are partially paid. A value added to an enum can only be
-- used once that migration has committed, hence this second one.
UPDATE "orders" SET "payment_status" = 'partially_paid'
 WHERE "payment_status" = 'authorized' AND "amount_paid" > 0 AND "amount_paid" < "total";

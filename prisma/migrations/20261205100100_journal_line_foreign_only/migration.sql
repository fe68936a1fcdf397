-- A line may move a foreign-currency balance while its base amount rounds to zero (a 0.01 EUR part
-- payment whose share of the carrying amount is 0.004 USD, decision 047): it is written with base
-- 0/0 and its transaction amount, so the foreign balance it settles is not left open.
ALTER TABLE journal_lines DROP CONSTRAINT "journal_lines_one_side";
ALTER TABLE journal_lines ADD CONSTRAINT "journal_lines_one_side" CHECK (
  ("debit" > 0 AND "credit" = 0) OR ("credit" > 0 AND "debit" = 0)
  OR ("debit" = 0 AND "credit" = 0 AND txn_currency IS NOT NULL AND (txn_debit > 0 OR txn_credit > 0))
);

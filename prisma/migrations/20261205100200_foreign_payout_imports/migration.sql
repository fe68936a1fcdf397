-- Payout reports in a currency other than the shop's (decision 047): the rate the import converted
-- at (the payout day's or the last before) and the base amount that reached the bank.
ALTER TABLE payout_imports
  ADD COLUMN fx_rate numeric(20, 10),
  ADD COLUMN fx_rate_date date,
  ADD COLUMN bank_amount bigint;
ALTER TABLE payouts ADD COLUMN fx_rate numeric(20, 10);

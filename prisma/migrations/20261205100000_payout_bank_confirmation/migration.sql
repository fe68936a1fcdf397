-- A payout the bank statement confirmed (decision 047): the day the deposit reached the bank, the
-- statement row, and who confirmed it. Null until a bank statement matched it and was confirmed.
ALTER TABLE payouts
  ADD COLUMN bank_confirmed_on date,
  ADD COLUMN bank_confirmed_by text,
  ADD COLUMN bank_description text;

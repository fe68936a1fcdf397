-- Exchange rates and transaction amounts on journal lines (docs/decisions/037-fx-rates-and-base-amounts.md).
-- A rate is units of the shop's currency per one unit of `currency`, for `date`; the rate for a day
-- is that day's or the last before it.
CREATE TABLE fx_rates (
  currency   char(3)        NOT NULL,
  date       date           NOT NULL,
  rate       numeric(20, 10) NOT NULL CHECK (rate > 0),
  source     text           NOT NULL CHECK (source IN ('manual', 'api', 'ecb')),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (currency, date)
);

-- A line's own amount and currency beside its base amount (debit/credit, the shop's currency).
-- NULL = the line is in the shop's currency (every line written before this migration, and every
-- line the order intake writes): its transaction amount is its base amount.
ALTER TABLE journal_lines
  ADD COLUMN txn_currency char(3),
  ADD COLUMN txn_debit bigint,
  ADD COLUMN txn_credit bigint,
  ADD CONSTRAINT journal_lines_txn_complete CHECK (
    (txn_currency IS NULL AND txn_debit IS NULL AND txn_credit IS NULL)
    OR (txn_currency IS NOT NULL AND txn_debit >= 0 AND txn_credit >= 0)
  );

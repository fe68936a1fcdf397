-- Close and reconcile (docs/decisions/043-close-and-reconcile.md).

-- Daily balances per account beside the monthly ones (decision 038): a statement's partial month
-- (a balance sheet mid-month, a P&L from the 15th) sums at most ~30 rows per account here instead of
-- that month's journal lines. Same trigger shape, same lock order, same restore and rezone rules.
CREATE TABLE account_day_balances (
  account_id uuid   NOT NULL REFERENCES accounts (id),
  day        date   NOT NULL,
  debit      bigint NOT NULL DEFAULT 0,
  credit     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day)
);
CREATE INDEX account_day_balances_day ON account_day_balances (day);

CREATE FUNCTION account_day_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO account_day_balances AS b (account_id, day, debit, credit)
  SELECT n.account_id,
         (e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         sum(n.debit), sum(n.credit)
  FROM new_lines n JOIN journal_entries e ON e.id = n.entry_id
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (account_id, day)
    DO UPDATE SET debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit;
  RETURN NULL;
END $$;

CREATE TRIGGER journal_lines_day_balances AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION account_day_balances_add();

CREATE OR REPLACE FUNCTION account_month_balances_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE account_month_balances, account_day_balances;
  RETURN NULL;
END $$;

-- The rezone trigger calls this: both grains move with the shop's time zone.
CREATE OR REPLACE FUNCTION rebuild_account_month_balances() RETURNS void LANGUAGE sql AS $$
  DELETE FROM account_month_balances;
  INSERT INTO account_month_balances (account_id, month, debit, credit)
  SELECT l.account_id,
         date_trunc('month', e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         sum(l.debit), sum(l.credit)
  FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
  GROUP BY 1, 2;
  DELETE FROM account_day_balances;
  INSERT INTO account_day_balances (account_id, day, debit, credit)
  SELECT l.account_id,
         (e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         sum(l.debit), sum(l.credit)
  FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
  GROUP BY 1, 2;
$$;

INSERT INTO account_day_balances (account_id, day, debit, credit)
SELECT l.account_id,
       (e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
       sum(l.debit), sum(l.credit)
FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
GROUP BY 1, 2;

-- Retained earnings receives the year-end close; clearing differences the payout residuals.
INSERT INTO "accounts" ("code", "name", "type", "statement_section", "system") VALUES
  ('3200', 'Retained earnings', 'equity', NULL, true),
  ('1090', 'Processor clearing differences', 'asset', NULL, true)
ON CONFLICT ("code") DO NOTHING;

-- The fiscal year starts on the first day of this month (1 = the calendar year).
ALTER TABLE shop_settings
  ADD COLUMN fiscal_year_start_month integer NOT NULL DEFAULT 1
    CHECK (fiscal_year_start_month BETWEEN 1 AND 12);

-- One year-end close per fiscal year (its first day): the entry that moves the year's P&L balances
-- into 3200. The statements skip it, so they read the same before and after.
CREATE TABLE fiscal_year_closes (
  year_start  date           PRIMARY KEY,
  year_end    date           NOT NULL,
  entry_id    uuid           REFERENCES journal_entries (id),
  net_income  bigint         NOT NULL,
  actor_label text           NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

-- One imported payout report: its file (by SHA-256, so the same file posts once), the lines as
-- matched, the payout it recorded and the residual moved to 1090.
CREATE TABLE payout_imports (
  id                uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
  file_sha256       char(64)       NOT NULL UNIQUE,
  format            text           NOT NULL CHECK (format IN ('stripe', 'shopify')),
  reference         text           NOT NULL,
  currency          char(3)        NOT NULL,
  paid_on           date           NOT NULL,
  net               bigint         NOT NULL,
  expected          bigint         NOT NULL,
  residual          bigint         NOT NULL CHECK (residual = net - expected),
  matched_count     integer        NOT NULL,
  unmatched_count   integer        NOT NULL,
  -- [{row, type, date, reference, order_number, amount, fee, net, status, match, reason}]
  lines             jsonb          NOT NULL,
  payout_id         uuid           REFERENCES payouts (id),
  residual_entry_id uuid           REFERENCES journal_entries (id),
  actor_label       text           NOT NULL,
  created_at        timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX payout_imports_paid_on ON payout_imports (paid_on);

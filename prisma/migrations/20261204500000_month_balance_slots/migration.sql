-- Monthly balances in slots (docs/decisions/044-intake-at-database-speed.md): every posting used to
-- upsert the same few rows (receivable, sales, tax, clearing … of the current month) and held their
-- locks until commit, so concurrent order intakes queued one behind the other there (a hot row, as
-- decision 014 found for the KPI rollups). A posting now adds to one of 64 slots of each
-- (account, month), chosen by its transaction id, so transactions that run at the same time (nearby
-- ids) land in different rows. A month's balance is the sum of its slots; the readers already sum.
ALTER TABLE account_month_balances ADD COLUMN slot integer NOT NULL DEFAULT 0 CHECK (slot >= 0 AND slot < 64);
ALTER TABLE account_month_balances DROP CONSTRAINT account_month_balances_pkey;
ALTER TABLE account_month_balances ADD CONSTRAINT account_month_balances_pkey PRIMARY KEY (account_id, month, slot);

CREATE OR REPLACE FUNCTION account_month_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A backup being restored copies this table as it was (lib/platform/backup.ts).
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO account_month_balances AS b (account_id, month, slot, debit, credit)
  SELECT n.account_id,
         date_trunc('month', e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         (pg_current_xact_id()::text::bigint % 64)::int,
         sum(n.debit), sum(n.credit)
  FROM new_lines n JOIN journal_entries e ON e.id = n.entry_id
  GROUP BY 1, 2
  ORDER BY 1, 2 -- a fixed lock order, so two posting transactions cannot deadlock on these rows
  ON CONFLICT (account_id, month, slot)
    DO UPDATE SET debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit;
  RETURN NULL;
END $$;

-- The daily balances (decision 043) get the same slots in 20261204400100_day_balance_slots.

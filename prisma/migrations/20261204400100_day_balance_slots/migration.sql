-- Daily balances in slots, as the monthly ones (docs/decisions/044-intake-at-database-speed.md): the
-- day rows of decision 043 were the same hot rows again (today's receivable, sales, tax, clearing),
-- locked by every posting until commit. A posting now adds to one of 64 slots of each (account, day),
-- chosen by its transaction id; a day's balance is the sum of its slots, which the readers already take.
ALTER TABLE account_day_balances ADD COLUMN slot integer NOT NULL DEFAULT 0 CHECK (slot >= 0 AND slot < 64);
ALTER TABLE account_day_balances DROP CONSTRAINT account_day_balances_pkey;
ALTER TABLE account_day_balances ADD CONSTRAINT account_day_balances_pkey PRIMARY KEY (account_id, day, slot);

CREATE OR REPLACE FUNCTION account_day_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO account_day_balances AS b (account_id, day, slot, debit, credit)
  SELECT n.account_id,
         (e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         (pg_current_xact_id()::text::bigint % 64)::int,
         sum(n.debit), sum(n.credit)
  FROM new_lines n JOIN journal_entries e ON e.id = n.entry_id
  GROUP BY 1, 2
  ORDER BY 1, 2 -- a fixed lock order, so two posting transactions cannot deadlock on these rows
  ON CONFLICT (account_id, day, slot)
    DO UPDATE SET debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit;
  RETURN NULL;
END $$;

-- Monthly balances per account (docs/decisions/038-monthly-account-balances.md): Σdebit and Σcredit of
-- each account per shop-timezone calendar month, kept by a statement trigger on journal_lines in the
-- transaction that posts the lines (postJournalEntry, take_order, SQL). The statements read whole
-- months here and only the partial months from journal_lines.
CREATE TABLE account_month_balances (
  account_id uuid   NOT NULL REFERENCES accounts (id),
  month      date   NOT NULL CHECK (extract(day FROM month) = 1),
  debit      bigint NOT NULL DEFAULT 0,
  credit     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, month)
);
CREATE INDEX account_month_balances_month ON account_month_balances (month);

CREATE FUNCTION account_month_balances_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A backup being restored copies this table as it was (lib/platform/backup.ts).
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO account_month_balances AS b (account_id, month, debit, credit)
  SELECT n.account_id,
         date_trunc('month', e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         sum(n.debit), sum(n.credit)
  FROM new_lines n JOIN journal_entries e ON e.id = n.entry_id
  GROUP BY 1, 2
  ORDER BY 1, 2 -- a fixed lock order, so two posting transactions cannot deadlock on these rows
  ON CONFLICT (account_id, month)
    DO UPDATE SET debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit;
  RETURN NULL;
END $$;

CREATE TRIGGER journal_lines_month_balances AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION account_month_balances_add();

-- The journal is append-only; emptying it (tests, a restore) empties the balances with it.
CREATE FUNCTION account_month_balances_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE account_month_balances;
  RETURN NULL;
END $$;
CREATE TRIGGER journal_lines_month_balances_clear AFTER TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION account_month_balances_clear();

-- Rebuilt from the journal: after this migration, and when the shop's time zone changes (months move).
CREATE FUNCTION rebuild_account_month_balances() RETURNS void LANGUAGE sql AS $$
  DELETE FROM account_month_balances;
  INSERT INTO account_month_balances (account_id, month, debit, credit)
  SELECT l.account_id,
         date_trunc('month', e.posted_at AT TIME ZONE coalesce((SELECT timezone FROM shop_settings WHERE id = 1), 'UTC'))::date,
         sum(l.debit), sum(l.credit)
  FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
  GROUP BY 1, 2;
$$;
SELECT rebuild_account_month_balances();

-- The lock-date check (20261202500000_lock_dates) also lets a restore through.
CREATE OR REPLACE FUNCTION journal_entry_lock_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s record;
  locked date;
  entry_day date;
BEGIN
  -- A backup being restored brings back entries as they were (lib/platform/backup.ts).
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NEW;
  END IF;
  SELECT lock_date, lock_date_all, timezone INTO s FROM shop_settings WHERE id = 1;
  IF NOT FOUND OR (s.lock_date IS NULL AND s.lock_date_all IS NULL) THEN
    RETURN NEW;
  END IF;
  locked := s.lock_date_all;
  IF s.lock_date IS NOT NULL AND NOT (
    NEW.actor_type = 'user' AND EXISTS (
      SELECT 1 FROM users u WHERE u.id::text = NEW.actor_id AND u.role = 'admin'
    )
  ) THEN
    locked := greatest(coalesce(locked, s.lock_date), s.lock_date);
  END IF;
  entry_day := (NEW.posted_at AT TIME ZONE s.timezone)::date;
  IF locked IS NOT NULL AND entry_day <= locked THEN
    RAISE EXCEPTION 'PERIOD_LOCKED %', to_char(locked, 'YYYY-MM-DD')
      USING ERRCODE = 'BR001',
            DETAIL = 'The books are locked through ' || to_char(locked, 'YYYY-MM-DD') || '; entry dated ' || to_char(entry_day, 'YYYY-MM-DD');
  END IF;
  RETURN NEW;
END $$;


-- Months are shop-timezone months: a new time zone moves entries between them.
CREATE FUNCTION account_month_balances_rezone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('backroom.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM rebuild_account_month_balances();
  RETURN NULL;
END $$;
CREATE TRIGGER shop_settings_month_balances AFTER UPDATE OF timezone ON shop_settings
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
  EXECUTE FUNCTION account_month_balances_rezone();

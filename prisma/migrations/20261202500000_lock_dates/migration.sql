-- Lock dates (docs/decisions/036-lock-dates-in-the-database.md). lock_date holds everyone but admins,
-- lock_date_all holds everyone (API keys and the system actor are held by both). A journal entry
-- dated (shop time zone) on or before the lock date that holds its actor is refused by the
-- database, whichever path posts it: postJournalEntry, the take_order function, raw SQL.
ALTER TABLE shop_settings ADD COLUMN lock_date date, ADD COLUMN lock_date_all date;

CREATE FUNCTION journal_entry_lock_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s record;
  locked date;
  entry_day date;
BEGIN
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

CREATE TRIGGER journal_entries_lock_check BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_entry_lock_check();

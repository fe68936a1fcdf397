-- The deferred balance check once per journal entry, not once per line
-- (docs/decisions/053-balance-check-per-entry-and-time-ordered-ids.md).
--
-- Before: journal_entries_balanced fired for every entry and journal_lines_balanced for every line, each
-- summing the entry's lines at commit — 10 checks for an order's 2 entries and 8 lines, 8 of them
-- repeating the entry's own. Now an entry whose check is queued and has not fired yet is noted in the
-- transaction-local setting backroom.unchecked_entries; a line of such an entry queues no check of its
-- own, since the entry's check, fired later, sums every line the entry has by then. Every other line
-- (of an entry committed earlier, of an entry whose check already fired — SET CONSTRAINTS … IMMEDIATE —,
-- or of an entry past the note's bound) queues its check as before. So every entry still balances, with
-- at least two lines, when the transaction commits.
--
-- The note is exact: an entry is added in the WHEN of its own check's trigger (evaluated as the row is
-- inserted, when the check is queued; a row that ON CONFLICT skips queues nothing and is not noted) and
-- removed when that check fires. Being transaction-local it goes with a commit or a rollback, and a
-- savepoint rolled back restores it together with the queued checks it rolls back. At most 64 entries are
-- noted at once (a transaction posting thousands keeps the per-line checks rather than a long list).

-- Notes that entry's deferred check has been queued; true, so it serves as its trigger's WHEN. Plain SQL, so
-- the WHEN inlines it (no function call per entry).
CREATE FUNCTION "journal_entry_check_queued"(entry uuid) RETURNS boolean LANGUAGE sql AS $$
  SELECT set_config('backroom.unchecked_entries',
           coalesce(current_setting('backroom.unchecked_entries', true), '')
           || CASE WHEN length(coalesce(current_setting('backroom.unchecked_entries', true), '')) < 64 * 37
                   THEN entry::text || ',' ELSE '' END,
           true) IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION "journal_entry_must_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry UUID;
  total_debit BIGINT;
  total_credit BIGINT;
  line_count INT;
  noted text;
BEGIN
  -- NEW's fields are resolved per table, so read the entry id in separate branches.
  IF TG_TABLE_NAME = 'journal_entries' THEN
    entry := NEW."id";
    -- From here on this entry's check has run: a line added to it later queues its own.
    noted := current_setting('backroom.unchecked_entries', true);
    IF strpos(noted, entry::text) > 0 THEN
      PERFORM set_config('backroom.unchecked_entries', replace(noted, entry::text || ',', ''), true);
    END IF;
  ELSE
    entry := NEW."entry_id";
  END IF;
  SELECT coalesce(sum("debit"), 0), coalesce(sum("credit"), 0), count(*)
    INTO total_debit, total_credit, line_count
    FROM "journal_lines" WHERE "entry_id" = entry;
  IF line_count < 2 THEN
    RAISE EXCEPTION 'journal entry % has % line(s); it needs at least two', entry, line_count USING ERRCODE = '23514';
  END IF;
  IF total_debit <> total_credit THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits % <> credits %', entry, total_debit, total_credit USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "journal_entries_balanced" ON "journal_entries";
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT ON "journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ("journal_entry_check_queued"(NEW."id"))
  EXECUTE FUNCTION "journal_entry_must_balance"();
DROP TRIGGER "journal_lines_balanced" ON "journal_lines";
CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT ON "journal_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (strpos(coalesce(current_setting('backroom.unchecked_entries', true), ''), NEW."entry_id"::text) = 0)
  EXECUTE FUNCTION "journal_entry_must_balance"();

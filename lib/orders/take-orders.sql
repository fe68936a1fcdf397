-- take_orders(p jsonb, INOUT answers jsonb): a batch of order intakes in one call (lib/orders/take-order.ts
-- takeOrders calls it; decision 050). p is a JSON array of take_order payloads (lib/orders/take-order.sql);
-- answers is the array of their answers, in the same order.
--
-- This file is the source of the procedure, as take-order.sql is of take_order: a migration that changes
-- take_orders copies it verbatim; tests/unit/orders/take-order-sql.test.ts fails when the newest migration
-- defining take_orders differs from this file (whitespace aside).
--
-- The rules, in words:
--   * Every order is its own transaction, all or nothing, as a single intake is: take_order runs in a
--     block with an EXCEPTION handler, its deferred checks (the journal entries balance) run at the end
--     of that block, and the order commits before the next begins. An order that fails rolls back alone
--     and answers {"error": {code, message}} (the SQLSTATE and the database's message); a refused order
--     (duplicate, out of stock, a replay) writes nothing and answers as take_order does.
--   * The orders are taken in the order given, so a later order sees what an earlier one reserved (two
--     orders competing for the last unit resolve by position), and an order holds its stock levels only
--     until its own commit, as a single intake does.
--   * A procedure that commits: CALL it outside any transaction block (the app's pool, autocommit).
CREATE OR REPLACE PROCEDURE "take_orders"(p jsonb, INOUT answers jsonb DEFAULT NULL) LANGUAGE plpgsql AS $$
DECLARE
  answer jsonb;
  taken jsonb[] := '{}';
BEGIN
  FOR i IN 0 .. jsonb_array_length(p) - 1 LOOP
    BEGIN
      answer := take_order(p->i);
      -- The order's deferred checks now, inside its block, so a failing one rolls back this order only.
      SET CONSTRAINTS ALL IMMEDIATE;
    EXCEPTION WHEN OTHERS THEN
      answer := jsonb_build_object('error', jsonb_build_object('code', SQLSTATE, 'message', SQLERRM));
    END;
    taken := taken || answer;
    COMMIT;
  END LOOP;
  answers := to_jsonb(taken);
END $$;

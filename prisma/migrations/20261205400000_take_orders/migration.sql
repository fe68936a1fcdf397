-- take_orders: a batch of order intakes in one call, a commit per order (decision 050); source
-- lib/orders/take-orders.sql.
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

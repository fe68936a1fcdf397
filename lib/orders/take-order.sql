-- take_order(p jsonb): the order intake write (lib/orders/take-order.ts takeOrder calls it; decision 016).
--
-- This file is the source of the function. A migration that changes take_order copies it verbatim
-- (CREATE OR REPLACE FUNCTION …); tests/unit/orders/take-order-sql.test.ts fails when the newest migration
-- defining take_order differs from this file (whitespace aside).
--
-- The reservation rule, in words:
--   * An order reserves stock for every line or for none. The lines arrive merged per (variant,
--     location) (mergeStockLines), so one SKU ordered twice at one location is checked once, summed.
--   * The stock levels are locked in (variant, location) order, so two intakes that touch the same
--     levels wait for each other instead of deadlocking, and each check reads the latest committed row.
--   * A line is short when its level's available units (on hand − reserved) are fewer than the
--     quantity, unless backorder is allowed: by the level's own flag, or by the variant's when the
--     location has no level yet. One short line refuses the whole order with {"out_of_stock": [...]}
--     naming every short SKU, its location, what was requested and what is available (never below 0);
--     nothing is written.
--   * A backorderable SKU without a level at the location gets an empty one (locked like the rest).
--   * Reserving raises the level's reserved units by the quantity (on hand is untouched until the
--     shipment) and writes one 'reserve' stock movement per level; a level whose available units
--     cross into ≤ 0 opens its SKU's stockout period (sync_stockout).
--
-- An order taken on hold (the payment-due hold, decision 031) carries its hold_reason in p.order.
--
-- Before any of that: a second order with the same channel + external id is refused
-- ({"duplicate": …}), and a request already answered under its Idempotency-Key gets that answer back
-- ({"replay": …}); neither writes anything.
--
-- p: {at, order: {orders columns but number and customer_id}, customer: {email, first_name, last_name, phone},
--     lines: [order_lines rows], stock: [{variant_id, location_id, quantity, sku, location_code}] merged,
--     actor: {type, id}, payment: payments row | null, entries: [journal_entries rows, memo may hold
--     {number}], journal_lines: [rows], facts: [{at, channel, metric, value}], audit: audit_log row,
--     idempotency: {scope, key, request_hash, status} | null, response: the answer without number and customer}
-- An order in another currency than the shop's carries fx_rate and base_total (decision 035); its
-- journal lines carry txn_currency, txn_debit and txn_credit beside their base amounts.
-- tax lines: p.tax_lines are the order's tax lines (tax_lines rows, kind 'sale', decision 042), written
-- beside the sale entry they belong to.
CREATE OR REPLACE FUNCTION "take_order"(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  o jsonb := p->'order';
  at timestamptz := (p->>'at')::timestamptz;
  existing record;
  cust record;
  short jsonb;
  levels_found int;
  idem jsonb := p->'idempotency';
  stored record;
  answer jsonb;
  order_number int;
  crossing uuid;
BEGIN
  -- 1. A second order with the same channel + external id: serialised, then refused — unless it is
  --    a replay of a request already answered under its Idempotency-Key.
  IF o->>'external_id' IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('order:' || (o->>'channel') || ':' || (o->>'external_id')));
  END IF;
  IF jsonb_typeof(idem) = 'object' THEN
    SELECT k.status, k.response, k.request_hash INTO stored
      FROM idempotency_keys k WHERE k.scope = idem->>'scope' AND k.key = idem->>'key';
    IF FOUND THEN
      RETURN jsonb_build_object('replay', jsonb_build_object('status', stored.status, 'response', stored.response,
                                                             'request_hash', stored.request_hash));
    END IF;
  END IF;
  IF o->>'external_id' IS NOT NULL THEN
    SELECT id, number INTO existing
      FROM orders WHERE channel = (o->>'channel')::sales_channel AND external_id = o->>'external_id';
    IF FOUND THEN
      RETURN jsonb_build_object('duplicate', jsonb_build_object('id', existing.id, 'number', existing.number));
    END IF;
  END IF;

  -- 2. Lock the stock levels in (variant, location) order and check every line (all or nothing), in
  --    one statement: a locked row reads its latest committed values. Each level and each variant is
  --    read by its key, in a LATERAL subquery per line (the levels' locked as read, in the sorted lines'
  --    order; OFFSET 0 keeps the variants' from being joined back): the planner counts any
  --    jsonb_to_recordset as 100 rows, and would scan every level and every variant to hash-join the
  --    order's 1–3 lines (decision 052).
  WITH s AS (SELECT * FROM jsonb_to_recordset(p->'stock')
               AS s(variant_id uuid, location_id uuid, quantity int, sku text, location_code text)),
  locked AS MATERIALIZED (
    SELECT k.* FROM (SELECT s.variant_id, s.location_id FROM s ORDER BY s.variant_id, s.location_id) q
     CROSS JOIN LATERAL (SELECT l.variant_id, l.location_id, l.on_hand, l.reserved, l.backorder_allowed
                           FROM stock_levels l WHERE l.variant_id = q.variant_id AND l.location_id = q.location_id
                            FOR UPDATE OF l) k
  )
  SELECT count(k.variant_id),
         jsonb_agg(jsonb_build_object('sku', s.sku, 'location', s.location_code, 'requested', s.quantity,
                                      'available', greatest(coalesce(k.on_hand - k.reserved, 0), 0))
                   ORDER BY s.variant_id)
           FILTER (WHERE NOT coalesce(k.backorder_allowed, v.allow_backorder)
                     AND coalesce(k.on_hand - k.reserved, 0) < s.quantity)
    INTO levels_found, short
    FROM s CROSS JOIN LATERAL (SELECT v.allow_backorder FROM variants v WHERE v.id = s.variant_id OFFSET 0) v
    LEFT JOIN locked k ON k.variant_id = s.variant_id AND k.location_id = s.location_id;
  IF short IS NOT NULL THEN
    RETURN jsonb_build_object('out_of_stock', short);
  END IF;
  -- A backorderable SKU with no level at this location yet gets an empty one (as lockLevel does).
  IF levels_found < jsonb_array_length(p->'stock') THEN
    INSERT INTO stock_levels (variant_id, location_id, backorder_allowed)
    SELECT v.id, s.location_id, v.allow_backorder
      FROM jsonb_to_recordset(p->'stock') AS s(variant_id uuid, location_id uuid) JOIN variants v ON v.id = s.variant_id
      WHERE NOT EXISTS (SELECT 1 FROM stock_levels l
                         WHERE l.variant_id = s.variant_id AND l.location_id = s.location_id)
    ON CONFLICT (variant_id, location_id) DO NOTHING;
    PERFORM 1 FROM stock_levels l JOIN jsonb_to_recordset(p->'stock') AS s(variant_id uuid, location_id uuid)
      ON l.variant_id = s.variant_id AND l.location_id = s.location_id
      ORDER BY l.variant_id, l.location_id FOR UPDATE OF l;
  END IF;

  -- The key, once the order is known to be taken: a concurrent request with the same key waits here
  -- until this one commits (then answers with its response) or rolls back.
  IF jsonb_typeof(idem) = 'object' THEN
    INSERT INTO idempotency_keys (scope, key, request_hash, status, response)
    VALUES (idem->>'scope', idem->>'key', idem->>'request_hash', 0, 'null'::jsonb)
    ON CONFLICT (scope, key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT k.status, k.response, k.request_hash INTO stored
        FROM idempotency_keys k WHERE k.scope = idem->>'scope' AND k.key = idem->>'key';
      RETURN jsonb_build_object('replay', jsonb_build_object('status', stored.status, 'response', stored.response,
                                                             'request_hash', stored.request_hash));
    END IF;
  END IF;

  -- 3. The customer (email is unique; an existing customer keeps their name).
  INSERT INTO customers (email, first_name, last_name, phone)
  VALUES (p->'customer'->>'email', p->'customer'->>'first_name', p->'customer'->>'last_name', p->'customer'->>'phone')
  ON CONFLICT (email) DO UPDATE SET updated_at = now()
  RETURNING id, first_name, last_name INTO cust;

  -- 4. The order and its lines.
  order_number := nextval('orders_number_seq');
  INSERT INTO orders (id, number, channel, external_id, status, payment_status, customer_id, email, currency,
                      subtotal, discount_amount, shipping_amount, tax_amount, total,
                      shipping_address, billing_address, shipping_method, promised_ship_by, placed_at, note,
                      location_id, risk_score, risk_level, risk_reasons, customer_ip, amount_paid,
                      hold_reason, fx_rate, base_total, created_at, updated_at)
  SELECT r.id, order_number, r.channel, r.external_id, r.status, r.payment_status, cust.id, r.email, r.currency,
         r.subtotal, r.discount_amount, r.shipping_amount, r.tax_amount, r.total,
         r.shipping_address, r.billing_address, r.shipping_method, r.promised_ship_by, r.placed_at, r.note,
         r.location_id, r.risk_score, r.risk_level, r.risk_reasons, r.customer_ip, r.amount_paid,
         r.hold_reason, r.fx_rate, r.base_total, at, at
    FROM jsonb_populate_record(NULL::orders, o) r;
  INSERT INTO order_lines (id, order_id, variant_id, sku, name, quantity, unit_price, discount_amount, tax_amount)
  SELECT r.id, r.order_id, r.variant_id, r.sku, r.name, r.quantity, r.unit_price, r.discount_amount, r.tax_amount
    FROM jsonb_populate_recordset(NULL::order_lines, p->'lines') r;

  -- 5. Reserve: levels up, one movement per level; a level whose available units cross into ≤ 0
  --    opens its SKU's stockout period.
  FOR crossing IN
    WITH s AS (SELECT * FROM jsonb_to_recordset(p->'stock') AS s(variant_id uuid, location_id uuid, quantity int)),
    upd AS (
      UPDATE stock_levels l SET reserved = l.reserved + s.quantity, updated_at = at
        FROM s WHERE l.variant_id = s.variant_id AND l.location_id = s.location_id
      RETURNING l.variant_id, l.location_id, l.bin_id, s.quantity, l.on_hand - l.reserved AS after_available
    ),
    mv AS (
      INSERT INTO stock_movements (variant_id, location_id, bin_id, type,
                                   on_hand_delta, reserved_delta, damaged_delta, quarantine_delta,
                                   value_delta, reference_type, reference_id, actor_type, actor_id, created_at)
      SELECT u.variant_id, u.location_id, u.bin_id, 'reserve', 0, u.quantity, 0, 0, 0, 'order', o->>'id',
             p->'actor'->>'type', p->'actor'->>'id', at
        FROM upd u
    )
    SELECT DISTINCT u.variant_id FROM upd u WHERE u.after_available <= 0
  LOOP
    PERFORM sync_stockout(crossing, at);
  END LOOP;

  -- 6. Payment, journal entries, KPI facts, audit row.
  IF jsonb_typeof(p->'payment') = 'object' THEN
    INSERT INTO payments (id, order_id, method, status, amount, currency, fee_amount,
                          avs_result, cvv_result, created_at)
    SELECT r.id, r.order_id, r.method, r.status, r.amount, r.currency, r.fee_amount,
           r.avs_result, r.cvv_result, r.created_at
      FROM jsonb_populate_record(NULL::payments, p->'payment') r;
  END IF;
  INSERT INTO journal_entries (id, memo, source_type, source_id, actor_type, actor_id, actor_label, posted_at)
  SELECT r.id, replace(r.memo, '{number}', order_number::text), r.source_type, r.source_id,
         r.actor_type, r.actor_id, r.actor_label, r.posted_at
    FROM jsonb_populate_recordset(NULL::journal_entries, p->'entries') WITH ORDINALITY AS r
    ORDER BY ordinality;
  INSERT INTO journal_lines (entry_id, account_id, debit, credit, memo, txn_currency, txn_debit, txn_credit)
  SELECT r.entry_id, r.account_id, r.debit, r.credit, r.memo, r.txn_currency, r.txn_debit, r.txn_credit
    FROM jsonb_populate_recordset(NULL::journal_lines, p->'journal_lines') r;
  -- tax lines: the order's tax lines by jurisdiction and rate (decision 042).
  INSERT INTO tax_lines (id, kind, entry_id, order_id, jurisdiction, rate, currency,
                         taxable, tax, base_taxable, base_tax, created_at)
  SELECT r.id, 'sale', r.entry_id, r.order_id, r.jurisdiction, r.rate, r.currency,
         r.taxable, r.tax, r.base_taxable, r.base_tax, at
    FROM jsonb_populate_recordset(NULL::tax_lines, coalesce(p->'tax_lines', '[]'::jsonb)) r;
  INSERT INTO kpi_fact_deltas (day, channel, metric, value)
  SELECT (f.at AT TIME ZONE s.timezone)::date, f.channel, f.metric, f.value
    FROM shop_settings s, jsonb_to_recordset(p->'facts') AS f(at timestamptz, channel text, metric text, value bigint)
   WHERE s.id = 1;
  INSERT INTO audit_log (actor_type, actor_id, actor_label, action, entity_type, entity_id, before, after)
  SELECT r.actor_type, r.actor_id, r.actor_label, r.action, r.entity_type, r.entity_id, r.before,
         r.after || jsonb_build_object('number', order_number)
    FROM jsonb_populate_record(NULL::audit_log, p->'audit') r;

  answer := coalesce(p->'response', '{}'::jsonb) || jsonb_build_object('number', order_number,
    'customer', jsonb_build_object('id', cust.id, 'email', p->'customer'->>'email',
                                   'name', btrim(cust.first_name || ' ' || cust.last_name)));
  -- 7. The order.created event, in this same write (decision 022): its data is the answer.
  PERFORM record_event('order.created', 'order', o->>'id', answer, at);
  IF jsonb_typeof(idem) = 'object' THEN
    UPDATE idempotency_keys SET status = (idem->>'status')::int, response = answer
     WHERE scope = idem->>'scope' AND key = idem->>'key';
  END IF;
  RETURN jsonb_build_object('order', answer);
END $$;

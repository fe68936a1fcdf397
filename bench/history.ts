import pg from 'pg';
import { seconds } from './stats';

/**
 * Historical orders for the list and query benchmarks, generated in PostgreSQL with set-based SQL
 * (INSERT … SELECT FROM generate_series) in chunks, so memory stays flat and 1M orders take minutes.
 *
 * These rows are LOAD, not bookkeeping: they carry realistic statuses, payment statuses, risk levels,
 * channels, amounts and 1–3 lines referencing real variants, but they do not go through the use cases,
 * so they never touch stock levels, stock movements, cost layers, the ledger or the audit log (an
 * "open" historical order reserves nothing). Intake during the benchmark uses the real path.
 *
 * Shape of the data (fixed random seed, so runs are comparable):
 * - placed_at over the last 365 days, skewed towards recent days (a growing shop);
 * - channel: web 40%, shopify 25%, amazon 15%, ebay 8%, etsy 7%, woocommerce 3%, manual 2%;
 * - status by age: today mostly open, the last days a mix of open/partially fulfilled/fulfilled/
 *   delivered, older ones delivered (~94%), fulfilled, cancelled (~3%), a few on hold; recent
 *   high-risk orders wait in pending_review;
 * - risk: low ~90%, medium ~8.5%, high ~1.5% with matching scores;
 * - payment status: paid mostly, authorized for some open ones, partially refunded/refunded for a
 *   few delivered ones, refunded or pending for cancelled ones; a payment row for every order that
 *   has a payment;
 * - customers: the seeded ones plus bulk-generated ones (one per ~4 orders).
 */

const FIRST_NAMES = [
  'Ava',
  'Ben',
  'Chloe',
  'Dan',
  'Ella',
  'Finn',
  'Grace',
  'Hugo',
  'Isla',
  'Jack',
  'Kara',
  'Leo',
  'Maya',
  'Noah',
  'Olive',
  'Paul',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
  'Uma',
  'Vic',
  'Wren',
  'Xavi',
  'Yara',
  'Zane',
  'Amir',
  'Bea',
  'Cole',
  'Dina',
];
const LAST_NAMES = [
  'Adams',
  'Brooks',
  'Carter',
  'Diaz',
  'Evans',
  'Foster',
  'Garcia',
  'Hughes',
  'Ito',
  'Jones',
  'Kim',
  'Lopez',
  'Miller',
  'Nguyen',
  'Ortiz',
  'Patel',
  'Quincy',
  'Reed',
  'Smith',
  'Turner',
  'Usman',
  'Vega',
  'Walsh',
  'Xu',
  'Young',
  'Zhang',
  'Baker',
  'Cruz',
  'Ellis',
  'Ford',
];
const PLACES = [
  ['Springfield', 'IL', '62701'],
  ['Austin', 'TX', '73301'],
  ['Portland', 'OR', '97201'],
  ['Denver', 'CO', '80202'],
  ['Boston', 'MA', '02108'],
  ['Miami', 'FL', '33101'],
  ['Seattle', 'WA', '98101'],
  ['Madison', 'WI', '53703'],
  ['Phoenix', 'AZ', '85001'],
  ['Raleigh', 'NC', '27601'],
  ['Columbus', 'OH', '43004'],
  ['Nashville', 'TN', '37201'],
];
const STREETS = ['Main St', 'Oak Ave', 'Pine Rd', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Lake Blvd', 'Hill Rd'];

const sqlText = (values: string[]) =>
  `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export type HistoryResult = { orders: number; lines: number; customers: number; seconds: number };

/** Indexes on the bulk-loaded tables that are not behind a constraint: dropped for the load, rebuilt after. */
async function secondaryIndexes(client: pg.Client): Promise<{ name: string; def: string }[]> {
  const { rows } = await client.query<{ name: string; def: string }>(`
    SELECT quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relname IN ('orders', 'order_lines', 'payments')
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`);
  return rows;
}

export async function generateHistory(
  databaseUrl: string,
  options: { orders: number; chunk?: number; log: (line: string) => void },
): Promise<HistoryResult> {
  const { log } = options;
  const total = options.orders;
  const chunk = options.chunk ?? 100_000;
  const started = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`SET work_mem = '64MB'`);
    // The rows are correct by construction; skipping the per-row foreign-key triggers makes the load
    // about a third faster. Needs superuser (the default on local and embedded servers); without it
    // the load still works, just slower.
    try {
      await client.query(`SET session_replication_role = replica`);
    } catch {
      log('(not a superuser: foreign keys are checked row by row during the load)');
    }
    await client.query(`SELECT setseed(0.20261122)`);
    const anchor = (await client.query<{ now: Date }>(`SELECT date_trunc('second', now()) AS now`)).rows[0]
      .now;

    const [{ main }] = (
      await client.query<{ main: string }>(
        `SELECT fulfilling_location_id::text AS main FROM shop_settings WHERE id = 1`,
      )
    ).rows;
    if (!main) throw new Error('the bench database has no fulfilling location (was the demo shop seeded?)');

    // Customers: the seeded ones plus one generated customer per ~4 orders.
    const seededCustomers = Number((await client.query(`SELECT count(*) FROM customers`)).rows[0].count);
    const extraCustomers = Math.max(0, Math.round(total / 4) - seededCustomers);
    if (extraCustomers > 0) {
      await client.query(
        `INSERT INTO customers (email, first_name, last_name, phone, tags, created_at, updated_at)
         SELECT 'shopper' || i || '@example.' || (ARRAY['com','net','org'])[1 + i % 3],
                (${sqlText(FIRST_NAMES)})[1 + i % ${FIRST_NAMES.length}],
                (${sqlText(LAST_NAMES)})[1 + (i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
                NULL, ARRAY[]::text[], t, t
         FROM generate_series(1, $1::int) AS i, LATERAL (SELECT $2::timestamptz - random() * interval
           '730 days' AS t) x`,
        [extraCustomers, anchor],
      );
    }
    await client.query(`CREATE TEMP TABLE bench_customers AS
      SELECT row_number() OVER (ORDER BY id)::int AS idx, id, email, first_name, last_name FROM customers`);
    await client.query(`CREATE UNIQUE INDEX ON bench_customers (idx)`);
    const customers = Number((await client.query(`SELECT count(*) FROM bench_customers`)).rows[0].count);

    await client.query(`CREATE TEMP TABLE bench_variants AS
      SELECT row_number() OVER (ORDER BY v.sku)::int AS idx, v.id, v.sku,
             p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name, v.price
      FROM variants v JOIN products p ON p.id = v.product_id WHERE v.status = 'active'`);
    await client.query(`CREATE UNIQUE INDEX ON bench_variants (idx)`);
    const variants = Number((await client.query(`SELECT count(*) FROM bench_variants`)).rows[0].count);
    if (variants === 0) throw new Error('no active variants to put on historical orders');
    await client.query(`ANALYZE bench_customers; ANALYZE bench_variants`);
    log(`customers: ${customers} (${extraCustomers} generated), variants: ${variants}`);

    const offset = Number((await client.query(`SELECT coalesce(max(number), 0) AS n FROM orders`)).rows[0].n);

    // Loading into unindexed tables and building the indexes once is several times faster than
    // maintaining a dozen B-trees row by row. Primary keys stay (they are constraints); unique indexes are
    // rebuilt too, which re-checks their uniqueness.
    const indexes = await secondaryIndexes(client);
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    let lines = 0;
    try {
      for (let from = 1; from <= total; from += chunk) {
        const to = Math.min(total, from + chunk - 1);
        const t0 = performance.now();
        const res = await client.query<{ lines: string }>(CHUNK_SQL, [
          from + offset,
          to + offset,
          customers,
          variants,
          main,
          anchor,
        ]);
        lines += Number(res.rows[0]?.lines ?? 0);
        log(
          `orders ${to.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${seconds(t0)} for this ` +
            `chunk, ${seconds(started)} in all)`,
        );
      }
    } finally {
      if (indexes.length) {
        const t0 = performance.now();
        log(`rebuilding ${indexes.length} indexes…`);
        for (const index of indexes) await client.query(index.def);
        log(`indexes rebuilt in ${seconds(t0)}`);
      }
    }
    await client.query(
      `SELECT setval(pg_get_serial_sequence('orders', 'number'), GREATEST((SELECT max(number) FROM orders), 1))`,
    );
    await client.query(`RESET session_replication_role`).catch(() => {});
    const t0 = performance.now();
    // A shop's tables are vacuumed and analysed by autovacuum long before they hold a million orders;
    // do it now so the plans and index-only scans match a steady state.
    await client.query(`VACUUM (ANALYZE) orders, order_lines, payments, customers`);
    log(`VACUUM ANALYZE in ${seconds(t0)}`);
    return { orders: total, lines, customers, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/**
 * One chunk: orders $1..$2 (their numbers), customers drawn from bench_customers (1..$3), lines from
 * bench_variants (1..$4), fulfilling location $5, "now" $6. Returns the number of lines inserted.
 */
const CHUNK_SQL = `
WITH o AS MATERIALIZED (
  SELECT n, gen_random_uuid() AS id,
         1 + floor(random() * $3::int)::int AS cidx,
         $6::timestamptz - power(random(), 1.3) * interval '365 days' AS placed_at,
         random() AS r_status, random() AS r_pay, random() AS r_risk, random() AS r_chan,
         random() AS r_ship, random() AS r_disc, random() AS r_lines
  FROM generate_series($1::int, $2::int) AS n
), o2 AS MATERIALIZED (
  SELECT o.*,
    CASE WHEN r_lines < 0.6 THEN 1 WHEN r_lines < 0.9 THEN 2 ELSE 3 END AS nlines,
    (CASE WHEN r_chan < 0.40 THEN 'web' WHEN r_chan < 0.65 THEN 'shopify' WHEN r_chan < 0.80 THEN 'amazon'
          WHEN r_chan < 0.88 THEN 'ebay' WHEN r_chan < 0.95 THEN 'etsy' WHEN r_chan < 0.98 THEN
            'woocommerce' ELSE 'manual' END)::sales_channel AS channel,
    (CASE
      WHEN r_risk >= 0.985 AND placed_at > $6::timestamptz - interval '2 days' THEN 'pending_review'
      WHEN placed_at > $6::timestamptz - interval '1 day' THEN
        CASE WHEN r_status < 0.70 THEN 'open' WHEN r_status < 0.78 THEN 'partially_fulfilled' WHEN
          r_status < 0.96 THEN 'fulfilled'
             WHEN r_status < 0.98 THEN 'on_hold' ELSE 'cancelled' END
      WHEN placed_at > $6::timestamptz - interval '4 days' THEN
        CASE WHEN r_status < 0.15 THEN 'open' WHEN r_status < 0.22 THEN 'partially_fulfilled' WHEN
          r_status < 0.60 THEN 'fulfilled'
             WHEN r_status < 0.95 THEN 'delivered' WHEN r_status < 0.96 THEN 'on_hold' ELSE 'cancelled' END
      ELSE
        CASE WHEN r_status < 0.03 THEN 'cancelled' WHEN r_status < 0.06 THEN 'fulfilled' WHEN
          r_status < 0.062 THEN 'on_hold' ELSE 'delivered' END
    END)::order_status AS status,
    CASE WHEN r_risk < 0.90 THEN 'low' WHEN r_risk < 0.985 THEN 'medium' ELSE 'high' END AS risk_level,
    CASE WHEN r_risk < 0.90 THEN floor(r_risk * 27)::int
         WHEN r_risk < 0.985 THEN 25 + floor((r_risk - 0.90) * 280)::int
         ELSE LEAST(100, 50 + floor((r_risk - 0.985) * 3300)::int) END AS risk_score,
    CASE WHEN r_ship < 0.5 THEN 0 WHEN r_ship < 0.85 THEN 595 WHEN r_ship < 0.97 THEN 995 ELSE 1995
      END AS shipping_amount,
    CASE WHEN r_ship < 0.85 THEN 'standard' WHEN r_ship < 0.97 THEN 'express' ELSE 'overnight' END AS shipping_method
  FROM o
), o3 AS MATERIALIZED (
  SELECT o2.*,
         (CASE
           WHEN status = 'cancelled' THEN CASE WHEN r_pay < 0.7 THEN 'refunded' ELSE 'unpaid' END
           WHEN status = 'pending_review' THEN 'authorized'
           WHEN status IN ('open', 'on_hold', 'partially_fulfilled') THEN CASE WHEN r_pay < 0.85 THEN
             'paid' ELSE 'authorized' END
           ELSE CASE WHEN r_pay < 0.95 THEN 'paid' WHEN r_pay < 0.98 THEN 'partially_refunded' ELSE 'refunded' END
         END)::payment_status AS payment_status
  FROM o2
), picks AS MATERIALIZED (
  SELECT o3.id AS order_id, o3.status, o3.payment_status, k,
         1 + floor(random() * $4::int)::int AS vidx,
         CASE WHEN random() < 0.8 THEN 1 WHEN random() < 0.75 THEN 2 ELSE 3 END AS qty
  FROM o3 CROSS JOIN LATERAL generate_series(1, o3.nlines) AS k
), l AS MATERIALIZED (
  SELECT p.order_id, p.k, v.id AS variant_id, v.sku, v.name, p.qty, v.price AS unit_price,
         CASE WHEN p.status IN ('fulfilled', 'delivered') OR (p.status = 'partially_fulfilled' AND
           p.k = 1) THEN p.qty ELSE 0 END AS fulfilled,
         CASE WHEN p.status = 'cancelled' THEN p.qty ELSE 0 END AS cancelled,
         -- the first line of a (partially) refunded delivered order came back
         CASE WHEN p.k = 1 AND p.status IN ('fulfilled', 'delivered') AND p.payment_status IN
           ('refunded', 'partially_refunded') THEN p.qty ELSE 0 END AS returned
  FROM picks p JOIN bench_variants v ON v.idx = p.vidx
), s AS (
  SELECT order_id, sum(qty * unit_price)::int AS subtotal FROM l GROUP BY order_id
), t AS MATERIALIZED (
  SELECT o3.*, s.subtotal,
         CASE WHEN r_disc < 0.10 THEN round(s.subtotal * 0.10)::int ELSE 0 END AS discount_amount
  FROM o3 JOIN s ON s.order_id = o3.id
), t2 AS MATERIALIZED (
  SELECT t.*, round((subtotal - discount_amount) * 0.08)::int AS tax_amount FROM t
), t3 AS MATERIALIZED (
  SELECT t2.*, subtotal - discount_amount + shipping_amount + tax_amount AS total FROM t2
), ins_lines AS (
  INSERT INTO order_lines (order_id, variant_id, sku, name, quantity, unit_price, quantity_fulfilled,
    quantity_cancelled, quantity_returned)
  SELECT order_id, variant_id, sku, name, qty, unit_price, fulfilled, cancelled, returned FROM l
  RETURNING 1
), ins_orders AS (
  INSERT INTO orders (id, number, channel, external_id, status, payment_status, customer_id, email, currency,
                      subtotal, discount_amount, shipping_amount, tax_amount, total, shipping_address, shipping_method,
                      promised_ship_by, placed_at, location_id, risk_score, risk_level, risk_reasons, customer_ip,
                      amount_paid, cancelled_at, cancel_reason, created_at, updated_at)
  SELECT t3.id, t3.n, t3.channel, 'H' || t3.n, t3.status, t3.payment_status, c.id, c.email, 'USD',
         t3.subtotal, t3.discount_amount, t3.shipping_amount, t3.tax_amount, t3.total,
         jsonb_build_object('name', c.first_name || ' ' || c.last_name,
                            'line1', (100 + t3.n % 9800) || ' ' || (${sqlText(STREETS)})[1 + t3.n % ${STREETS.length}],
                            'city', (${sqlText(PLACES.map((p) => p[0]))})[1 + t3.cidx % ${PLACES.length}],
                            'region', (${sqlText(PLACES.map((p) => p[1]))})[1 + t3.cidx % ${PLACES.length}],
                            'postal_code', (${sqlText(PLACES.map((p) => p[2]))})[1 + t3.cidx % ${PLACES.length}],
                            'country', 'US'),
         t3.shipping_method, t3.placed_at + interval '2 days', t3.placed_at, $5::uuid, t3.risk_score, t3.risk_level,
         CASE t3.risk_level
           WHEN 'low' THEN '[]'::jsonb
           WHEN 'medium' THEN
             '[{"code":"avs_partial","label":"Address verification: partial match","points":25}]'::jsonb
           ELSE
             '[{"code":"avs_mismatch","label":"Address verification failed","points":25}]'::jsonb
               || '[{"code":"cvv_mismatch","label":"CVV did not match","points":30}]'::jsonb
         END,
         concat_ws('.', 1 + (t3.cidx * 7) % 223, (t3.cidx / 7) % 256, (t3.cidx / 1792) % 256, t3.cidx % 256),
         CASE t3.payment_status WHEN 'paid' THEN t3.total WHEN 'partially_refunded' THEN t3.total -
           t3.total / 4 ELSE 0 END,
         CASE WHEN t3.status = 'cancelled' THEN t3.placed_at + interval '3 hours' END,
         CASE WHEN t3.status = 'cancelled' THEN 'Customer asked to cancel' END,
         t3.placed_at, t3.placed_at
  FROM t3 JOIN bench_customers c ON c.idx = t3.cidx
  RETURNING 1
), ins_payments AS (
  INSERT INTO payments (order_id, method, status, amount, currency, fee_amount, avs_result, cvv_result, created_at)
  SELECT id, 'card',
         CASE payment_status WHEN 'authorized' THEN 'authorized' WHEN 'refunded' THEN 'refunded' ELSE 'captured' END,
         total, 'USD',
         CASE WHEN payment_status = 'authorized' THEN 0 ELSE round(total * 0.029)::int + 30 END,
         CASE WHEN risk_level = 'low' THEN 'Y' ELSE 'N' END, CASE WHEN risk_level = 'high' THEN 'N' ELSE 'M' END,
         placed_at
  FROM t3 WHERE payment_status <> 'unpaid'
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins_lines) AS lines, (SELECT count(*) FROM ins_orders) AS orders,
  (SELECT count(*) FROM ins_payments) AS payments`;

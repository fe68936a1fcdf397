import 'server-only';
import { db, type Db, type Tx } from '@/lib/db';
import { HOUR_BUCKET_SQL } from '@/lib/kpi/rules';
import { COGS_ACCOUNTS, NET_SALES_ACCOUNTS, entryChannelSql } from '@/lib/kpi/ledger-facts';
import { baselineSql } from '@/lib/kpi/stockouts';
import { RETURN_REASON_METRIC_PREFIX } from '@/lib/kpi/facts';
import { FEEDBACK_DIRECT_FACTS_SQL } from '@/lib/feedback/kpi-facts';

const list = (codes: readonly string[]) => codes.map((c) => `'${c.replace(/'/g, '')}'`).join(', ');

/**
 * Every KPI fact computed straight from the source tables (orders, shipments, journal, refunds,
 * returns, tickets, cycle counts), per
 * (shop-timezone day, channel, metric), zero sums left out. The definitions mirror the event hooks
 * (lib/kpi/facts.ts); the property test holds them equal.
 */
export const DIRECT_FACTS_SQL = `
WITH tz AS (SELECT timezone AS tz FROM shop_settings WHERE id = 1),
last_ship AS (SELECT order_id, max(shipped_at) AS at FROM shipments GROUP BY order_id),
facts AS (
  SELECT (o.placed_at AT TIME ZONE tz.tz)::date AS day, o.channel::text AS channel, m.metric, m.value::bigint AS value
  FROM orders o CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES
    ('orders_placed', 1),
    ('gross_sales', fx_base(o.subtotal, o.currency, o.fx_rate)),
    ('orders_cancelled', (o.status = 'cancelled')::int),
    ('orders_packed', (EXISTS (SELECT 1 FROM last_ship ls WHERE ls.order_id = o.id))::int),
    ('orders_shipped_complete', (o.status IN ('fulfilled', 'delivered'))::int),
    ('orders_delivered', (o.status = 'delivered')::int)
  ) AS m(metric, value)
  UNION ALL
  SELECT (x.at AT TIME ZONE tz.tz)::date, x.channel, m.metric, m.value::bigint
  FROM (
    SELECT ls.at, o.channel::text AS channel, o.promised_ship_by,
           greatest(0, floor(extract(epoch FROM ls.at - o.placed_at) * 1000))::bigint AS ms
    FROM orders o JOIN last_ship ls ON ls.order_id = o.id WHERE o.status IN ('fulfilled', 'delivered')
  ) x CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES
    ('ship_complete', 1::bigint),
    ('ship_on_time', (x.promised_ship_by IS NULL OR x.at <= x.promised_ship_by)::int::bigint),
    ('ship_minutes_sum', x.ms / 60000),
    ('ship_hours_b' || (${HOUR_BUCKET_SQL('(x.ms / 3600000)')}), 1::bigint)
  ) AS m(metric, value)
  UNION ALL
  SELECT (s.shipped_at AT TIME ZONE tz.tz)::date, o.channel::text, m.metric, m.value::bigint
  FROM shipments s JOIN orders o ON o.id = s.order_id CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES ('shipments', 1::bigint), ('units_shipped', (SELECT
    coalesce(sum(quantity), 0) FROM shipment_lines sl WHERE sl.shipment_id = s.id)::bigint)) AS
    m(metric, value)
  UNION ALL
  SELECT (je.posted_at AT TIME ZONE tz.tz)::date,
    ${entryChannelSql('je.source_type', 'je.source_id')}, m.metric, m.value
  FROM (
    SELECT jl.entry_id,
           sum(CASE WHEN a.code IN (${list(NET_SALES_ACCOUNTS)}) THEN jl.credit - jl.debit ELSE 0
             END)::bigint AS net_sales,
           sum(CASE WHEN a.code IN (${list(COGS_ACCOUNTS)}) THEN jl.debit - jl.credit ELSE 0 END)::bigint AS cogs
    FROM journal_lines jl JOIN accounts a ON a.id = jl.account_id
    WHERE a.code IN (${list([...NET_SALES_ACCOUNTS, ...COGS_ACCOUNTS])})
    GROUP BY jl.entry_id
  ) e JOIN journal_entries je ON je.id = e.entry_id CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES ('net_sales', e.net_sales), ('cogs', e.cogs)) AS m(metric, value)
  UNION ALL
  SELECT (f.issued_at AT TIME ZONE tz.tz)::date, o.channel::text, m.metric, m.value::bigint
  FROM refunds f JOIN orders o ON o.id = f.order_id CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES ('refunds_count', 1::bigint), ('refunds_amount', fx_base(f.amount,
    o.currency, o.fx_rate))) AS m(metric, value)
  WHERE f.status = 'issued'
  UNION ALL
  SELECT (r.received_at AT TIME ZONE tz.tz)::date, o.channel::text, m.metric, m.value::bigint
  FROM (SELECT return_id, reason, sum(quantity_received)::bigint AS n FROM return_lines GROUP BY return_id, reason) l
  JOIN returns r ON r.id = l.return_id JOIN orders o ON o.id = r.order_id CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES ('units_returned', l.n), ('${RETURN_REASON_METRIC_PREFIX}' || l.reason,
    l.n)) AS m(metric, value)
  WHERE r.received_at IS NOT NULL
  UNION ALL
  SELECT (c.at AT TIME ZONE tz.tz)::date, '', c.prefix || (${HOUR_BUCKET_SQL('(c.ms / 3600000)')}), 1::bigint
  FROM (
    SELECT 'tickets_first_response_b' AS prefix, t.first_responded_at AS at, greatest(0,
      floor(extract(epoch FROM t.first_responded_at - t.created_at) * 1000))::bigint AS ms
    FROM tickets t WHERE t.first_responded_at IS NOT NULL
    UNION ALL
    SELECT 'tickets_resolution_b', t.solved_at, greatest(0, floor(extract(epoch FROM t.solved_at -
      t.created_at) * 1000))::bigint
    FROM tickets t WHERE t.solved_at IS NOT NULL
  ) c CROSS JOIN tz
  UNION ALL
  SELECT (cc.completed_at AT TIME ZONE tz.tz)::date, '', m.metric, m.value
  FROM (
    SELECT c.completed_at, sum(greatest(l.expected, 0))::bigint AS expected,
      sum(abs(l.variance))::bigint AS abs_variance
    FROM cycle_counts c JOIN cycle_count_lines l ON l.cycle_count_id = c.id
    WHERE c.status = 'completed' AND l.counted IS NOT NULL
    GROUP BY c.id, c.completed_at
  ) cc CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES ('count_sheets', 1::bigint), ('count_expected', cc.expected),
    ('count_abs_variance', cc.abs_variance)) AS m(metric, value)
  ${FEEDBACK_DIRECT_FACTS_SQL}
)
SELECT day, channel, metric, sum(value)::bigint AS value FROM facts GROUP BY day, channel, metric
  HAVING sum(value) <> 0`;

/**
 * Stockout periods replayed from the stock movements: a SKU's available units (Σ on-hand − reserved
 * deltas over all locations, in movement order) going ≤ 0 opens a period, going > 0 closes it.
 */
export const DIRECT_STOCKOUTS_SQL = `
WITH m AS (
  SELECT variant_id, created_at, id,
         sum(on_hand_delta - reserved_delta) OVER (PARTITION BY variant_id ORDER BY created_at, id) AS avail
  FROM stock_movements WHERE on_hand_delta <> reserved_delta
), s AS (
  SELECT variant_id, created_at, id, avail <= 0 AS out,
         lag(avail <= 0, 1, false) OVER (PARTITION BY variant_id ORDER BY created_at, id) AS was_out
  FROM m
), t AS (
  SELECT variant_id, created_at, out, lead(created_at) OVER (PARTITION BY variant_id ORDER BY created_at, id) AS next_at
  FROM s WHERE out <> was_out
)
SELECT variant_id, created_at AS started_at, next_at AS ended_at,
  ${baselineSql('variant_id', 'created_at')} AS baseline_daily_units
FROM t WHERE out`;

export type FactRow = { day: string; channel: string; metric: string; value: number };

/** kpi_monthly recomputed from kpi_daily (run after DELETE FROM kpi_monthly, in the same transaction). */
export const MONTHLY_FROM_DAILY_SQL = `
INSERT INTO kpi_monthly (month, channel, metric, value)
SELECT date_trunc('month', day)::date, channel, metric, sum(value) FROM kpi_daily GROUP BY 1, 2, 3
  HAVING sum(value) <> 0`;

/**
 * Where kpi_monthly is not Σ kpi_daily over the month's days (zero sums left out on both sides): the
 * invariant the monthly read relies on, so always empty. For tests and audits.
 */
export async function monthlyRollupDrift(
  tx: Tx = db,
): Promise<{ month: string; channel: string; metric: string; monthly: number; daily: number }[]> {
  return tx.$queryRawUnsafe(`
    SELECT coalesce(m.month, d.month)::text AS month, coalesce(m.channel, d.channel) AS channel,
      coalesce(m.metric, d.metric) AS metric,
           coalesce(m.value, 0)::float8 AS monthly, coalesce(d.value, 0)::float8 AS daily
    FROM (SELECT month, channel, metric, value FROM kpi_monthly WHERE value <> 0) m
    FULL JOIN (SELECT date_trunc('month', day)::date AS month, channel, metric, sum(value) AS value
      FROM kpi_daily GROUP BY 1, 2, 3 HAVING sum(value) <> 0) d
      ON d.month = m.month AND d.channel = m.channel AND d.metric = m.metric
    WHERE m.value IS DISTINCT FROM d.value
    ORDER BY 1, 2, 3`);
}

/** The facts as the rollups hold them (compacted + pending deltas), zero sums left out. */
export async function rollupFacts(tx: Tx = db): Promise<FactRow[]> {
  return tx.$queryRawUnsafe<FactRow[]>(`
    SELECT day::text, channel, metric, sum(value)::float8 AS value FROM (
      SELECT day, channel, metric, value FROM kpi_daily UNION ALL SELECT day, channel, metric, value
        FROM kpi_fact_deltas
    ) f GROUP BY day, channel, metric HAVING sum(value) <> 0 ORDER BY 1, 2, 3`);
}

export async function directFacts(tx: Tx = db): Promise<FactRow[]> {
  return tx.$queryRawUnsafe<FactRow[]>(
    `SELECT day::text, channel, metric, value::float8 AS value FROM (${DIRECT_FACTS_SQL}) d ORDER BY 1, 2, 3`,
  );
}

/**
 * Recomputes every rollup from the source tables (`npm run kpi:rebuild`): after a bulk load that
 * bypassed the use cases (the demo seed back-dates its history), a timezone change, or to audit.
 * Runs in one REPEATABLE READ transaction: events that commit meanwhile keep their delta rows, which
 * the rebuilt base (a snapshot without them) does not count, so nothing is lost or counted twice.
 * kpi_monthly is recomputed from the new kpi_daily in the same transaction.
 */
export async function rebuildKpiRollups(
  client: Pick<Db, '$transaction'> = db,
): Promise<{ facts: number; stockoutPeriods: number }> {
  return client.$transaction(
    async (t) => {
      // A job, not a request: the request budgets of lib/db.ts would cut a full rebuild short.
      await t.$executeRawUnsafe('SET LOCAL statement_timeout = 0');
      await t.$executeRawUnsafe('SET LOCAL lock_timeout = 0');
      await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kpi_rollups'))`;
      await t.$executeRaw`DELETE FROM kpi_fact_deltas`;
      await t.$executeRaw`DELETE FROM kpi_daily`;
      await t.$executeRaw`DELETE FROM kpi_monthly`;
      const facts = await t.$executeRawUnsafe(
        `INSERT INTO kpi_daily (day, channel, metric, value) ${DIRECT_FACTS_SQL}`,
      );
      await t.$executeRawUnsafe(MONTHLY_FROM_DAILY_SQL);
      await t.$executeRaw`DELETE FROM stockout_periods`;
      const stockoutPeriods = await t.$executeRawUnsafe(
        `INSERT INTO stockout_periods (variant_id, started_at, ended_at, baseline_daily_units) ${DIRECT_STOCKOUTS_SQL}`,
      );
      return { facts, stockoutPeriods };
    },
    { isolationLevel: 'RepeatableRead', timeout: 30 * 60_000, maxWait: 60_000 },
  );
}

/**
 * Folds pending delta rows into kpi_daily and kpi_monthly, oldest first, in batches. Move and both
 * folds are one statement, so a reader (which sums the tables in one snapshot) never sees a fact twice
 * or not at all, and kpi_monthly stays Σ kpi_daily per month. One compactor at a time (advisory lock),
 * so the monthly rows it updates are no hot rows for the events; returns the number of daily groups folded.
 */
export async function compactKpiFacts(options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 50_000;
  let total = 0;
  for (;;) {
    const moved = await db.$transaction(async (t) => {
      const [lock] = await t.$queryRaw<
        { ok: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(hashtext('kpi_rollups')) AS ok`;
      if (!lock.ok) return 0;
      // Data-modifying CTEs all run to completion, in the statement's one snapshot.
      const [folded] = await t.$queryRaw<{ n: number }[]>`
        WITH moved AS (
          DELETE FROM kpi_fact_deltas WHERE id IN (SELECT id FROM kpi_fact_deltas ORDER BY id LIMIT ${batch})
          RETURNING day, channel, metric, value
        ),
        daily AS (
          INSERT INTO kpi_daily (day, channel, metric, value)
          SELECT day, channel, metric, sum(value) FROM moved GROUP BY day, channel, metric
          ON CONFLICT (day, channel, metric) DO UPDATE SET value = kpi_daily.value + EXCLUDED.value
          RETURNING 1
        ),
        monthly AS (
          INSERT INTO kpi_monthly (month, channel, metric, value)
          SELECT date_trunc('month', day)::date, channel, metric, sum(value) FROM moved GROUP BY 1, 2, 3
          ON CONFLICT (month, channel, metric) DO UPDATE SET value = kpi_monthly.value + EXCLUDED.value
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM daily)::int AS n`;
      return folded.n;
    });
    total += moved;
    if (moved === 0) break;
    // The count is of folded groups, not moved rows: stop when no delta is left.
    const [left] = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM (SELECT 1 FROM kpi_fact_deltas LIMIT 1) x`;
    if (!left || left.n === 0) break;
  }
  return total;
}

import pg from 'pg';
import { fetchPage, timeCases, toQuery, type ListCase } from './list';
import { seconds } from './stats';

/**
 * The dashboard case: rollups for the bulk-loaded history, then the KPI endpoint and the dashboard
 * page timed over HTTP.
 *
 * The history generator writes orders only (no shipments, no ledger), so after the rebuild (the
 * cohort facts: placed, cancelled, shipped complete…) this adds LOAD for the facts shipments would
 * have written — the order-to-ship histogram, on-time counts, units and shipments per day, net sales
 * and COGS — derived deterministically from the fulfilled orders, so the KPI query reads as many
 * rollup rows as a real shop of that size would have.
 */
export async function prepareKpiRollups(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const { rebuildKpiRollups, MONTHLY_FROM_DAILY_SQL } = await import('@/lib/kpi/rebuild');
  let t0 = performance.now();
  const rebuilt = await rebuildKpiRollups();
  log(
    `KPI rollups rebuilt from the history: ${rebuilt.facts.toLocaleString('en-US')} daily facts in ${seconds(t0)}`,
  );
  t0 = performance.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // kpi_daily and kpi_monthly change together (readers rely on monthly = Σ daily per month).
    await client.query('BEGIN');
    const { rowCount } = await client.query(`
      WITH tz AS (SELECT timezone AS tz FROM shop_settings WHERE id = 1),
      shipped AS (
        SELECT o.channel::text AS channel, o.subtotal, o.discount_amount,
               o.placed_at + ((abs(hashtext(o.id::text)) % 96) + 1) * interval '1 hour' AS at,
               (abs(hashtext(o.id::text)) % 96) + 1 AS hours
        FROM orders o WHERE o.status IN ('fulfilled', 'delivered')
      ),
      facts AS (
        SELECT (s.at AT TIME ZONE tz.tz)::date AS day, s.channel, m.metric, m.value::bigint AS value
        FROM shipped s CROSS JOIN tz
        CROSS JOIN LATERAL (VALUES ('ship_complete', 1), ('ship_on_time', (s.hours <= 48)::int),
          ('ship_minutes_sum', s.hours * 60),
          ('ship_hours_b' || CASE WHEN s.hours < 72 THEN s.hours ELSE 72 + (s.hours - 72) / 6 END, 1),
          ('shipments', 1), ('units_shipped', 2),
          ('net_sales', s.subtotal - s.discount_amount), ('cogs', (s.subtotal * 2) / 5)) AS m(metric, value)
      )
      INSERT INTO kpi_daily (day, channel, metric, value)
      SELECT day, channel, metric, sum(value) FROM facts GROUP BY 1, 2, 3
      ON CONFLICT (day, channel, metric) DO UPDATE SET value = kpi_daily.value + EXCLUDED.value`);
    await client.query('DELETE FROM kpi_monthly');
    await client.query(MONTHLY_FROM_DAILY_SQL);
    await client.query('COMMIT');
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM kpi_daily');
    log(
      `shipment and ledger facts added as load: ${rowCount?.toLocaleString('en-US')} upserts, kpi_daily ` +
        `now ${Number(rows[0].n).toLocaleString('en-US')} rows (${seconds(t0)})`,
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Ranges the manager looks at: today, 7/30/90 days, a channel, a year. */
export function kpiCases(today: string): ListCase[] {
  const back = (n: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - (n - 1) * 86_400_000).toISOString().slice(0, 10);
  return [
    { name: 'today', params: { from: today, to: today } },
    { name: '7 days', params: { from: back(7), to: today } },
    { name: '30 days', params: { from: back(30), to: today } },
    { name: '90 days', params: { from: back(90), to: today } },
    { name: '30 days channel=web', params: { from: back(30), to: today, channel: 'web' } },
    { name: '365 days', params: { from: back(365), to: today } },
  ];
}

export async function timeKpis(options: {
  url: string;
  apiKey: string;
  cookie: string;
  today: string;
  apiSamples: number;
  pageSamples: number;
  log: (line: string) => void;
}) {
  const { url, apiKey, cookie, today, log } = options;
  const cases = kpiCases(today);
  const statuses = new Map<string, number>();
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  log(`kpis API: GET /api/v1/kpis ${options.apiSamples} times over ${cases.length} ranges…`);
  const api = await timeCases(cases, options.apiSamples, async (c) => {
    const res = await fetch(`${url}/api/v1/kpis${toQuery(c.params)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    await res.text();
    count(`api ${res.status}`);
  });
  for (const [name, t] of api.byCase)
    log(
      `  ${name.padEnd(44)} p50 ${String(t.p50_ms).padStart(7)} ms  p95 ${String(t.p95_ms).padStart(7)} ms`,
    );
  const pageCases: ListCase[] = [
    { name: 'default (30 days)', params: {} },
    { name: 'range=7d', params: { range: '7d' } },
    { name: 'range=90d channel=web', params: { range: '90d', channel: 'web' } },
  ];
  log(
    `dashboard page: GET /dashboard ${options.pageSamples} times over ${pageCases.length} ranges as a ` +
      `signed-in manager…`,
  );
  const page = await timeCases(pageCases, options.pageSamples, async (c) => {
    const res = await fetchPage(`${url}/dashboard${toQuery(c.params)}`, cookie);
    count(`page ${res.status}`);
  });
  for (const [name, t] of page.byCase)
    log(
      `  ${name.padEnd(44)} p50 ${String(t.p50_ms).padStart(7)} ms  p95 ${String(t.p95_ms).padStart(7)} ms`,
    );
  log(
    `kpis: API p50 ${api.all.p50_ms} ms p95 ${api.all.p95_ms} ms; page p50 ${page.all.p50_ms} ms p95 ` +
      `${page.all.p95_ms} ms; ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  return { api_p95_ms: api.all.p95_ms, page_p95_ms: page.all.p95_ms, statuses: Object.fromEntries(statuses) };
}

/**
 * `npm run bench:statements -- [--orders N] [--samples S] [--keep-db] [--reuse-db]`
 *
 * The `statements` benchmark (docs/decisions/038-monthly-account-balances.md): a fresh database
 * `backroom_bench_statements` on DATABASE_URL's server (or an embedded one), migrated, with N orders'
 * journal entries generated in SQL over two calendar years (each a sale with COGS: Dr clearing /
 * Cr sales, Cr shipping, Cr sales tax / Dr COGS, Cr inventory — 6 lines; the monthly balances are
 * kept by their trigger as the rows go in). Then, through the lib/ queries the API calls, times:
 * the P&L for a whole year, the P&L for a year with month columns and the previous period (the
 * screen), the balance sheet at a month end and at a mid-month day. The last line of stdout is JSON.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, migrate, withDatabase } from '@/lib/platform/migrate';
import { BENCH_DATABASE, benchServer, freshDatabase } from './database';
import { percentile, round, seconds } from './stats';

const log = (line: string) => console.log(`[bench statements] ${line}`);
// BENCH_DB names the database instead, so two people benchmarking on one server keep apart.
const NAME = process.env.BENCH_DB ? BENCH_DATABASE : 'backroom_bench_statements';

function args(argv: string[]) {
  const out = { orders: 200_000, samples: 60, keepDb: false, reuseDb: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number((inline ?? argv[++i]).replace(/_/g, ''));
    if (flag === '--orders') out.orders = value();
    else if (flag === '--samples') out.samples = value();
    else if (flag === '--keep-db') out.keepDb = true;
    else if (flag === '--reuse-db') out.reuseDb = out.keepDb = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  return out;
}

async function main() {
  const options = args(process.argv.slice(2));
  const server = await benchServer(log);
  // --reuse-db: time the journal a --keep-db run left (no generation).
  const url = options.reuseDb
    ? withDatabase(server.serverUrl, NAME)
    : await freshDatabase(server.serverUrl, NAME);
  process.env.DATABASE_URL = url;
  // lib/env.ts wants a secret even for queries; this one never signs anything.
  process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
  await migrate(url, { log: () => {} });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  if (options.reuseDb)
    options.orders = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM journal_entries')).rows[0].n,
    );
  else
    await client.query(
      `INSERT INTO shop_settings (id, shop_name, currency, timezone) VALUES (1, 'Bench', 'USD', 'America/New_York')`,
    );
  let t0 = performance.now();
  const BATCH = 50_000;
  for (let done = 0; !options.reuseDb && done < options.orders; done += BATCH) {
    const n = Math.min(BATCH, options.orders - done);
    // Orders spread over 2025-01-01 … 2026-12-31; amounts from the order's number.
    await client.query(
      `WITH acc AS (SELECT code, id FROM accounts WHERE code IN ('1010','4000','4100','2100','5000','1200')),
       e AS (
         INSERT INTO journal_entries (posted_at, memo, source_type, actor_type, actor_label)
         SELECT timestamptz '2025-01-01 05:00Z' + ((g::bigint * 7919) % 730) * interval '1 day' +
           ((g::bigint * 31) % 86400) * interval '1 second',
                'bench order', 'order', 'system', 'bench'
         FROM generate_series($1::int, $2::int) g
         RETURNING id, number
       )
       INSERT INTO journal_lines (entry_id, account_id, debit, credit)
       SELECT e.id, (SELECT id FROM acc WHERE code = v.code), v.debit, v.credit
       FROM e CROSS JOIN LATERAL (
         SELECT 1000 + (e.number::bigint * 37) % 19000 AS sub, 500 + (e.number % 7) * 100 AS ship
       ) a CROSS JOIN LATERAL (VALUES
         ('1010', a.sub + a.ship + a.sub / 10, 0),
         ('4000', 0, a.sub), ('4100', 0, a.ship), ('2100', 0, a.sub / 10),
         ('5000', a.sub * 2 / 5, 0), ('1200', 0, a.sub * 2 / 5)
       ) v(code, debit, credit)`,
      [done + 1, done + n],
    );
    if ((done + n) % 200_000 === 0 || done + n === options.orders)
      log(`${(done + n).toLocaleString('en-US')} orders posted (${seconds(t0)})`);
  }
  await client.query('ANALYZE');
  const { rows } = await client.query<{ lines: string; months: string }>(
    `SELECT (SELECT count(*) FROM journal_lines) AS lines, (SELECT count(*) FROM account_month_balances) AS months`,
  );
  const generation = seconds(t0);
  log(
    `journal: ${Number(rows[0].lines).toLocaleString('en-US')} lines, ${rows[0].months} monthly balance rows`,
  );
  await client.end();

  const { profitAndLoss, profitAndLossReport, balanceSheet } = await import('@/lib/ledger/queries');
  const { db } = await import('@/lib/db');
  const cases: [string, () => Promise<unknown>][] = [
    ['pl_year', () => profitAndLoss({ from: '2026-01-01', to: '2026-12-31' })],
    ['pl_year_screen', () => profitAndLossReport({ from: '2026-01-01', to: '2026-12-31' })],
    ['bs_month_end', () => balanceSheet({ asOf: '2026-06-30' })],
    ['bs_mid_month', () => balanceSheet({ asOf: '2026-06-15' })],
  ];
  const result: Record<string, { p50_ms: number | null; p95_ms: number | null }> = {};
  for (const [name, run] of cases) {
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    result[name] = { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)) };
    log(`${name}: p50 ${result[name].p50_ms} ms, p95 ${result[name].p95_ms} ms (${options.samples} samples)`);
  }
  await db.$disconnect();
  if (!options.keepDb) await dropDatabase(server.serverUrl, NAME);
  else log(`--keep-db: kept ${withDatabase(server.serverUrl, NAME)}`);
  if (server.embedded && !options.keepDb) await server.embedded.stop();
  console.log(
    JSON.stringify({
      statements: { orders: options.orders, journal_lines: Number(rows[0].lines), generation, ...result },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

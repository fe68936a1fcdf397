/**
 * `npm run bench -- [--orders N] [--duration S] [--connections C] [--skip-build] [--keep-db] [--only LIST]`
 *
 * Starts the app (production build) against a fresh database `backroom_bench` (or BENCH_DB), seeds the demo shop
 * and N historical orders, then measures order intake over HTTP (autocannon) beside pgbench on the
 * same PostgreSQL, the order list query and page, and the app's peak memory. Progress goes to stdout
 * prefixed with [bench]; the LAST line of stdout is one JSON object (see bench/README.md).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@/lib/platform/embedded-postgres';
import pg from 'pg';
import { dropDatabase, migrate, withDatabase } from '@/lib/platform/migrate';
import { DATA_DIR } from '@/lib/platform/runtime-config';
import { BENCH_SECTIONS, parseArgs, type BenchOptions, type BenchSection } from './args';
import { benchServer, BENCH_DATABASE, freshDatabase, PGBENCH_DATABASE, type BenchServer } from './database';
import { generateHistory } from './history';
import { runHealthFloor, runIntake, type IntakeResult, type StockedSku } from './intake';
import { fetchPage, listCases, signIn, timeCases, toQuery, type ListCase } from './list';
import { runPgbench } from './pgbench';
import { migrateAndSeed } from './prepare';
import { buildApp, startApp, stopChildren, type AppServer } from './server';
import { round, seconds } from './stats';
import { prepareKpiRollups, timeKpis } from './dashboard';
import { benchReplenishment, type ReplenishmentBench } from './replenishment';
import { runBulk, BULK_BATCH, type BulkResult } from './bulk';
import { runDbIntake, runDbIntakeBatch } from './db-intake';
import { runImportFile, writeShopifyFile } from './import';
import { runEventsBench, type EventsResult } from './events';

const log = (line: string) => console.log(`[bench] ${line}`);

/** SKUs stocked for intake and the units each gets, so intake measures the normal path, not OUT_OF_STOCK. */
const INTAKE_SKUS = 200;
const INTAKE_UNITS = 100_000;
const QUERY_SAMPLES = 220;
const PAGE_SAMPLES = 100;
const KPI_API_SAMPLES = 200;
const KPI_PAGE_SAMPLES = 100;

const state: {
  server: BenchServer | null;
  app: AppServer | null;
  options: BenchOptions | null;
  cleaning: Promise<void> | null;
  db: { $disconnect(): Promise<void> } | null;
} = {
  server: null,
  app: null,
  options: null,
  cleaning: null,
  db: null,
};

/** Stops the app, drops the bench databases (unless --keep-db) and stops the embedded server; runs once. */
function cleanup(): Promise<void> {
  state.cleaning ??= (async () => {
    state.app?.memory.stop();
    await stopChildren().catch(() => {});
    await state.db?.$disconnect().catch(() => {});
    const server = state.server;
    if (server) {
      await dropDatabase(server.serverUrl, PGBENCH_DATABASE).catch(() => {});
      if (state.options?.keepDb) log(`--keep-db: kept database ${BENCH_DATABASE} on ${server.label}`);
      else
        await dropDatabase(server.serverUrl, BENCH_DATABASE).catch((error) =>
          log(`could not drop ${BENCH_DATABASE}: ${String(error)}`),
        );
      if (server.embedded && !state.options?.keepDb) await server.embedded.stop().catch(() => {});
      else if (server.embedded)
        log(
          `--keep-db: the embedded server keeps running on port ${server.embedded.port}; stop it with: ` +
            `kill -INT $(head -1 ${path.join(DATA_DIR, 'bench-pg', 'postmaster.pid')})`,
        );
    }
  })();
  return state.cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up…`);
    void cleanup().finally(() => {
      log('cleaned up');
      process.exit(130);
    });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  state.options = options;
  const run = randomBytes(4).toString('hex');
  const workDir = path.join(DATA_DIR, 'bench');
  mkdirSync(workDir, { recursive: true });
  log(
    `orders=${options.orders} duration=${options.duration}s connections=${options.connections} warmup=` +
      `${options.warmup}s (run ${run})`,
  );

  // db_intake drives `connections` lanes from this process, each on its own pooled connection; the
  // app keeps its own pool size (restored in its environment below).
  const appPoolMax = process.env.DB_POOL_MAX;
  process.env.DB_POOL_MAX = String(Math.max(Number(appPoolMax ?? 10), options.connections + 4));

  // A secret of its own: sessions from anything else never apply to this app.
  process.env.AUTH_SECRET = randomBytes(32).toString('base64url');
  delete process.env.NEXTAUTH_SECRET;

  // 1. Database: fresh backroom_bench with migrations, the demo shop and N historical orders.
  const server = await benchServer(log);
  state.server = server;
  log(`PostgreSQL: ${server.label}`);
  let t0 = performance.now();
  let history: { orders: number; seconds: number | null };
  let databaseUrl: string;
  if (options.reuseDb) {
    // A database kept by an earlier --keep-db run: only the migrations added since are applied.
    databaseUrl = withDatabase(server.serverUrl, BENCH_DATABASE);
    const applied = await migrate(databaseUrl, { log: () => {} });
    process.env.DATABASE_URL = databaseUrl;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client
      .query<{ n: number }>('SELECT count(*)::int AS n FROM orders')
      .finally(() => client.end());
    history = { orders: rows[0].n, seconds: null };
    log(
      `--reuse-db: ${BENCH_DATABASE} as kept (${history.orders.toLocaleString('en-US')} orders), ` +
        `migrations applied now: ${applied.length ? applied.join(', ') : 'none'}`,
    );
  } else {
    databaseUrl = await freshDatabase(server.serverUrl, BENCH_DATABASE);
    // The lib/ use cases below read DATABASE_URL on first use; set it before any of them runs.
    process.env.DATABASE_URL = databaseUrl;
    await migrateAndSeed(databaseUrl, log);
    log(`database ${BENCH_DATABASE} migrated and seeded in ${seconds(t0)}`);
    t0 = performance.now();
    const generated = await generateHistory(databaseUrl, { orders: options.orders, log });
    history = generated;
    log(
      `${generated.orders.toLocaleString('en-US')} historical orders (` +
        `${generated.lines.toLocaleString('en-US')} lines) in ${generated.seconds.toFixed(1)} s`,
    );
    // The history bypasses the use cases: the KPI rollups are rebuilt from it (as after any bulk load).
    await prepareKpiRollups(databaseUrl, log);
  }

  const { db } = await import('@/lib/db');
  state.db = db;
  const { receiveStock } = await import('@/lib/inventory/receive-stock');
  const { createApiKey } = await import('@/lib/auth/create-api-key');
  const { createUser } = await import('@/lib/users/create-user');
  const { orderList } = await import('@/lib/orders/queries');
  const { ZOrderListQuery } = await import('@/lib/orders/schemas');
  const { shopTimezone } = await import('@/lib/settings/queries');
  const actor = { type: 'system', id: null, label: 'bench' } as const;

  // 2. Stock for intake: many SKUs with plenty of units at the fulfilling location.
  const active = await db.variant.findMany({
    where: { status: 'active' },
    select: { sku: true, price: true },
    orderBy: { sku: 'asc' },
  });
  const step = Math.max(1, active.length / INTAKE_SKUS);
  const skus: StockedSku[] = Array.from(
    { length: Math.min(INTAKE_SKUS, active.length) },
    (_, i) => active[Math.floor(i * step)],
  );
  t0 = performance.now();
  // In several receipts: journal amounts are 32-bit integers of cents, so one receipt for all of it
  // (~$300M at cost) would overflow; each receipt stays under $10M.
  const lines = skus.map((s) => ({
    sku: s.sku,
    quantity: INTAKE_UNITS,
    unit_cost: Math.round(s.price * 0.4),
  }));
  for (let i = 0, batch: typeof lines = []; i <= lines.length; i++) {
    const line = lines[i];
    const value = (b: typeof lines) => b.reduce((sum, l) => sum + l.quantity * l.unit_cost, 0);
    if (batch.length && (!line || value(batch) + line.quantity * line.unit_cost > 1_000_000_000)) {
      await receiveStock({
        input: { location: 'MAIN', kind: 'purchase', reference: `bench ${run}`, lines: batch },
        actor,
      });
      batch = [];
    }
    if (line) batch.push(line);
  }
  log(
    `received ${INTAKE_UNITS.toLocaleString('en-US')} units of each of ${skus.length} SKUs at MAIN in ${seconds(t0)}`,
  );
  const apiKey = (await createApiKey({ input: { name: `bench ${run}`, scopes: ['*'] }, actor })).key;
  const manager = {
    email: `bench-manager-${run}@backroom.test`,
    password: randomBytes(12).toString('base64url'),
  };
  await createUser({ input: { ...manager, name: 'Bench Manager', role: 'manager' }, actor });
  const timeZone = await shopTimezone();

  // 3. The app: production build, next start.
  await buildApp({ skip: options.skipBuild, logFile: path.join(workDir, 'next-build.log'), log });
  const port = await freePort();
  const app = await startApp({
    port,
    logFile: path.join(workDir, 'next-start.log'),
    log,
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DB_POOL_MAX')),
      ...(appPoolMax ? { DB_POOL_MAX: appPoolMax } : {}),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: 'production',
      BACKROOM_DEMO_DATA: '0',
      PORT: String(port),
      // The events section's receiver listens on loopback.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: '1',
    },
  });
  state.app = app;
  log(`app on ${app.url} (next start pid ${app.pid}, log in ${path.join(workDir, 'next-start.log')})`);

  // 4. Intake over HTTP, warm-up first.
  const runs = (section: BenchSection) => options.only.includes(section);
  if (options.only.length < BENCH_SECTIONS.length)
    log(`--only ${options.only.join(',')}: the other measurements are skipped (null)`);
  let intake: IntakeResult | null = null;
  let healthRps: number | null = null;
  if (runs('intake'))
    try {
      if (options.warmup > 0) {
        log(`intake warm-up: ${options.warmup} s at ${options.connections} connections…`);
        const warm = await runIntake({
          url: app.url,
          apiKey,
          skus,
          connections: options.connections,
          duration: options.warmup,
          run: `${run}w`,
        });
        log(`warm-up: ${warm.requests} requests, ${warm.errors} errors`);
      }
      log(`intake: POST /api/v1/orders for ${options.duration} s at ${options.connections} connections…`);
      intake = await runIntake({
        url: app.url,
        apiKey,
        skus,
        connections: options.connections,
        duration: options.duration,
        run: `${run}m`,
      });
      log(
        `intake: ${intake.orders_per_s} orders/s, p50 ${intake.p50_ms} ms, p95 ${intake.p95_ms} ms, ` +
          `${intake.requests} responses ${JSON.stringify(intake.statuses)}, ${intake.errors} errors`,
      );
      for (const sample of intake.samples) log(`  failed response: ${sample}`);
      log(`HTTP floor: GET /api/health for ${options.duration} s at ${options.connections} connections…`);
      healthRps = await runHealthFloor({
        url: app.url,
        connections: options.connections,
        duration: options.duration,
      });
      log(
        `HTTP floor: ${healthRps} requests/s (intake is ` +
          `${intake.orders_per_s != null && healthRps ? round(intake.orders_per_s / healthRps, 2) : '?'} of ` +
          `it)`,
      );
    } catch (error) {
      log(`intake failed: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 4b. Bulk intake over HTTP: batches of BULK_BATCH orders.
  let bulk: BulkResult | null = null;
  if (runs('bulk'))
    try {
      log(
        `bulk: POST /api/v1/orders/batch (${BULK_BATCH} orders each) for ${options.duration} s at ` +
          `${options.connections} connections…`,
      );
      bulk = await runBulk({
        url: app.url,
        apiKey,
        skus,
        connections: options.connections,
        duration: options.duration,
        run: `${run}b`,
      });
      log(
        `bulk: ${bulk.orders_per_s} orders/s, p95 ${bulk.p95_ms} ms per batch, ${bulk.batches} batches, ` +
          `${bulk.refused} orders refused, ${bulk.errors} errors`,
      );
    } catch (error) {
      log(`bulk failed: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 4c. Webhooks under the intake load: deliveries per second, lag, intake with and without them.
  let events: EventsResult | null = null;
  if (runs('events'))
    try {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
      events = await runEventsBench({
        url: app.url,
        apiKey,
        skus,
        connections: options.connections,
        duration: options.duration,
        run,
        log,
      });
      log(
        `events: ${events.deliveries_per_s} deliveries/s, lag p50 ${events.lag_p50_ms} ms, p95 ` +
          `${events.lag_p95_ms} ms (${events.delivered} delivered, ${events.undelivered} not); intake ` +
          `${events.intake_on_orders_per_s} orders/s with webhooks, ${events.intake_off_orders_per_s} ` +
          `without; p95 event → delivery row ${events.dispatch_p95_ms} ms, ` +
          `delivery row → sent ${events.send_p95_ms} ms`,
      );
    } catch (error) {
      log(`events failed: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 5. pgbench on the same server, while the app is idle.
  let pgbenchTps: number | null = null;
  if (runs('pgbench'))
    try {
      pgbenchTps = await runPgbench({
        serverUrl: server.serverUrl,
        clients: options.connections,
        seconds: options.duration,
        log,
      });
    } catch (error) {
      log(
        `NOTE: pgbench could not run, pgbench_tps is null: ${error instanceof Error ? error.message : String(error)}`,
      );
    }

  // 5b. The intake write alone over `connections` database connections, no HTTP.
  let dbIntake: { orders_per_s: number | null; errors: number } | null = null;
  if (runs('db_intake'))
    try {
      log(
        `db_intake: createOrder (take_order) for ${options.duration} s over ${options.connections} connections…`,
      );
      dbIntake = await runDbIntake({
        skus,
        connections: options.connections,
        duration: options.duration,
        run: `${run}d`,
      });
      log(`db_intake: ${dbIntake.orders_per_s} orders/s, ${dbIntake.errors} errors`);
    } catch (error) {
      log(`db_intake failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  // 5c. The batch intake's write alone (takeOrderBatch: take_orders per 50 orders), same lanes, no HTTP.
  let dbIntakeBatch: { orders_per_s: number | null; refused: number; errors: number } | null = null;
  if (runs('db_intake'))
    try {
      log(
        `db_intake_batch: takeOrderBatch of ${BULK_BATCH} orders for ${options.duration} s ` +
          `over ${options.connections} lanes…`,
      );
      dbIntakeBatch = await runDbIntakeBatch({
        skus,
        connections: options.connections,
        duration: options.duration,
        batch: BULK_BATCH,
        run: `${run}e`,
      });
      log(
        `db_intake_batch: ${dbIntakeBatch.orders_per_s} orders/s, ${dbIntakeBatch.refused} refused, ` +
          `${dbIntakeBatch.errors} failed batches`,
      );
    } catch (error) {
      log(`db_intake_batch failed: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 6. The order list: the query in this process, then the page over HTTP as a signed-in manager.
  const emails =
    options.orders > 0
      ? (
          await db.$queryRaw<
            { email: string }[]
          >`SELECT email FROM orders WHERE number IN (${Math.ceil(options.orders / 3)},
            ${Math.ceil(options.orders / 2)}, ${Math.ceil((2 * options.orders) / 3)})`
        ).map((r) => r.email)
      : [];
  const cases = listCases(timeZone, emails);
  let queryP95: number | null = null;
  if (runs('list'))
    try {
      log(`list query: orderList() ${QUERY_SAMPLES} times over ${cases.length} filter/sort cases…`);
      const timed = await timeCases(cases, QUERY_SAMPLES, async (c: ListCase) => {
        await orderList(ZOrderListQuery.parse(c.params), timeZone);
      });
      queryP95 = timed.all.p95_ms;
      for (const [name, t] of timed.byCase)
        log(
          `  ${name.padEnd(44)} p50 ${String(t.p50_ms).padStart(7)} ms  p95 ${String(t.p95_ms).padStart(7)} ms`,
        );
      log(`list query: p50 ${timed.all.p50_ms} ms, p95 ${timed.all.p95_ms} ms`);
    } catch (error) {
      log(`list query failed: ${error instanceof Error ? error.message : String(error)}`);
    }

  let pageP95: number | null = null;
  let pageNote: string | undefined;
  if (runs('list'))
    try {
      const cookie = await signIn(app.url, manager.email, manager.password);
      const pageCases: ListCase[] = [
        { name: 'status=open sort=total_desc', params: { status: 'open', sort: 'total_desc' } },
        { name: 'channel=amazon', params: { channel: 'amazon' } },
        cases.find((c) => c.name === 'last 30 days sort=total_desc')!,
      ];
      const first = await fetchPage(`${app.url}/orders${toQuery(pageCases[0].params)}`, cookie);
      if (first.status !== 200)
        pageNote = `GET /orders answered ${first.status}${first.location ? ` → ${first.location}` : ''}`;
      else if (first.body.includes('coming-soon-title'))
        pageNote = 'the /orders page is still a placeholder (no order list yet)';
      if (pageNote) log(`NOTE: ${pageNote}; page_p95_ms measures it as it is`);
      log(
        `list page: GET /orders ${PAGE_SAMPLES} times over ${pageCases.length} filter/sort cases as a ` +
          `signed-in manager…`,
      );
      const statuses = new Map<number, number>();
      const timed = await timeCases(pageCases, PAGE_SAMPLES, async (c) => {
        const res = await fetchPage(`${app.url}/orders${toQuery(c.params)}`, cookie);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      });
      pageP95 = timed.all.p95_ms;
      for (const [name, t] of timed.byCase)
        log(
          `  ${name.padEnd(44)} p50 ${String(t.p50_ms).padStart(7)} ms  p95 ${String(t.p95_ms).padStart(7)} ms`,
        );
      log(
        `list page: p50 ${timed.all.p50_ms} ms, p95 ${timed.all.p95_ms} ms, statuses ` +
          `${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    } catch (error) {
      pageNote = `page not measured: ${error instanceof Error ? error.message : String(error)}`;
      log(pageNote);
    }

  // 7. The dashboard: the KPI endpoint and the page (after intake, so its fact deltas are pending).
  let kpis: { api_p95_ms: number | null; page_p95_ms: number | null } = {
    api_p95_ms: null,
    page_p95_ms: null,
  };
  if (runs('kpis'))
    try {
      const { todayIn } = await import('@/lib/dates');
      const cookie = await signIn(app.url, manager.email, manager.password);
      const pending = await db.kpiFactDelta.count();
      log(`dashboard: ${pending.toLocaleString('en-US')} KPI fact deltas pending from intake`);
      const timed = await timeKpis({
        url: app.url,
        apiKey,
        cookie,
        today: todayIn(timeZone),
        apiSamples: KPI_API_SAMPLES,
        pageSamples: KPI_PAGE_SAMPLES,
        log,
      });
      kpis = { api_p95_ms: timed.api_p95_ms, page_p95_ms: timed.page_p95_ms };
    } catch (error) {
      log(`dashboard not measured: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 7b. Replenishment: a run's compute over 10,000 SKUs × 730 days, a run over this database, the page.
  let replenishment: ReplenishmentBench | null = null;
  if (runs('replenishment'))
    try {
      replenishment = await benchReplenishment({
        url: app.url,
        manager,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        pageSamples: KPI_PAGE_SAMPLES,
        log,
      });
    } catch (error) {
      log(`replenishment not measured: ${error instanceof Error ? error.message : String(error)}`);
    }

  // 8. Peak memory of the serving process over the whole run (before the import, which has its own process).
  const peak = app.memory.peakMb();

  // 9. Import: a generated Shopify export of --import-orders orders, end to end in its own process.
  let imported: { orders: number; seconds: number; peak_rss_mb: number } | null = null;
  if (runs('import'))
    try {
      const file = path.join(workDir, 'import-shopify.csv');
      t0 = performance.now();
      const { rows } = await writeShopifyFile(file, options.importOrders, skus, run);
      log(
        `import: wrote ${options.importOrders.toLocaleString('en-US')} orders (` +
          `${rows.toLocaleString('en-US')} rows) to ${file} in ${seconds(t0)}; importing as history…`,
      );
      const r = await runImportFile(file, { ...process.env, DATABASE_URL: databaseUrl });
      imported = { orders: r.orders, seconds: r.seconds, peak_rss_mb: r.peak_rss_mb };
      log(
        `import: ${r.orders.toLocaleString('en-US')} orders in ${r.seconds} s (` +
          `${round(r.orders / r.seconds, 0)} orders/s), peak RSS ${r.peak_rss_mb} MB, status ${r.status}, ` +
          `${r.errors} errors${r.first_error ? ` (first: ${JSON.stringify(r.first_error)})` : ''}`,
      );
    } catch (error) {
      log(`import failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  const proc = app.memory.serverProcess();
  log(`peak RSS ${round(peak)} MB${proc ? ` (pid ${proc.pid}: ${proc.command})` : ''}`);

  const summary = {
    orders: history.orders,
    intake: {
      orders_per_s: intake?.orders_per_s ?? null,
      p50_ms: intake?.p50_ms ?? null,
      p95_ms: intake?.p95_ms ?? null,
      errors: intake ? intake.errors : null,
      health_rps: healthRps,
    },
    pgbench_tps: round(pgbenchTps, 1),
    events,
    intake_vs_pgbench:
      intake?.orders_per_s != null && pgbenchTps ? round(intake.orders_per_s / pgbenchTps, 3) : null,
    health_vs_pgbench: healthRps != null && pgbenchTps ? round(healthRps / pgbenchTps, 3) : null,
    list: { query_p95_ms: queryP95, page_p95_ms: pageP95, ...(pageNote ? { page_note: pageNote } : {}) },
    kpis,
    replenishment,
    bulk: { orders_per_s: bulk?.orders_per_s ?? null, p95_ms: bulk?.p95_ms ?? null },
    bulk_vs_pgbench:
      bulk?.orders_per_s != null && pgbenchTps ? round(bulk.orders_per_s / pgbenchTps, 3) : null,
    db_intake: { orders_per_s: dbIntake?.orders_per_s ?? null },
    db_intake_vs_pgbench:
      dbIntake?.orders_per_s != null && pgbenchTps ? round(dbIntake.orders_per_s / pgbenchTps, 3) : null,
    db_intake_batch: { orders_per_s: dbIntakeBatch?.orders_per_s ?? null },
    db_intake_batch_vs_pgbench:
      dbIntakeBatch?.orders_per_s != null && pgbenchTps
        ? round(dbIntakeBatch.orders_per_s / pgbenchTps, 3)
        : null,
    import: imported,
    intake_vs_health:
      intake?.orders_per_s != null && healthRps ? round(intake.orders_per_s / healthRps, 3) : null,
    peak_rss_mb: round(peak, 0),
    seed_s: round(history.seconds, 1),
  };
  await cleanup();
  // The last line of stdout: one JSON object, so runs can be compared.
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

main().catch(async (error) => {
  console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup();
  process.exit(1);
});

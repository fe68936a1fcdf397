/**
 * `DATABASE_URL=<a kept bench database> AUTH_SECRET=x tsx --conditions=react-server bench/probe-intake.ts
 *   [--lanes 1,4,16] [--seconds 8] [--mode single|batch]`
 *
 * Where the intake write's time goes (decision 051): for each lane count, `createOrder` (or
 * `takeOrderBatch` of 50) from this process for a few seconds, without HTTP, while it samples
 * `pg_stat_activity` every 20 ms (each backend of this database: active on CPU, or waiting, and on
 * what), and measures the CPU of this process (`process.cpuUsage`) and of the database's backends
 * (`/proc/<pid>/stat`, when the server runs on this machine), the commits and WAL written. One line of
 * JSON per lane count; nothing is kept but the orders taken.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { orderBody, type StockedSku } from './intake';
import { round } from './stats';

function args(argv: string[]) {
  const out = { lanes: [1, 4, 16], seconds: 8, mode: 'single' as 'single' | 'batch', zipf: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (flag === '--lanes') out.lanes = value.split(',').map(Number);
    else if (flag === '--seconds') out.seconds = Number(value);
    else if (flag === '--zipf') out.zipf = Number(value);
    else if (flag === '--mode') out.mode = value === 'batch' ? 'batch' : 'single';
    else throw new Error(`unknown flag ${flag}`);
  }
  return out;
}

/**
 * orderBody with its lines' SKUs drawn by popularity: the k-th most popular of the stocked SKUs with
 * weight 1 / k^s (Zipf), distinct within the order; s = 0 keeps orderBody's even rotation.
 */
function bodyWith(zipf: number, skus: StockedSku[]) {
  const weights = skus.map((_, k) => 1 / Math.pow(k + 1, zipf));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = () => {
    const r = random();
    const i = cumulative.findIndex((c) => c >= r);
    return skus[i < 0 ? skus.length - 1 : i];
  };
  return (n: number, run: string) => {
    const body = orderBody(n, run, skus);
    if (!zipf) return body;
    const taken = new Set<string>();
    for (const line of body.lines) {
      let s = pick();
      while (taken.has(s.sku)) s = pick();
      taken.add(s.sku);
      line.sku = s.sku;
      line.unit_price = s.price;
    }
    const subtotal = body.lines.reduce((sum, l) => sum + l.quantity * l.unit_price, 0);
    body.tax_amount = Math.round(subtotal * 0.08);
    const total = subtotal + body.shipping_amount + body.tax_amount;
    body.payment = { ...body.payment, amount: total, fee: Math.round(total * 0.029) + 30 };
    return body;
  };
}

/** utime + stime of a process in ms (clock ticks of 10 ms), or null when it is not on this machine. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function main() {
  const options = args(process.argv.slice(2));
  const url = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url, application_name: 'probe' });
  await admin.connect();
  const { rows: skus } = await admin.query<StockedSku>(
    `SELECT v.sku, v.price FROM variants v JOIN stock_levels l ON l.variant_id = v.id
      WHERE l.on_hand >= 50000 ORDER BY v.sku LIMIT 200`,
  );
  const { createOrder } = await import('@/lib/orders/create-order');
  const { takeOrderBatch } = await import('@/lib/orders/take-order-batch');
  const actor = { type: 'system', id: null, label: 'probe' } as const;
  const run = `probe${Date.now().toString(36)}`;
  let n = 0;
  const next = bodyWith(options.zipf, skus);
  const backendCpu = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'probe'
          AND backend_type = 'client backend'`,
    );
    return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
  };
  const counters = async () =>
    (
      await admin.query<{ commits: string; wal_records: string; wal_bytes: string; wal_sync: string }>(
        `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits,
                wal_records, wal_bytes, wal_sync FROM pg_stat_wal`,
      )
    ).rows[0];
  // Warm the pool and the caches.
  for (let i = 0; i < 20; i++) await createOrder({ input: orderBody(n++, run, skus), actor });

  for (const lanes of options.lanes) {
    const waits = new Map<string, number>();
    let samples = 0;
    let stop = false;
    const sampler = (async () => {
      const c = new pg.Client({ connectionString: url, application_name: 'probe' });
      await c.connect();
      while (!stop) {
        const { rows } = await c.query<{ state: string | null; w: string | null }>(
          `SELECT state, CASE WHEN wait_event IS NULL THEN 'CPU' ELSE wait_event_type || ':' || wait_event END AS w
             FROM pg_stat_activity WHERE datname = current_database() AND application_name <> 'probe'
              AND backend_type = 'client backend'`,
        );
        samples += 1;
        for (const r of rows) {
          const key = r.state === 'active' ? r.w! : r.state === 'idle' ? 'idle (app side)' : `${r.state}`;
          waits.set(key, (waits.get(key) ?? 0) + 1);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await c.end();
    })();
    const before = await counters();
    const cpu0 = await backendCpu();
    const node0 = process.cpuUsage();
    let ok = 0;
    let errors = 0;
    const start = performance.now();
    const until = start + options.seconds * 1000;
    const lane = async () => {
      while (performance.now() < until) {
        try {
          if (options.mode === 'single') {
            await createOrder({ input: next(n++, run), actor });
            ok += 1;
          } else {
            const orders = Array.from({ length: 50 }, () => next(n++, run));
            for (const r of await takeOrderBatch({ orders, actor })) if (r.status === 201) ok += 1;
          }
        } catch (error) {
          if (errors++ < 3) console.error(error);
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    const elapsed = (performance.now() - start) / 1000;
    const node = process.cpuUsage(node0);
    const cpu1 = await backendCpu();
    const after = await counters();
    stop = true;
    await sampler;
    let backendMs = 0;
    for (const [pid, ms] of cpu1) if (ms !== null) backendMs += ms - (cpu0.get(pid) ?? 0);
    const perSample = Object.fromEntries(
      [...waits.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / samples, 2)]),
    );
    console.log(
      JSON.stringify({
        mode: options.mode,
        zipf: options.zipf,
        lanes,
        orders_per_s: round(ok / elapsed, 1),
        errors,
        node_cpu_ms_per_order: round((node.user + node.system) / 1000 / ok, 2),
        backend_cpu_ms_per_order: round(backendMs / ok, 2),
        commits_per_order: round((Number(after.commits) - Number(before.commits)) / ok, 2),
        wal_bytes_per_order: round((Number(after.wal_bytes) - Number(before.wal_bytes)) / ok, 0),
        wal_syncs_per_s: round((Number(after.wal_sync) - Number(before.wal_sync)) / elapsed, 1),
        load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
        backends_by_state: perSample,
      }),
    );
  }
  await admin.end();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * `DATABASE_URL=<a kept bench database> AUTH_SECRET=<32+ chars> tsx --conditions=react-server bench/probe-route.ts
 *   [--lanes 16] [--seconds 8] [--rounds 2]`
 *
 * The app's CPU of one `POST /api/v1/orders` without Next.js or HTTP (decision 056): the route's handler called
 * in this process with `Request`s (the bench's intake bodies, a new Idempotency-Key each) from `--lanes`
 * concurrent lanes for `--seconds`, `process.cpuUsage` per order taken. So it holds the wrapper (auth, body,
 * zod, idempotency), the read, the plan, take_order and the answer, and a little of this loop (the bodies).
 * One line of JSON per round; nothing is kept but the orders taken and the API key it creates.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { orderBody, type StockedSku } from './intake';
import { round } from './stats';

function args(argv: string[]) {
  const out = { lanes: 16, seconds: 8, rounds: 2 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--lanes') out.lanes = value;
    else if (argv[i] === '--seconds') out.seconds = value;
    else if (argv[i] === '--rounds') out.rounds = value;
  }
  return out;
}

async function main() {
  const options = args(process.argv.slice(2));
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'probe' });
  await admin.connect();
  const { rows: skus } = await admin.query<StockedSku>(
    `SELECT v.sku, v.price FROM variants v JOIN stock_levels l ON l.variant_id = v.id
      WHERE l.on_hand >= 50000 ORDER BY v.sku LIMIT 200`,
  );
  await admin.end();
  const { createApiKey } = await import('@/lib/auth/create-api-key');
  const { POST } = await import('@/app/api/v1/orders/route');
  const run = `route${Date.now().toString(36)}`;
  const actor = { type: 'system', id: null, label: 'probe' } as const;
  const { key } = await createApiKey({ input: { name: `probe ${run}`, scopes: ['orders:create'] }, actor });
  const context = { params: Promise.resolve({}) };
  let n = 0;
  const one = async () => {
    const i = n++;
    const res = await POST(
      new Request('http://127.0.0.1/api/v1/orders', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': `${run}-${i}`,
        },
        body: JSON.stringify(orderBody(i, run, skus)),
      }),
      context,
    );
    await res.text();
    return res.status;
  };
  // Warm the pool, the prepared statements and the JIT.
  for (let i = 0; i < 40; i++) await one();
  for (let r = 0; r < options.rounds; r++) {
    let ok = 0;
    let refused = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const until = start + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: options.lanes }, async () => {
        while (performance.now() < until)
          if ((await one()) === 201) ok += 1;
          else refused += 1;
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    console.log(
      JSON.stringify({
        lanes: options.lanes,
        orders_per_s: round(ok / ((performance.now() - start) / 1000), 1),
        refused,
        app_cpu_ms_per_order: round((cpu.user + cpu.system) / 1000 / ok, 3),
        system_cpu_ms_per_order: round(cpu.system / 1000 / ok, 3),
        load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      }),
    );
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

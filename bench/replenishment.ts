import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fetchPage, signIn, timeCases, type ListCase } from './list';
import { round, seconds } from './stats';

export type ReplenishmentBench = {
  skus: number;
  days: number;
  seconds: number;
  peak_rss_mb: number;
  mase: number | null;
  naive_mase: number | null;
  db_run_s: number | null;
  db_pairs: number | null;
  page_p95_ms: number | null;
};

/** The run's compute over SKUS × DAYS of generated history, in its own process (bench/replenishment-compute.ts). */
export async function runReplenishmentCompute(skus: number, days: number, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=react-server',
      'bench/replenishment-compute.ts',
      String(skus),
      String(days),
    ],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`the replenishment compute process exited with ${code}`);
  return JSON.parse(out.trim().split('\n').pop()!) as {
    seconds: number;
    peak_rss_mb: number;
    mase: number | null;
    naive_mase: number | null;
    methods: Record<string, number>;
    classes: Record<string, number>;
  };
}

/**
 * The replenishment section: (1) the compute of a run over 10,000 SKUs × 730 days of generated
 * history (goal < 30 s, < 500 MB); (2) a real run over the bench database (its orders and stock
 * movements, read and written through the use case); (3) the replenishment page's p95 as a
 * signed-in manager.
 */
export async function benchReplenishment(o: {
  url: string;
  manager: { email: string; password: string };
  env: NodeJS.ProcessEnv;
  pageSamples: number;
  log: (line: string) => void;
}): Promise<ReplenishmentBench> {
  const skus = 10_000;
  const days = 730;
  o.log(
    `replenishment: a run's compute over ${skus.toLocaleString('en-US')} SKUs × ${days} days of generated history…`,
  );
  const c = await runReplenishmentCompute(skus, days, o.env);
  o.log(
    `replenishment compute: ${c.seconds} s, peak RSS ${c.peak_rss_mb} MB; MASE ${round(c.mase, 3)} vs ` +
      `seasonal naive ${round(c.naive_mase, 3)}; methods ${JSON.stringify(c.methods)}`,
  );
  const { startReplenishmentRun } = await import('@/lib/replenishment/start-run');
  const { executeReplenishmentRun } = await import('@/lib/replenishment/execute-run');
  const { replenishmentRun } = await import('@/lib/replenishment/queries');
  const { SYSTEM_ACTOR } = await import('@/lib/auth/actor');
  const t0 = performance.now();
  const { id } = await startReplenishmentRun({ trigger: 'cli', actor: SYSTEM_ACTOR, enqueue: false });
  await executeReplenishmentRun(id);
  const dbRunS = (performance.now() - t0) / 1000;
  const run = await replenishmentRun(id);
  o.log(
    `replenishment run over the bench database: ${run?.sku_count} SKU × location pairs in ${seconds(t0)}`,
  );
  const cookie = await signIn(o.url, o.manager.email, o.manager.password);
  const cases: ListCase[] = [{ name: 'all', params: {} }];
  const statuses = new Map<number, number>();
  const page = await timeCases(cases, o.pageSamples, async () => {
    const res = await fetchPage(`${o.url}/purchasing/replenishment`, cookie);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  });
  o.log(
    `replenishment page: p95 ${page.all.p95_ms} ms over ${o.pageSamples} loads (statuses ` +
      `${JSON.stringify(Object.fromEntries(statuses))})`,
  );
  return {
    skus,
    days,
    seconds: c.seconds,
    peak_rss_mb: c.peak_rss_mb,
    mase: round(c.mase, 3),
    naive_mase: round(c.naive_mase, 3),
    db_run_s: round(dbRunS, 1),
    db_pairs: run?.sku_count ?? null,
    page_p95_ms: page.all.p95_ms,
  };
}

/** Command-line flags of `npm run bench -- …`. */
export type BenchOptions = {
  /** historical orders to generate before measuring */
  orders: number;
  /** seconds of measured intake load (and of the pgbench run) */
  duration: number;
  /** concurrent HTTP clients for intake (and pgbench clients) */
  connections: number;
  /** seconds of intake load before the measured run, not counted */
  warmup: number;
  skipBuild: boolean;
  keepDb: boolean;
  /** measure the database an earlier --keep-db run left (same data for a before/after); implies keepDb */
  reuseDb: boolean;
  /** the measurements to run (default all); e.g. only ['kpis'] while working on the dashboard */
  only: BenchSection[];
  /** orders in the generated Shopify file of the `import` measurement */
  importOrders: number;
};

export const BENCH_SECTIONS = [
  'intake',
  'pgbench',
  'list',
  'kpis',
  'bulk',
  'db_intake',
  'import',
  'events',
  'replenishment',
] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

const USAGE =
  `usage: npm run bench -- [--orders N] [--duration S] [--connections C] [--warmup S] [--skip-build] ` +
  `[--keep-db] [--reuse-db] [--only LIST] [--import-orders N]
  --orders N        historical orders to generate (default 100000)
  --duration S      seconds of measured intake load and of the pgbench run (default 20)
  --connections C   concurrent clients for intake and pgbench (default 16)
  --warmup S        seconds of intake load before the measured run (default 5)
  --skip-build      reuse .next when .next/BUILD_ID exists
  --keep-db         leave the bench database (BENCH_DB, default backroom_bench) in place afterwards
  --reuse-db        measure the database a --keep-db run left: apply new migrations only, no seeding
                    (--orders is then what the database holds); implies --keep-db
  --only LIST       run only these measurements, comma-separated: ` +
  `${BENCH_SECTIONS.join(',')} (default all);
                    the others are null in the JSON
  --import-orders N orders in the generated Shopify file the import measurement imports (default 100000)`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    orders: 100_000,
    duration: 20,
    connections: 16,
    warmup: 5,
    skipBuild: false,
    keepDb: false,
    reuseDb: false,
    only: [...BENCH_SECTIONS],
    importOrders: 100_000,
  };
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(n) || n < min)
      throw new Error(`${flag} needs a whole number ≥ ${min}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--orders':
        options.orders = number(flag, value(), 0);
        break;
      case '--duration':
        options.duration = number(flag, value(), 1);
        break;
      case '--connections':
        options.connections = number(flag, value(), 1);
        break;
      case '--warmup':
        options.warmup = number(flag, value(), 0);
        break;
      case '--import-orders':
        options.importOrders = number(flag, value(), 1);
        break;
      case '--skip-build':
        options.skipBuild = true;
        break;
      case '--keep-db':
        options.keepDb = true;
        break;
      case '--reuse-db':
        options.reuseDb = true;
        options.keepDb = true;
        break;
      case '--only': {
        const list = (value() ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        const unknown = list.filter((x) => !(BENCH_SECTIONS as readonly string[]).includes(x));
        if (!list.length || unknown.length)
          throw new Error(
            `--only takes a comma-separated list of ${BENCH_SECTIONS.join(', ')}` +
              `${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}\n${USAGE}`,
          );
        options.only = list as BenchSection[];
        break;
      }
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown flag ${argv[i]}\n${USAGE}`);
    }
  }
  return options;
}

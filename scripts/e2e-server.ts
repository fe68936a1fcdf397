/**
 * The server the Playwright suite runs against (playwright.config.ts → webServer.command).
 *
 * Every run gets a fresh database named `backroom_e2e`, never the developer's own data:
 * - TEST_DATABASE_URL or DATABASE_URL set → `backroom_e2e` is dropped and created on that server;
 * - neither set → an embedded PostgreSQL under .data/e2e-pg, with `backroom_e2e` dropped and created on it.
 * Then migrations and the demo shop (prepareWithDemoShop), `next build` (skip with E2E_SKIP_BUILD=1) and
 * `next start -p $E2E_PORT` (default 3210). SIGTERM/SIGINT stop Next.js and the embedded server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareWithDemoShop } from '@/prisma/seed-demo-shop';
import { startEmbeddedPostgres, type EmbeddedServer } from '@/lib/platform/embedded-postgres';
import { dropDatabase, ensureDatabase, withDatabase } from '@/lib/platform/migrate';
import { DATA_DIR } from '@/lib/platform/runtime-config';

// E2E_DATABASE lets two checkouts (git worktrees) run their suites side by side on one server.
const DATABASE = process.env.E2E_DATABASE ?? 'backroom_e2e';
const port = Number(process.env.E2E_PORT ?? 3210);
const log = (line: string) => console.log(`[e2e-server] ${line}`);

let embedded: EmbeddedServer | null = null;
let child: ChildProcess | null = null;
let stopping: Promise<never> | null = null;

/** Stops Next.js (or the build) and the embedded server, then exits; every later call joins the first. */
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    const running = child;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
    }
    await embedded?.stop().catch((error) => log(`could not stop embedded PostgreSQL: ${String(error)}`));
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

/** The URL of a maintenance database on the server the tests may use, and the embedded server if one was started. */
async function testServerUrl(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) {
    log(
      `using the PostgreSQL server of ` +
        `${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'DATABASE_URL'} (database ${DATABASE})`,
    );
    return withDatabase(configured, 'postgres');
  }
  const dataDir = path.join(DATA_DIR, 'e2e-pg');
  embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', log });
  log(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${dataDir})`);
  return embedded.url;
}

function run(command: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const output: Buffer[] = [];
    child = spawn(process.execPath, command, { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      child = null;
      // Only a failed build prints its output, so a passing run stays readable.
      if (quiet && code !== 0) process.stdout.write(Buffer.concat(output));
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  // A secret per run: sessions from earlier runs (or from the developer's app) never apply here.
  process.env.AUTH_SECRET = process.env.E2E_AUTH_SECRET ?? randomBytes(32).toString('base64url');
  delete process.env.NEXTAUTH_SECRET;

  const serverUrl = await testServerUrl();
  await dropDatabase(serverUrl, DATABASE);
  process.env.DATABASE_URL = await ensureDatabase(serverUrl, DATABASE);
  process.env.BACKROOM_DEMO_DATA = '1';
  // A short order history keeps start-up quick; specs create the orders they assert on.
  process.env.BACKROOM_DEMO_ORDERS ??= '80';
  await prepareWithDemoShop({ log, seed: true });
  log(`database ${DATABASE} migrated and seeded`);

  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
  };
  if (process.env.E2E_SKIP_BUILD === '1') {
    log('E2E_SKIP_BUILD=1: using the existing .next build');
  } else {
    log('next build…');
    const started = Date.now();
    const code = await run([nextBin, 'build'], env, true);
    if (code !== 0) {
      log(`next build failed (exit ${code})`);
      await stop(code);
    }
    log(`next build done in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  if (stopping) return;

  log(`next start on http://127.0.0.1:${port}`);
  child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: 'inherit',
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`next start exited (${signal ?? code})`);
    void stop(code ?? 1);
  });
}

main().catch(async (error) => {
  console.error(
    `[e2e-server] could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await stop(1);
});

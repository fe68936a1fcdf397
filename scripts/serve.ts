/**
 * `npm start` / `npm run dev`: prepares the database (embedded when DATABASE_URL is unset), builds
 * when no production build exists, then runs Next.js and prints the URL and the demo logins. While a
 * demo login keeps its published password it listens on 127.0.0.1 unless HOST is set (listen-host.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareWithDemoShop } from '@/prisma/seed-demo-shop';
import { DEMO_PASSWORD } from '@/prisma/seed';
import { demoLoginsInUse, listenHost } from '@/lib/platform/listen-host';

const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const port = Number(process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[backroom] ${line}`);

async function main() {
  const prepared = await prepareWithDemoShop({ log });
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  const demoLogins = await demoLoginsInUse(prepared.url);
  const listen = listenHost(process.env.HOST, demoLogins);
  if (listen.note) log(listen.note);

  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  if (mode === 'start' && !existsSync('.next/BUILD_ID')) {
    log('no production build yet: running `next build` (about a minute)…');
    const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: process.env });
    if (build.status !== 0) {
      await prepared.embedded?.stop();
      process.exit(build.status ?? 1);
    }
  }

  const hostArgs = listen.host ? ['-H', listen.host] : [];
  const child = spawn(process.execPath, [nextBin, mode, '-p', String(port), ...hostArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
    env: process.env,
  });
  let announced = false;
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      const where =
        listen.host && listen.host !== '0.0.0.0' && listen.host !== '::' ? listen.host : 'localhost';
      log(
        `Backroom is running at http://${where.includes(':') ? `[${where}]` : where}:${port}` +
          (listen.host ? ` (listening on ${listen.host})` : ' (listening on every interface)'),
      );
      if (demoLogins.length) log(`demo logins (password "${DEMO_PASSWORD}"): ${demoLogins.join(', ')}`);
    }
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    child.kill('SIGTERM');
    await prepared.embedded?.stop().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  child.on('exit', (code) => void stop(code ?? 0));
}

main().catch((error) => {
  console.error(`[backroom] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/**
 * `npm run worker`: the job worker as its own process, beside web processes started with
 * WORKER=off (or beside others: each job still runs once). Prepares the database like `npm start`
 * (embedded when DATABASE_URL is unset, migrations, no demo data), then works the queues until
 * SIGTERM/SIGINT, letting running jobs finish. See docs/decisions/021-job-queue.md.
 */
import { prepareDatabase } from '@/lib/platform/bootstrap';
import { startWorker, stopWorker } from '@/lib/jobs/worker';

const log = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  const prepared = await prepareDatabase({ log });
  await startWorker({ log });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping: waiting for running jobs…');
    await stopWorker().catch((error) => log(`stop failed: ${String(error)}`));
    await prepared.embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`[worker] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

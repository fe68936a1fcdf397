/**
 * A worker process for the scale-out test (tests/integration/jobs/jobs.test.ts): runs `test.record`
 * against DATABASE_URL until SIGTERM. Started with `tsx --conditions=react-server`, as `npm run
 * worker` is. Prints "ready" once it works the queue.
 */
import { startWorker, stopWorker } from '@/lib/jobs/worker';
import { recordRunJob } from './test-jobs';

async function main() {
  await startWorker({ jobs: [recordRunJob], pollingIntervalSeconds: 0.5, log: () => {} });
  console.log('ready');
  process.on('SIGTERM', () => {
    void stopWorker({ timeoutMs: 5000 }).finally(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

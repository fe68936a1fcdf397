/**
 * Runs once when the Next.js server starts. Starts the job worker in the Node.js runtime unless
 * WORKER=off (then run `npm run worker` beside it; docs/decisions/021-job-queue.md); nothing runs
 * during `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // TRACE and the like never reach Next.js; answer them as JSON 405 (decision 019).
  const { installMethodGuard } = await import('@/lib/api/method-guard');
  installMethodGuard();
  if (process.env.WORKER === 'off') {
    console.log('[jobs] WORKER=off: this process serves requests only; run `npm run worker` beside it');
    // Start the enqueue-only instance now, not inside the first transaction that queues a job.
    const { senderBoss } = await import('@/lib/jobs/boss');
    await senderBoss().catch((error: unknown) =>
      console.error('[jobs] cannot reach the job queue yet:', error instanceof Error ? error.message : error),
    );
    return;
  }
  const { startWorker, stopWorker } = await import('@/lib/jobs/worker');
  try {
    await startWorker();
  } catch (error) {
    // The web keeps serving; jobs wait in the queue for a worker.
    console.error('[jobs] the worker did not start:', error instanceof Error ? error.message : error);
    return;
  }
  const stop = () => void stopWorker().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

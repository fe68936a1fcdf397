/**
 * Runs once when the Next.js server starts. Starts the notification worker in the Node.js runtime
 * (docs/decisions/015-notifications-outbox.md); nothing runs during `next build`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startNotificationWorker } = await import('@/lib/notify/worker');
  startNotificationWorker();
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runIntake, type StockedSku } from './intake';
import { percentile, round } from './stats';

export type EventsResult = {
  /** intake with no webhook subscription (the pump still reads the feed) */
  intake_off_orders_per_s: number | null;
  /** intake while every order.created is delivered to a loopback receiver */
  intake_on_orders_per_s: number | null;
  /** webhook deliveries received per second, from the first request to the last delivery */
  deliveries_per_s: number | null;
  /** event occurred_at (written just before its commit) → the receiver got it, ms */
  lag_p50_ms: number | null;
  lag_p95_ms: number | null;
  delivered: number;
  /** order.created events of the "on" run that had not arrived when the wait ended */
  undelivered: number;
  /**
   * Where the lag goes, p95 in ms: the event's time → its delivery row (the feed horizon and the
   * dispatcher's pass), the delivery row → the request sent (claiming and the pass before it).
   */
  dispatch_p95_ms: number | null;
  send_p95_ms: number | null;
};

/**
 * Webhooks under intake load (issue 14): intake for `duration` s with no subscription, then again
 * with one subscription to order.created pointing at a receiver on loopback (answers 200 at once);
 * deliveries per second and the lag from the event's time to its arrival. The app's own worker
 * sends (webhooks.pump, decision 022). Needs WEBHOOK_ALLOW_PRIVATE_TARGETS=1 in the app's env.
 */
export async function runEventsBench(options: {
  url: string;
  apiKey: string;
  skus: StockedSku[];
  connections: number;
  duration: number;
  run: string;
  log: (line: string) => void;
}): Promise<EventsResult> {
  const { db } = await import('@/lib/db');
  const { createWebhook } = await import('@/lib/webhooks/create-webhook');
  const { deleteWebhook } = await import('@/lib/webhooks/delete-webhook');
  const { enqueueJob } = await import('@/lib/jobs/enqueue');
  const actor = { type: 'system', id: null, label: 'bench' } as const;

  const lags: number[] = [];
  let lastArrival = 0;
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
        lags.push(now - Date.parse(body.timestamp));
      } catch {
        // counted as nothing: not a delivery of ours
      }
      lastArrival = now;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // The pump chain may wait for the every-minute schedule: start it now.
  await enqueueJob('webhooks.pump', {});
  try {
    options.log(`events: intake without webhooks for ${options.duration} s…`);
    const off = await runIntake({ ...options, run: `${options.run}e0` });
    const hook = await createWebhook({ input: { url: receiverUrl, events: ['order.created'] }, actor });
    const since = new Date();
    const started = Date.now();
    options.log(
      `events: intake with a webhook on order.created to ${receiverUrl} for ${options.duration} s…`,
    );
    const on = await runIntake({ ...options, run: `${options.run}e1` });
    const expected = await db.event.count({ where: { type: 'order.created', occurredAt: { gte: since } } });
    // Let the sender catch up (at most 60 s after the load ends).
    for (let i = 0; i < 600 && lags.length < expected; i++) await new Promise((r) => setTimeout(r, 100));
    const elapsed = ((lastArrival || Date.now()) - started) / 1000;
    const [split] = await db.$queryRaw<{ dispatch: number | null; send: number | null }[]>`
      SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM d.created_at - e.occurred_at))
               * 1000 AS dispatch,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM a.attempted_at - d.created_at))
               * 1000 AS send
        FROM webhook_deliveries d
        JOIN events e ON e.id = d.event_id
        JOIN webhook_attempts a ON a.delivery_id = d.id
       WHERE d.endpoint_id = ${hook.id}::uuid`;
    await deleteWebhook({ id: hook.id, actor });
    return {
      intake_off_orders_per_s: off.orders_per_s,
      intake_on_orders_per_s: on.orders_per_s,
      deliveries_per_s: elapsed > 0 ? round(lags.length / elapsed, 1) : null,
      lag_p50_ms: round(percentile(lags, 50), 0),
      lag_p95_ms: round(percentile(lags, 95), 0),
      delivered: lags.length,
      undelivered: Math.max(0, expected - lags.length),
      dispatch_p95_ms: split?.dispatch == null ? null : round(Number(split.dispatch), 0),
      send_p95_ms: split?.send == null ? null : round(Number(split.send), 0),
    };
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
}

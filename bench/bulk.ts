import { orderBody, type StockedSku } from './intake';
import { percentile, round } from './stats';

/** Orders per batch request of the `bulk` measurement. */
export const BULK_BATCH = 50;

export type BulkResult = {
  orders_per_s: number | null;
  p95_ms: number | null;
  /** batch responses that were not 200, plus failed requests */
  errors: number;
  /** orders answered other than 201 inside 200 batches */
  refused: number;
  batches: number;
};

/**
 * POST /api/v1/orders/batch from `connections` client lanes, each sending BULK_BATCH new orders
 * (the intake bodies of bench/intake.ts) per request, one after another, for `duration` seconds;
 * batches still in flight then are awaited and counted, so a slow batch is never dropped. orders/s =
 * orders answered 201 ÷ the time until the last batch answered; p95 is of the batch responses.
 */
export async function runBulk(options: {
  url: string;
  apiKey: string;
  skus: StockedSku[];
  connections: number;
  duration: number;
  run: string;
}): Promise<BulkResult> {
  let n = 0;
  let created = 0;
  let refused = 0;
  let errors = 0;
  let batches = 0;
  const latencies: number[] = [];
  const start = performance.now();
  const until = start + options.duration * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const orders = Array.from({ length: BULK_BATCH }, () => orderBody(n++, options.run, options.skus));
      const t0 = performance.now();
      try {
        const res = await fetch(`${options.url}/api/v1/orders/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ orders }),
          signal: AbortSignal.timeout(300_000),
        });
        const text = await res.text();
        if (res.status !== 200) {
          errors += 1;
          continue;
        }
        latencies.push(performance.now() - t0);
        batches += 1;
        for (const r of (JSON.parse(text) as { results: { status: number }[] }).results)
          if (r.status === 201) created += 1;
          else refused += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, lane));
  const elapsed = (performance.now() - start) / 1000;
  return {
    orders_per_s: round(created / elapsed, 1),
    p95_ms: round(percentile(latencies, 95), 1),
    errors,
    refused,
    batches,
  };
}

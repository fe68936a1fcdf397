import autocannon from 'autocannon';
import { orderBody, type StockedSku } from './intake';
import { percentile, round } from './stats';

/** Orders per batch request of the `bulk` measurement. */
export const BULK_BATCH = 100;

export type BulkResult = {
  orders_per_s: number | null;
  p95_ms: number | null;
  /** batch responses that were not 200, plus connection errors */
  errors: number;
  /** orders answered other than 201 inside 200 batches */
  refused: number;
  batches: number;
};

/**
 * POST /api/v1/orders/batch with autocannon at `connections` clients for `duration` seconds, each
 * request BULK_BATCH new orders (the intake bodies of bench/intake.ts). orders/s counts the orders
 * answered 201 inside the batches; p95 is of the batch responses.
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
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        timeout: 60,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/orders/batch',
            setupRequest: (request) => {
              const orders = Array.from({ length: BULK_BATCH }, () =>
                orderBody(n++, options.run, options.skus),
              );
              return {
                ...request,
                headers: {
                  ...request.headers,
                  authorization: `Bearer ${options.apiKey}`,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({ orders }),
              };
            },
            onResponse: (status, body) => {
              if (status !== 200) return;
              try {
                for (const r of (JSON.parse(body) as { results: { status: number }[] }).results)
                  if (r.status === 201) created += 1;
                  else refused += 1;
              } catch {
                refused += BULK_BATCH;
              }
            },
          },
        ],
      },
      (error: unknown, res) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(res),
    );
    instance.on('response', (_c, statusCode, _b, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000 || options.duration;
  return {
    orders_per_s: round(created / elapsed, 1),
    p95_ms: round(percentile(latencies, 95), 1),
    errors: result.non2xx + result.errors,
    refused,
    batches: result['2xx'],
  };
}

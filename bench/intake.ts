import autocannon from 'autocannon';
import { percentile, round } from './stats';
import type { Channel, TCreateOrderInput } from '@/lib/orders/schemas';

export type StockedSku = { sku: string; price: number };

export type IntakeResult = {
  orders_per_s: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  /** responses that were not 2xx, plus connection errors and timeouts */
  errors: number;
  requests: number;
  /** status code → count, for the log */
  statuses: Record<string, number>;
  /** up to a few bodies of failed responses, for the log */
  samples: string[];
};

const PLACES = [
  { city: 'Springfield', region: 'IL', postal_code: '62701' },
  { city: 'Austin', region: 'TX', postal_code: '73301' },
  { city: 'Portland', region: 'OR', postal_code: '97201' },
  { city: 'Denver', region: 'CO', postal_code: '80202' },
  { city: 'Boston', region: 'MA', postal_code: '02108' },
  { city: 'Seattle', region: 'WA', postal_code: '98101' },
];
const CHANNELS: Channel[] = ['web', 'web', 'shopify', 'shopify', 'amazon', 'etsy'];

/**
 * The n-th intake body: 1–3 distinct SKUs from the stocked set (rotating, so load spreads over all
 * of them), a new customer email, a valid US address, and a captured payment of the full total with
 * clean AVS/CVV results (so the order is taken as `open`, the normal path).
 */
export function orderBody(n: number, run: string, skus: StockedSku[]) {
  const lineCount = 1 + (n % 3);
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const s = skus[(n * 7 + i * 61) % skus.length];
    return { sku: s.sku, quantity: 1 + ((n + i) % 2), unit_price: s.price };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.quantity * l.unit_price, 0);
  const shipping = 595;
  const tax = Math.round(subtotal * 0.08);
  const total = subtotal + shipping + tax;
  const place = PLACES[n % PLACES.length];
  const name = `Bench Shopper ${n}`;
  return {
    channel: CHANNELS[n % CHANNELS.length],
    external_id: `bench-${run}-${n}`,
    currency: 'USD',
    customer: { email: `bench-${run}-${n}@example.com`, name },
    shipping_address: {
      name,
      line1: `${100 + (n % 900)} Main St`,
      city: place.city,
      region: place.region,
      postal_code: place.postal_code,
      country: 'US',
    },
    shipping_method: 'standard',
    lines,
    shipping_amount: shipping,
    tax_amount: tax,
    payment: {
      method: 'card',
      amount: total,
      status: 'captured',
      fee: Math.round(total * 0.029) + 30,
      avs_result: 'Y',
      cvv_result: 'M',
    },
  } satisfies TCreateOrderInput;
}

/**
 * POST /api/v1/orders with autocannon at `connections` concurrent clients for `duration` seconds.
 * Every request is a new order (new external id, new Idempotency-Key, as an integration sends).
 * orders/s counts 2xx responses only; p50/p95 are over the 2xx responses' latencies.
 */
export async function runIntake(options: {
  url: string;
  apiKey: string;
  skus: StockedSku[];
  connections: number;
  duration: number;
  run: string;
}): Promise<IntakeResult> {
  let n = 0;
  const okLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.duration,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/orders',
            setupRequest: (request) => {
              const i = n++;
              return {
                ...request,
                headers: {
                  ...request.headers,
                  authorization: `Bearer ${options.apiKey}`,
                  'content-type': 'application/json',
                  'idempotency-key': `bench-${options.run}-${i}`,
                },
                body: JSON.stringify(orderBody(i, options.run, options.skus)),
              };
            },
            onResponse: (status, body) => {
              if ((status < 200 || status >= 300) && samples.length < 3)
                samples.push(`${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
      (error: unknown, res) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) okLatencies.push(responseTime);
    });
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000 || options.duration;
  const ok = result['2xx'];
  return {
    orders_per_s: round(ok / elapsed, 1),
    p50_ms: round(percentile(okLatencies, 50), 1),
    p95_ms: round(percentile(okLatencies, 95), 1),
    errors: result.non2xx + result.errors,
    requests: ok + result.non2xx,
    statuses,
    samples,
  };
}

/**
 * The ceiling any API request has on this machine: `GET /api/health` (one `SELECT 1`, no auth) at the
 * same concurrency for `duration` seconds, through the same Next.js server. Intake ÷ this says how
 * much of the request budget the order's own work takes; this ÷ pgbench, how far the target is
 * reachable at all through one Node.js process.
 */
export async function runHealthFloor(options: {
  url: string;
  connections: number;
  duration: number;
}): Promise<number | null> {
  const result = await autocannon({
    url: `${options.url}/api/health`,
    connections: options.connections,
    duration: options.duration,
    timeout: 30,
  });
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000 || options.duration;
  return round(result['2xx'] / elapsed, 1);
}

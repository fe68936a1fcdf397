import { orderBody, type StockedSku } from './intake';
import { round } from './stats';

/**
 * The intake write alone: createOrder (one read, one take_order call; decision 016) driven from the
 * bench process over `connections` concurrent lanes, each with its own pooled connection, for
 * `duration` seconds, without HTTP. What the database design allows; compare with pgbench.
 */
export async function runDbIntake(options: {
  skus: StockedSku[];
  connections: number;
  duration: number;
  run: string;
}): Promise<{ orders_per_s: number | null; errors: number }> {
  const { createOrder } = await import('@/lib/orders/create-order');
  const actor = { type: 'system', id: null, label: 'bench' } as const;
  let n = 0;
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const until = start + options.duration * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      try {
        await createOrder({ input: orderBody(n++, options.run, options.skus), actor });
        ok += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, lane));
  const elapsed = (performance.now() - start) / 1000;
  return { orders_per_s: round(ok / elapsed, 1), errors };
}

/**
 * The batch intake's write alone: takeOrderBatch (one read for the batch, one take_orders call per 50
 * orders; decision 050) from `connections` lanes, each sending batches of `batch` new orders one
 * after another for `duration` seconds, without HTTP; batches in flight at the end are awaited and
 * counted. Orders taken (201) per second until the last batch answered.
 */
export async function runDbIntakeBatch(options: {
  skus: StockedSku[];
  connections: number;
  duration: number;
  batch: number;
  run: string;
}): Promise<{ orders_per_s: number | null; refused: number; errors: number }> {
  const { takeOrderBatch } = await import('@/lib/orders/take-order-batch');
  const actor = { type: 'system', id: null, label: 'bench' } as const;
  let n = 0;
  let ok = 0;
  let refused = 0;
  let errors = 0;
  const start = performance.now();
  const until = start + options.duration * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const orders = Array.from({ length: options.batch }, () => orderBody(n++, options.run, options.skus));
      try {
        for (const r of await takeOrderBatch({ orders, actor }))
          if (r.status === 201) ok += 1;
          else refused += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, lane));
  const elapsed = (performance.now() - start) / 1000;
  return { orders_per_s: round(ok / elapsed, 1), refused, errors };
}

/**
 * `tsx --conditions=react-server bench/import-file.ts <file.csv>`: one order import of a Shopify
 * export, end to end in its own process (the file streamed from disk into the stored pieces, then
 * the job: both passes, the writes), so its peak memory is its own. Prints one JSON line:
 * { orders, seconds, peak_rss_mb, status }.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';

function peakRssMb(): number {
  const text = readFileSync('/proc/self/status', 'utf8');
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(text)?.[1] ?? 0) / 1024;
}

async function main() {
  const file = process.argv[2];
  const { startOrderImport } = await import('@/lib/channels/start-order-import');
  const { runOrderImport } = await import('@/lib/channels/import-orders');
  const { orderImport } = await import('@/lib/channels/queries');
  const t0 = performance.now();
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  const { id } = await startOrderImport({
    format: 'shopify',
    mode: 'history',
    dryRun: false,
    validOnly: false,
    fileName: 'bench.csv',
    actor: { type: 'system', id: null, label: 'bench' },
    body,
  });
  await runOrderImport(id);
  const seconds = (performance.now() - t0) / 1000;
  const result = await orderImport(id);
  const summary = {
    orders: result?.created ?? 0,
    seconds,
    peak_rss_mb: peakRssMb(),
    status: result?.status,
    errors: result?.error_count,
    first_error: result?.errors[0] ?? null,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const { stopSender } = await import('@/lib/jobs/boss');
  await stopSender().catch(() => {});
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

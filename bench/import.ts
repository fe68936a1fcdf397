import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { ImportedOrder } from '@/lib/channels/imported-order';
import { shopifyHeader, shopifyRows } from '@/lib/channels/shopify-csv';
import type { StockedSku } from './intake';
import { round } from './stats';

/**
 * Writes a Shopify order export of `orders` orders (1–3 lines each over the stocked SKUs, a fifth
 * without email, dates over the last two years) to `file`, streaming. Returns its rows.
 */
export async function writeShopifyFile(file: string, orders: number, skus: StockedSku[], run: string) {
  const out = createWriteStream(file);
  let rows = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${shopifyHeader()}\r\n`);
  const now = Date.now();
  for (let i = 0; i < orders; i++) {
    const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => {
      const s = skus[(i * 7 + k * 61) % skus.length];
      return {
        row: 0,
        sku: s.sku,
        name: `Item ${s.sku}`,
        quantity: 1 + ((i + k) % 2),
        unitPrice: s.price,
        discount: 0,
      };
    });
    const subtotal = lines.reduce((t, l) => t + l.quantity * l.unitPrice, 0);
    const placedAt = new Date(now - 730 * 86_400_000 + Math.floor((i * 730 * 86_400_000) / orders));
    placedAt.setUTCMilliseconds(0);
    const address = {
      name: `Old Customer ${i % 5000}`,
      line1: `${i % 900} Elm St`,
      city: 'Austin',
      region: 'TX',
      postal_code: '73301',
      country: 'US',
    };
    const o: ImportedOrder = {
      row: 0,
      lastRow: 0,
      externalId: `${run}-${i}`,
      name: `#${run}-${i}`,
      currency: 'USD',
      email: i % 5 === 4 ? null : `old-${i % 20000}@example.com`,
      customerName: address.name,
      phone: null,
      placedAt,
      paidAt: placedAt,
      fulfilledAt: placedAt,
      cancelledAt: null,
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      subtotal,
      shipping: 500,
      tax: 0,
      discount: 0,
      total: subtotal + 500,
      refunded: 0,
      discountCode: null,
      taxes: [],
      billing: address,
      shippingAddress: address,
      shippingMethod: 'Standard',
      tags: [],
      source: 'web',
      riskLevel: 'low',
      paymentMethod: 'card',
      note: null,
      lines,
    };
    rows += lines.length;
    await write(`${shopifyRows(o)}\r\n`);
  }
  out.end();
  await once(out, 'finish');
  return { rows };
}

/** Runs bench/import-file.ts on the file in a child process and reads its JSON line. */
export async function runImportFile(file: string, env: NodeJS.ProcessEnv) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'bench/import-file.ts', file],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`the import process exited with ${code}`);
  const last = out.trim().split('\n').pop()!;
  const r = JSON.parse(last) as {
    orders: number;
    seconds: number;
    peak_rss_mb: number;
    status: string;
    errors: number;
    first_error: unknown;
  };
  return { ...r, seconds: round(r.seconds, 1)!, peak_rss_mb: round(r.peak_rss_mb, 0)! };
}

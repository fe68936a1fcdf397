import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { todayIn } from '@/lib/dates';

const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };
const DAY = 86_400_000;

/** Per-unit rates to USD the demo rates move around (units of USD per 1 unit of the currency). */
const BASE: Record<string, number> = { EUR: 10842, GBP: 12650, CAD: 7310 };

/**
 * Demo exchange rates (decision 037), through saveFxRates: EUR, GBP and CAD to the shop's currency
 * for the last 30 days, so Ledger → Exchange rates is not empty on first start. Deterministic (a small
 * wave around each base rate, 4 decimals). Only for a USD shop; does nothing when rates exist.
 */
export async function seedFxRates(
  db: PrismaClient,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ rates: number }> {
  if ((await db.fxRate.count()) > 0) return { rates: 0 };
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  if (settings?.currency !== 'USD') return { rates: 0 };
  const now = (options.now ?? new Date()).getTime();
  const rates = Object.entries(BASE).flatMap(([currency, base]) =>
    Array.from({ length: 30 }, (_, i) => {
      const n = base + ((i * 37) % 41) - 20; // ±0.0020 around the base
      return {
        date: new Date(now - (i + 1) * DAY).toISOString().slice(0, 10),
        currency,
        rate: `${Math.floor(n / 10000)}.${String(n % 10000).padStart(4, '0')}`,
      };
    }),
  );
  const result = await saveFxRates({ input: { rates }, actor: SEED_ACTOR, source: 'manual' });
  options.log?.(`seeded ${result.saved} exchange rates (${result.currencies.join(', ')})`);
  return { rates: result.saved };
}

/**
 * Demo foreign-currency books (decision 035), through the real use cases: one EUR web order placed
 * yesterday and captured (booked at yesterday's rate, fx_rate and base_total on the order), and a
 * payout of half its processor balance today at today's rate less a 1% conversion spread (a
 * realized exchange loss in 7100), so Ledger → Payouts and FX is not empty on first start. Needs the demo
 * rates (seedFxRates)
 * and a USD shop; does nothing when a payout exists.
 */
export async function seedForeignCurrencyBooks(
  db: PrismaClient,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ orders: number; payouts: number }> {
  if ((await db.payout.count()) > 0) return { orders: 0, payouts: 0 };
  const settings = await db.shopSettings.findUnique({
    where: { id: 1 },
    select: { currency: true, timezone: true },
  });
  if (settings?.currency !== 'USD' || (await db.fxRate.count({ where: { currency: 'EUR' } })) === 0)
    return { orders: 0, payouts: 0 };
  const [level] = await db.$queryRaw<{ sku: string; price: number }[]>`
    SELECT v.sku, v.price FROM stock_levels l JOIN variants v ON v.id = l.variant_id
      JOIN locations loc ON loc.id = l.location_id AND loc.code = 'MAIN'
     WHERE v.status = 'active' AND v.price > 0 AND l.on_hand - l.reserved >= 3 ORDER BY v.sku LIMIT 1`;
  if (!level) return { orders: 0, payouts: 0 };
  const { createOrder } = await import('@/lib/orders/create-order');
  const { recordPayout } = await import('@/lib/ledger/record-payout');
  const now = options.now ?? new Date();
  // Prices as an EUR shop front shows them: the USD price at ~0.92, rounded to the cent.
  const unit = Math.max(100, Math.round(level.price * 0.92));
  const total = 2 * unit + 490;
  await createOrder({
    input: {
      channel: 'web',
      external_id: 'BOOKS-DEMO-EUR-1',
      currency: 'EUR',
      customer: { email: 'lena.berger@example.com', name: 'Lena Berger' },
      shipping_address: {
        name: 'Lena Berger',
        line1: 'Mariahilfer Straße 12',
        city: 'Wien',
        postal_code: '1070',
        country: 'AT',
      },
      lines: [{ sku: level.sku, quantity: 2, unit_price: unit }],
      shipping_amount: 490,
      placed_at: new Date(now.getTime() - DAY).toISOString(),
      payment: { method: 'card', amount: total, status: 'captured', fee: Math.round(total * 0.029) + 25 },
    },
    actor: SEED_ACTOR,
  });
  // The processor converts at the day's rate less a 1% spread: a realized exchange loss in 7100.
  const { rateOn } = await import('@/lib/ledger/fx-queries');
  // The shop's day, not the UTC one: a payout dated tomorrow in the shop's time zone is refused.
  const date = todayIn(settings?.timezone ?? 'UTC', now);
  const amount = Math.floor(total / 2);
  const { rate } = await rateOn({ currency: 'EUR', base: 'USD', date });
  const atRate = Number((BigInt(amount) * rate.n) / 10n ** BigInt(rate.scale));
  const payout = await recordPayout({
    input: {
      reference: 'po_demo_eur_1',
      date,
      currency: 'EUR',
      amount,
      bank_amount: Math.round(atRate * 0.99),
    },
    actor: SEED_ACTOR,
  });
  options.log?.(
    `seeded an EUR order and payout ${payout.reference} (exchange difference ${payout.fx_difference} USD cents)`,
  );
  return { orders: 1, payouts: 1 };
}

import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';

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

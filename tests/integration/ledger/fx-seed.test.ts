import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import { seedForeignCurrencyBooks } from '@/prisma/seed-books';

// In a database of its own: the payout's carrying share depends on everything the processor holds in
// EUR, so only the seed's own order may be there (tests/integration/ledger/fx-orders.test.ts leaves more).
beforeAll(async () => {
  await makeLocations();
  await makeProduct(['FX-1', 'FX-2', 'FX-3'], { price: 1_111 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: ['FX-1', 'FX-2', 'FX-3'].map((sku) => ({ sku, quantity: 50, unit_cost: 500 })),
    },
    actor,
  });
  await saveFxRates({
    input: {
      rates: [
        { date: '2026-11-05', currency: 'EUR', rate: '1.0842' },
        { date: '2026-11-20', currency: 'EUR', rate: '1.1' },
      ],
    },
    source: 'manual',
    actor,
  });
});

describe('the demo seed', () => {
  it('takes an EUR order and pays out half its processor balance through the use cases, once', async () => {
    expect(await seedForeignCurrencyBooks(db)).toEqual({ orders: 1, payouts: 1 });
    const order = await db.order.findFirstOrThrow({ where: { externalId: 'BOOKS-DEMO-EUR-1' } });
    expect(order.currency).toBe('EUR');
    expect(order.fxRate?.toString()).toBe('1.1');
    const payout = await db.payout.findUniqueOrThrow({ where: { reference: 'po_demo_eur_1' } });
    // Half the order's total (2 × 1,022 + 490 = 2,534 EUR cents → 1,267) at the day's 1.1 = 1,393.7,
    // truncated to 1,393, less 1%: 1,379.07 → 1,379. The processor held 2,534 − 98 fee = 2,436 EUR
    // carried at 2,787 − 108 = 2,679; the share 2,679 × 1,267 / 2,436 = 1,393.38 → 1,393; loss 14.
    expect({ amount: payout.amount, bank: payout.bankAmount, fx: payout.fxDifference }).toEqual({
      amount: 1_267n,
      bank: 1_379n,
      fx: -14n,
    });
    expect(await seedForeignCurrencyBooks(db)).toEqual({ orders: 0, payouts: 0 });
  });
});

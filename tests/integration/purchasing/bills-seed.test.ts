import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedPurchasing } from '@/prisma/seed-purchasing';
import { seedBills } from '@/prisma/seed-bills';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { inventoryValuation } from '@/lib/inventory/queries';
import { apAging, billList } from '@/lib/purchasing/bill-queries';

const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');
let result: Awaited<ReturnType<typeof seedBills>>;

beforeAll(async () => {
  await seedDemo(db, { products: 20, customers: 10 });
  await seedPurchasing(db);
  result = await seedBills(db);
}, 240_000);

describe('demo bills', () => {
  it('seeds a paid, an open and a waiting bill and a freight charge, once', async () => {
    expect(result).toEqual({ bills: 3, charges: 1 });
    const bills = (await billList({ limit: 10 })).data;
    expect(bills.map((b) => b.status).sort()).toEqual(['awaiting_approval', 'paid', 'posted']);
    expect(await db.landedCostCharge.count()).toBe(1);
    expect(await seedBills(db)).toEqual({ bills: 0, charges: 0 });
  });

  it('AP aging shows the open bill; the books balance and inventory equals account 1200', async () => {
    const open = (await billList({ status: 'posted', limit: 5 })).data[0];
    const aging = await apAging({});
    expect(aging.totals.total).toBe(open.base_total);
    expect(aging.totals.current).toBe(open.base_total);
    // AP holds the open bill and the freight charge (a payable to the carrier, not a bill)
    const freight = await db.landedCostCharge.findFirstOrThrow();
    expect(await accountBalance('2000', FAR_FUTURE)).toBe(-(open.base_total! + freight.baseAmount));
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR_FUTURE });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect((await inventoryValuation({ asOf: '2100-01-01', before: FAR_FUTURE })).total_value).toBe(
      await accountBalance('1200', FAR_FUTURE),
    );
  });
});

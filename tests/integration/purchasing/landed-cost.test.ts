import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { accountBalance } from '@/lib/ledger/queries';
import { inventoryValuation } from '@/lib/inventory/queries';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { addPurchaseOrderCharges } from '@/lib/purchasing/add-purchase-order-charges';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import * as chargesRoute from '@/app/api/v1/purchase-orders/[id]/charges/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
} from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let manager: Actor;
let warehouse: Actor;
let supplierId: string;
let n = 0;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

/** Two fresh SKUs like the A (200 g, 10 × 10 × 10 cm) and B (1 kg, 20 × 10 × 10 cm). */
async function pair() {
  n += 1;
  const a = `LA-${n}`;
  const b = `LB-${n}`;
  await makeProduct([a, b], { allowBackorder: false });
  await db.variant.update({
    where: { sku: a },
    data: { weightGrams: 200, lengthMm: 100, widthMm: 100, heightMm: 100 },
  });
  await db.variant.update({
    where: { sku: b },
    data: { weightGrams: 1_000, lengthMm: 200, widthMm: 100, heightMm: 100 },
  });
  return { a, b };
}

async function sentPo(lines: { sku: string; quantity: number; unit_cost: number }[]) {
  const po = await createPurchaseOrder({
    input: { supplier_id: supplierId, location: 'MAIN', lines },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
  return po;
}

const layers = async (sku: string) => {
  const v = await db.variant.findUniqueOrThrow({ where: { sku } });
  const rows = await db.costLayer.findMany({
    where: { variantId: v.id, quantityRemaining: { gt: 0 } },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => [r.quantityRemaining, r.unitCost]);
};
const layerValue = async (sku: string) => (await layers(sku)).reduce((s, [q, c]) => s + q * c, 0);

async function ship(sku: string, quantity: number) {
  const order = await createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `lc${n}@example.com`, name: 'L C' },
      shipping_address: address,
      lines: [{ sku, quantity, unit_price: 9_000 }],
    } as never,
    actor: manager,
  });
  await recordShipment({ orderId: order.id, input: { lines: [{ sku, quantity }] }, actor: manager });
}

async function booksAgree() {
  const valuation = await inventoryValuation({ asOf: '2100-01-01', before: FAR_FUTURE });
  expect(valuation.total_value).toBe(await accountBalance('1200', FAR_FUTURE));
}

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager' })).actor;
  warehouse = (await makeUser({ role: 'warehouse' })).actor;
  supplierId = (
    await createSupplier({
      input: { name: 'Freight Co', email: 'x@freight.test', lead_time_days: 3, products: [] },
      actor: manager,
    })
  ).id;
});

describe('charges on a receipt: the issue’s worked example', () => {
  // 10 × A at 5.00 and 5 × B at 20.00, freight 30.00
  const cases = [
    // value 5,000 : 10,000 → 1,000 / 2,000
    { allocation: 'value', a: 1_000, b: 2_000, aLayers: [[10, 600]], bLayers: [[5, 2_400]] },
    // weight 2,000 g : 5,000 g → 857 / 2,143; A 5,857 over 10 → 7 at 5.86 + 3 at 5.85; B 12,143 over 5 → 3 at
    // 24.29 + 2 at 24.28
    {
      allocation: 'weight',
      a: 857,
      b: 2_143,
      aLayers: [
        [7, 586],
        [3, 585],
      ],
      bLayers: [
        [3, 2_429],
        [2, 2_428],
      ],
    },
    // quantity 10 : 5 → 2,000 / 1,000; A 7,000 / 10 = 7.00; B 11,000 / 5 = 22.00
    { allocation: 'quantity', a: 2_000, b: 1_000, aLayers: [[10, 700]], bLayers: [[5, 2_200]] },
    // volume 10 × 1 L : 5 × 2 L → 1,500 each; A 6,500 / 10 = 6.50; B 11,500 / 5 = 23.00
    { allocation: 'volume', a: 1_500, b: 1_500, aLayers: [[10, 650]], bLayers: [[5, 2_300]] },
  ] as const;
  for (const c of cases)
    it(
      `by ${c.allocation}: A +${c.a}, B +${c.b}, all on hand → ` +
        `the layers; Dr Inventory 3,000 / Cr AP 3,000`,
      async () => {
        const { a, b } = await pair();
        const po = await sentPo([
          { sku: a, quantity: 10, unit_cost: 500 },
          { sku: b, quantity: 5, unit_cost: 2_000 },
        ]);
        const { receipt } = await receivePurchaseOrder({
          purchaseOrderId: po.id,
          input: {
            lines: [
              { sku: a, quantity: 10 },
              { sku: b, quantity: 5 },
            ],
            charges: [{ kind: 'freight', amount: 3_000, allocation: c.allocation }],
          },
          actor: warehouse,
        });
        expect(receipt.charges).toHaveLength(1);
        expect(receipt.charges[0]).toMatchObject({ base_amount: 3_000, to_inventory: 3_000, to_cogs: 0 });
        expect(receipt.charges[0].allocations).toEqual([
          { sku: a, amount: c.a, to_inventory: c.a, to_cogs: 0 },
          { sku: b, amount: c.b, to_inventory: c.b, to_cogs: 0 },
        ]);
        expect(await layers(a)).toEqual(c.aLayers);
        expect(await layers(b)).toEqual(c.bLayers);
        const charge = await db.landedCostCharge.findUniqueOrThrow({ where: { id: receipt.charges[0].id } });
        const lines = await db.journalLine.findMany({
          where: { entryId: charge.journalEntryId! },
          select: { debit: true, credit: true, account: { select: { code: true } } },
        });
        expect(lines.map((l) => [l.account.code, l.debit, l.credit]).sort()).toEqual([
          ['1200', 3_000, 0],
          ['2000', 0, 3_000],
        ]);
        await booksAgree();
      },
    );

  it(
    'a charge by weight over a SKU with no weight is refused naming charges.0.allocation; nothing is ' +
      'received',
    async () => {
      n += 1;
      await makeProduct([`LN-${n}`]);
      const po = await sentPo([{ sku: `LN-${n}`, quantity: 2, unit_cost: 100 }]);
      const err = await receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: {
          lines: [{ sku: `LN-${n}`, quantity: 2 }],
          charges: [{ kind: 'duty', amount: 50, allocation: 'weight' }],
        },
        actor: warehouse,
      }).catch((e: unknown) => toAppError(e));
      expect((err as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([
        'charges.0.allocation',
      ]);
      expect(await db.receipt.count({ where: { purchaseOrderId: po.id } })).toBe(0);
    },
  );

  it('over-receipt is still refused when the receipt carries charges', async () => {
    const { a } = await pair();
    const po = await sentPo([{ sku: a, quantity: 2, unit_cost: 100 }]);
    const err = await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: {
        lines: [{ sku: a, quantity: 3 }],
        charges: [{ kind: 'freight', amount: 50, allocation: 'value' }],
      },
      actor: warehouse,
    }).catch((e: unknown) => toAppError(e));
    expect((err as { details: { field: string }[] }).details.map((d) => d.field)).toEqual([
      'lines.0.quantity',
    ]);
    expect(await db.landedCostCharge.count({ where: { purchaseOrderId: po.id } })).toBe(0);
  });
});

describe('a late charge after part of the receipt shipped', () => {
  it(
    '10 received at 5.00, 4 shipped, freight 10.00 arrives: 6.00 to the 6 on hand, 4.00 to COGS; the 6 ' +
      'later ship at 6.00',
    async () => {
      const { a } = await pair();
      const po = await sentPo([{ sku: a, quantity: 10, unit_cost: 500 }]);
      await receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: a, quantity: 10 }] },
        actor: warehouse,
      });
      await ship(a, 4);
      const cogsBefore = await accountBalance('5000', FAR_FUTURE);
      const { charges } = await addPurchaseOrderCharges({
        purchaseOrderId: po.id,
        input: { charges: [{ kind: 'freight', amount: 1_000, allocation: 'quantity' }] },
        actor: manager,
      });
      // 1,000 × 6/10 = 600 on hand, 400 shipped
      expect(charges[0]).toMatchObject({ to_inventory: 600, to_cogs: 400 });
      expect(await accountBalance('5000', FAR_FUTURE)).toBe(cogsBefore + 400);
      // 6 × 5.00 + 6.00 = 36.00 → 6 at 6.00
      expect(await layers(a)).toEqual([[6, 600]]);
      await booksAgree();
      await ship(a, 6);
      expect(await accountBalance('5000', FAR_FUTURE)).toBe(cogsBefore + 400 + 3_600);
      await booksAgree();
      expect(await db.auditLog.count({ where: { action: 'purchase_order.charged', entityId: po.id } })).toBe(
        1,
      );
    },
  );

  it('POST /purchase-orders/{id}/charges → 201; a PO with nothing received is refused naming charges', async () => {
    const { a } = await pair();
    const key = await makeApiKey(['purchasing:write']);
    const po = await sentPo([{ sku: a, quantity: 2, unit_cost: 100 }]);
    const body = { charges: [{ kind: 'insurance', amount: 10, allocation: 'value' }] };
    const early = await chargesRoute.POST(
      apiRequest(`/api/v1/purchase-orders/${po.id}/charges`, { method: 'POST', key: key.key, body }),
      routeContext({ id: po.id }),
    );
    expect(early.status).toBe(422);
    expect(JSON.stringify(await early.json())).toContain('"charges"');
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: a, quantity: 2 }] },
      actor: warehouse,
    });
    const ok = await chargesRoute.POST(
      apiRequest(`/api/v1/purchase-orders/${po.id}/charges`, { method: 'POST', key: key.key, body }),
      routeContext({ id: po.id }),
    );
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { charges: { base_amount: number }[] }).charges[0].base_amount).toBe(10);
  });
});

describe('property: allocations sum to the charge and the books still agree', () => {
  it('any receipt, any shipped part, any late charges by any method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 100_000 }),
            allocation: fc.constantFrom('value', 'quantity', 'weight', 'volume' as const),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (qa, qb, ca, cb, shipA, charges) => {
          const { a, b } = await pair();
          const po = await sentPo([
            { sku: a, quantity: qa, unit_cost: ca },
            { sku: b, quantity: qb, unit_cost: cb },
          ]);
          await receivePurchaseOrder({
            purchaseOrderId: po.id,
            input: {
              lines: [
                { sku: a, quantity: qa },
                { sku: b, quantity: qb },
              ],
            },
            actor: warehouse,
          });
          const shipped = Math.min(shipA, qa);
          if (shipped > 0) await ship(a, shipped);
          const before = (await layerValue(a)) + (await layerValue(b));
          const usable = charges.filter((c) => c.allocation !== 'value' || ca * qa + cb * qb > 0);
          fc.pre(usable.length > 0);
          const result = await addPurchaseOrderCharges({
            purchaseOrderId: po.id,
            input: { charges: usable.map((c) => ({ kind: 'other' as const, ...c })) },
            actor: manager,
          });
          let toInventory = 0;
          for (const [i, c] of result.charges.entries()) {
            expect(c.allocations.reduce((s, x) => s + x.amount, 0)).toBe(usable[i].amount);
            expect(c.to_inventory + c.to_cogs).toBe(usable[i].amount);
            toInventory += c.to_inventory;
          }
          expect((await layerValue(a)) + (await layerValue(b))).toBe(before + toInventory);
          await booksAgree();
        },
      ),
      { numRuns: 12 },
    );
  });
});

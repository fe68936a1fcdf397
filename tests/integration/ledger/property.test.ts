import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { transferStock } from '@/lib/inventory/transfer-stock';
import { consumeReservedStock, releaseStock, reserveStock } from '@/lib/inventory/reservations';
import { inventoryValuation } from '@/lib/inventory/queries';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { AppError } from '@/lib/errors';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

/**
 * Property: whatever sequence of stock events happens (receipts at random costs, every kind of
 * adjustment, transfers, reservations, releases, shipments — including refused ones and sales beyond
 * stock for a backorderable SKU), afterwards
 *   - the trial balance's debit and credit totals are equal,
 *   - the inventory valuation total = the inventory account's balance = the sum of the cost pools,
 *   - every stock level equals the sum of its movements.
 */
const SKUS = ['PROP-A', 'PROP-B', 'PROP-BO'];
const LOCS = ['MAIN', 'STORE'] as const;
const FAR = new Date('2100-01-01T00:00:00Z');
let ids: Record<string, string> = {};
let locIds: Record<string, string> = {};

const event = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    sku: fc.constantFrom(...SKUS),
    loc: fc.constantFrom(...LOCS),
    qty: fc.integer({ min: 1, max: 20 }),
    cost: fc.integer({ min: 0, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    sku: fc.constantFrom(...SKUS),
    loc: fc.constantFrom(...LOCS),
    qty: fc.integer({ min: 1, max: 8 }),
    reason: fc.constantFrom(
      'lost',
      'found',
      'correction',
      'damaged',
      'scrap',
      'quarantine',
      'release_quarantine',
    ),
    sign: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('transfer' as const),
    sku: fc.constantFrom(...SKUS),
    qty: fc.integer({ min: 1, max: 10 }),
    forward: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('reserve' as const),
    sku: fc.constantFrom(...SKUS),
    loc: fc.constantFrom(...LOCS),
    qty: fc.integer({ min: 1, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('release' as const),
    sku: fc.constantFrom(...SKUS),
    loc: fc.constantFrom(...LOCS),
    qty: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('ship' as const),
    sku: fc.constantFrom(...SKUS),
    loc: fc.constantFrom(...LOCS),
    qty: fc.integer({ min: 1, max: 6 }),
  }),
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

async function apply(e: Event, n: number) {
  const line = (sku: string, loc: string, quantity: number) => ({
    variantId: ids[sku],
    sku,
    locationId: locIds[loc],
    locationCode: loc,
    quantity,
  });
  switch (e.kind) {
    case 'receive':
      return receiveStock({
        input: { location: e.loc, lines: [{ sku: e.sku, quantity: e.qty, unit_cost: e.cost }] },
        actor,
      });
    case 'adjust': {
      const positive =
        e.reason === 'found' || e.reason === 'release_quarantine' || (e.reason === 'correction' && e.sign);
      return adjustStock({
        input: { location: e.loc, sku: e.sku, delta: positive ? e.qty : -e.qty, reason: e.reason },
        actor,
      });
    }
    case 'transfer':
      return transferStock({
        input: {
          from: e.forward ? 'MAIN' : 'STORE',
          to: e.forward ? 'STORE' : 'MAIN',
          lines: [{ sku: e.sku, quantity: e.qty }],
        },
        actor,
      });
    case 'reserve':
      return db.$transaction((tx) =>
        reserveStock(tx, {
          lines: [line(e.sku, e.loc, e.qty)],
          reference: { type: 'order', id: `p${n}` },
          actor,
        }),
      );
    case 'release':
      return db.$transaction((tx) =>
        releaseStock(tx, {
          lines: [line(e.sku, e.loc, e.qty)],
          reference: { type: 'order', id: `p${n}` },
          actor,
        }),
      );
    case 'ship':
      return db.$transaction((tx) =>
        consumeReservedStock(tx, {
          lines: [line(e.sku, e.loc, e.qty)],
          reference: { type: 'shipment', id: `p${n}` },
          actor,
          memo: `shipment p${n}`,
        }),
      );
  }
}

beforeAll(async () => {
  const { main, store } = await makeLocations();
  locIds = { MAIN: main.id, STORE: store.id };
  const a = await makeProduct(['PROP-A', 'PROP-B']);
  const bo = await makeProduct(['PROP-BO'], { allowBackorder: true });
  ids = Object.fromEntries([...a.variants, ...bo.variants].map((v) => [v.sku, v.id]));
});

describe('ledger and inventory invariants', () => {
  for (const method of ['fifo', 'average'] as const) {
    it(`hold over random event sequences (${method})`, { timeout: 240_000 }, async () => {
      await db.shopSettings.update({ where: { id: 1 }, data: { inventoryCosting: method } });
      let n = 0;
      let applied = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: 5, maxLength: 25 }), async (events) => {
          for (const e of events) {
            try {
              await apply(e, ++n);
              applied++;
            } catch (error) {
              // Refused events (not enough stock, nothing reserved, …) are part of the property: they
              // must be clean 4xx errors that wrote nothing.
              if (!(error instanceof AppError) || error.status >= 500) throw error;
            }
          }
          const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
          expect(tb.total_debit).toBe(tb.total_credit);
          const valuation = await inventoryValuation({ asOf: '2100-01-01', before: FAR });
          const account = await accountBalance('1200', FAR);
          const pools = await db.costPool.aggregate({ _sum: { value: true } });
          expect(valuation.total_value).toBe(account);
          expect(pools._sum.value ?? 0).toBe(account);
          const drift = await db.$queryRaw<{ n: bigint }[]>`
            SELECT count(*) AS n FROM stock_levels l
            LEFT JOIN (SELECT variant_id, location_id, sum(on_hand_delta) oh, sum(reserved_delta) r,
              sum(damaged_delta) d, sum(quarantine_delta) q
                       FROM stock_movements GROUP BY 1, 2) m USING (variant_id, location_id)
            WHERE l.on_hand <> coalesce(m.oh, 0) OR l.reserved <> coalesce(m.r, 0) OR l.damaged <>
              coalesce(m.d, 0) OR l.quarantine <> coalesce(m.q, 0)`;
          expect(Number(drift[0].n)).toBe(0);
        }),
        { numRuns: 12, seed: method === 'fifo' ? 20261122 : 20261123 },
      );
      // The sequences must mostly happen, not mostly be refused, or the property says little.
      expect(applied).toBeGreaterThan(n / 3);
    });
  }
});

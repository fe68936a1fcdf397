import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { skuDetail } from '@/lib/inventory/queries';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { trialBalance } from '@/lib/ledger/queries';
import { kpiReport } from '@/lib/kpi/queries';
import { compactKpiFacts, directFacts, rebuildKpiRollups, rollupFacts } from '@/lib/kpi/rebuild';
import { kpiCards } from '@/components/dashboard/cards';
import { toAppError } from '@/lib/errors';
import { createCycleCount } from '@/lib/inventory/cycle-counts/create-cycle-count';
import { startCycleCount } from '@/lib/inventory/cycle-counts/start-cycle-count';
import { recordCounts } from '@/lib/inventory/cycle-counts/record-counts';
import { completeCycleCount } from '@/lib/inventory/cycle-counts/complete-cycle-count';
import { cancelCycleCount } from '@/lib/inventory/cycle-counts/cancel-cycle-count';
import { countReview, countSheet, cycleCountList } from '@/lib/inventory/cycle-counts/queries';
import { countCsv } from '@/lib/inventory/cycle-counts/csv';
import * as kpisRoute from '@/app/api/v1/kpis/route';
import * as countsRoute from '@/app/api/v1/cycle-counts/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as system,
} from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';
import { shopSettings } from '@/lib/settings/queries';
import { updateSettings } from '@/lib/settings/update-settings';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';

let warehouse: Actor;
let manager: Actor;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

const onHand = async (sku: string) =>
  (await skuDetail(sku))!.levels.find((l) => l.location === 'MAIN')!.on_hand;

beforeAll(async () => {
  const { main } = await makeLocations();
  await db.bin.createMany({
    data: [
      { locationId: main.id, code: 'A-01-1', pickSequence: 1 },
      { locationId: main.id, code: 'B-02-3', pickSequence: 2 },
      { locationId: main.id, code: 'C-09-9', pickSequence: 3 },
    ],
  });
  warehouse = (await makeUser({ role: 'warehouse' })).actor;
  manager = (await makeUser({ role: 'manager' })).actor;
  await makeProduct(['CC-A', 'CC-B']);
  await makeProduct(['CC-C', 'CC-D']);
  // CC-A: 20 @ 2.00 then 20 @ 3.00 (two FIFO layers) in A-01-1; CC-B: 60 @ 1.50 in B-02-3.
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'CC-A', quantity: 20, unit_cost: 200, bin: 'A-01-1' },
        { sku: 'CC-B', quantity: 60, unit_cost: 150, bin: 'B-02-3' },
      ],
    },
    actor: system,
  });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'CC-A', quantity: 20, unit_cost: 300, bin: 'A-01-1' }] },
    actor: system,
  });
  // CC-C: 10 @ 5.00 and CC-D: 100 @ 5.00, both in C-09-9.
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'CC-C', quantity: 10, unit_cost: 500, bin: 'C-09-9' },
        { sku: 'CC-D', quantity: 100, unit_cost: 500, bin: 'C-09-9' },
      ],
    },
    actor: system,
  });
});

let lossAndGain: string;

describe('a count with a loss and a gain', () => {
  it('posts count_correction movements and shrinkage at cost, and the trial balance still balances', async () => {
    const created = await createCycleCount({
      input: { location: 'MAIN', bins: 'A-01-1, B-02-3' },
      actor: warehouse,
    });
    lossAndGain = created.id;
    expect(created).toMatchObject({ location: 'MAIN', scope_description: 'Bins A-01-1, B-02-3', lines: 2 });
    await startCycleCount({ countId: created.id, actor: warehouse });
    // Blind: the counter's sheet has no expected quantity anywhere.
    const sheet = await countSheet(created.id);
    expect(sheet!.lines.map((l) => [l.bin_code, l.sku, l.counted])).toEqual([
      ['A-01-1', 'CC-A', null],
      ['B-02-3', 'CC-B', null],
    ]);
    expect(JSON.stringify(sheet)).not.toMatch(/expected/);
    // 40 expected, 38 on the shelf (−2); 60 expected, 63 found (+3). A recount of CC-B overwrites.
    await recordCounts({
      countId: created.id,
      input: {
        lines: [
          { sku: 'CC-A', counted: 38 },
          { sku: 'CC-B', counted: 61 },
        ],
      },
      actor: warehouse,
    });
    await recordCounts({
      countId: created.id,
      input: { lines: [{ sku: 'CC-B', counted: 63 }] },
      actor: warehouse,
    });

    const review = await countReview(created.id, manager);
    expect(review!.lines.map((l) => [l.sku, l.expected_at_start, l.expected, l.counted, l.variance])).toEqual(
      [
        ['CC-A', 40, 40, 38, -2],
        ['CC-B', 60, 60, 63, 3],
      ],
    );
    // Estimate: CC-A −2 × average 2.50 = −500; CC-B +3 × 1.50 = +450.
    expect(review!.totals).toMatchObject({
      counted: 2,
      expected: 100,
      abs_variance: 5,
      accuracy: 0.95,
      value: -50,
      abs_value: 950,
    });

    const done = await completeCycleCount({
      countId: created.id,
      actor: warehouse,
      now: new Date('2026-11-10T15:00:00Z'),
    });
    // Posted: CC-A loses 2 from the oldest FIFO layer, 2 × 200 = 400 written off; CC-B's 3 found units
    // come back at the last cost, 3 × 150 = 450. Net +50.
    expect(done).toMatchObject({
      status: 'completed',
      lines_counted: 2,
      expected: 100,
      abs_variance: 5,
      accuracy: 0.95,
      value: 50,
    });
    // (posted in variant-id order, the level-locking order)
    expect(done.corrections.map((c) => [c.sku, c.variance, c.value]).sort()).toEqual([
      ['CC-A', -2, -400],
      ['CC-B', 3, 450],
    ]);
    expect(await onHand('CC-A')).toBe(38);
    expect(await onHand('CC-B')).toBe(63);

    const movements = await db.stockMovement.findMany({
      where: { type: 'count_correction' },
      select: { onHandDelta: true, valueDelta: true, variant: { select: { sku: true } } },
      orderBy: { id: 'asc' },
    });
    expect(movements.map((m) => [m.variant.sku, m.onHandDelta, m.valueDelta]).sort()).toEqual([
      ['CC-A', -2, -400],
      ['CC-B', 3, 450],
    ]);

    const adjustments = await db.inventoryAdjustment.findMany({
      where: { note: `Cycle count #${done.number}` },
      select: { id: true, delta: true, reason: true, value: true },
    });
    expect(adjustments.map((a) => [a.delta, a.reason, a.value]).sort()).toEqual([
      [-2, 'count', 400],
      [3, 'count', -450],
    ]);
    const entries = await db.journalEntry.findMany({
      where: { sourceType: 'adjustment', sourceId: { in: adjustments.map((a) => a.id) } },
      select: { lines: { select: { debit: true, credit: true, account: { select: { code: true } } } } },
    });
    const lines = entries.flatMap((e) => e.lines.map((l) => [l.account.code, l.debit, l.credit])).sort();
    // Loss: Dr Inventory shrinkage 5100 / Cr Inventory 1200, 400. Found: Dr Inventory 1200 / Cr shrinkage 5100, 450.
    expect(lines).toEqual([
      ['1200', 0, 400],
      ['1200', 450, 0],
      ['5100', 0, 450],
      ['5100', 400, 0],
    ]);
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR_FUTURE });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect(
      await db.auditLog.count({ where: { action: 'cycle_count.completed', entityId: created.id } }),
    ).toBe(1);
    // The reviewer's CSV: posted values in major units.
    const csv = countCsv((await countReview(created.id, manager))!).split('\r\n');
    expect(csv[0]).toBe(
      '\ufeffCount,Location,Status,Bin,SKU,Item,Expected at ' +
        'start,Expected,Counted,Variance,Value,Currency,Value is,Counted at,Counted by',
    );
    expect(csv[1]).toMatch(
      new RegExp(`^${done.number},MAIN,completed,A-01-1,CC-A,.*,40,40,38,-2,-4\\.00,USD,posted,`),
    );
    expect(
      await db.auditLog.count({
        where: {
          action: 'inventory.adjusted',
          entityId: {
            in: (await db.variant.findMany({ where: { sku: { in: ['CC-A', 'CC-B'] } } })).map((v) => v.id),
          },
        },
      }),
    ).toBe(2);
  });

  it(
    'refuses illegal moves with INVALID_STATE: completing ' +
      'twice, counting or cancelling a completed sheet',
    async () => {
      const movements = await db.stockMovement.count();
      expect((await failure(completeCycleCount({ countId: lossAndGain, actor: manager }))).code).toBe(
        'INVALID_STATE',
      );
      expect(
        (
          await failure(
            recordCounts({
              countId: lossAndGain,
              input: { lines: [{ sku: 'CC-A', counted: 1 }] },
              actor: warehouse,
            }),
          )
        ).code,
      ).toBe('INVALID_STATE');
      expect((await failure(cancelCycleCount({ countId: lossAndGain, actor: manager }))).code).toBe(
        'INVALID_STATE',
      );
      expect((await failure(startCycleCount({ countId: lossAndGain, actor: manager }))).code).toBe(
        'INVALID_STATE',
      );
      expect(await db.stockMovement.count()).toBe(movements);
      // A draft cannot be counted before it is started; it can be cancelled.
      const draft = await createCycleCount({ input: { location: 'MAIN', skus: ['CC-A'] }, actor: warehouse });
      expect(
        (
          await failure(
            recordCounts({
              countId: draft.id,
              input: { lines: [{ sku: 'CC-A', counted: 1 }] },
              actor: warehouse,
            }),
          )
        ).code,
      ).toBe('INVALID_STATE');
      await cancelCycleCount({ countId: draft.id, actor: warehouse });
      expect((await failure(startCycleCount({ countId: draft.id, actor: warehouse }))).code).toBe(
        'INVALID_STATE',
      );
      expect(
        (
          await failure(
            completeCycleCount({ countId: '00000000-0000-0000-0000-000000000000', actor: manager }),
          )
        ).code,
      ).toBe('NOT_FOUND');
    },
  );

  it('refuses bad input with 422 naming the field', async () => {
    const fields = async (p: Promise<unknown>) =>
      ((await failure(p)).details as { field: string }[]).map((d) => d.field);
    expect(
      await fields(
        createCycleCount({ input: { location: 'MAIN', bins: ['A-01-1', 'Z-99'] }, actor: warehouse }),
      ),
    ).toEqual(['bins.1']);
    expect(
      await fields(createCycleCount({ input: { location: 'MAIN', skus: ['NOPE'] }, actor: warehouse })),
    ).toEqual(['skus.0']);
    expect(await fields(createCycleCount({ input: { location: 'MOON' }, actor: warehouse }))).toEqual([
      'location',
    ]);
    expect(await fields(createCycleCount({ input: { location: '' }, actor: warehouse }))).toEqual([
      'location',
    ]);
    const c = await createCycleCount({ input: { location: 'MAIN', skus: 'CC-A' }, actor: warehouse });
    await startCycleCount({ countId: c.id, actor: warehouse });
    expect(
      await fields(
        recordCounts({ countId: c.id, input: { lines: [{ sku: 'CC-A', counted: -1 }] }, actor: warehouse }),
      ),
    ).toEqual(['lines.0.counted']);
    expect(
      await fields(
        recordCounts({ countId: c.id, input: { lines: [{ sku: 'CC-A', counted: 1.5 }] }, actor: warehouse }),
      ),
    ).toEqual(['lines.0.counted']);
    expect(
      await fields(
        recordCounts({
          countId: c.id,
          input: {
            lines: [
              { sku: 'CC-A', counted: 3 },
              { sku: 'CC-B', counted: 3 },
            ],
          },
          actor: warehouse,
        }),
      ),
    ).toEqual(['lines.1.sku']);
    expect(await fields(completeCycleCount({ countId: c.id, actor: warehouse }))).toEqual(['lines']);
    await cancelCycleCount({ countId: c.id, actor: warehouse });
  });
});

describe('movements during a count', () => {
  it('a shipment between starting the count and counting the shelf makes no variance', async () => {
    const c = await createCycleCount({ input: { location: 'MAIN', skus: ['CC-C'] }, actor: warehouse });
    await startCycleCount({ countId: c.id, actor: warehouse });
    // 3 of the 10 leave after the walk began, before the counter reaches the shelf: 7 there, 7 expected.
    const order = await createOrder({
      input: {
        channel: 'web',
        currency: 'USD',
        customer: { email: 'cc@example.com', name: 'C C' },
        shipping_address: address,
        lines: [{ sku: 'CC-C', quantity: 3, unit_price: 1_000 }],
      } as never,
      actor: system,
    });
    await recordShipment({
      orderId: order.id,
      input: { lines: [{ sku: 'CC-C', quantity: 3 }] },
      actor: system,
    });
    await recordCounts({ countId: c.id, input: { lines: [{ sku: 'CC-C', counted: 7 }] }, actor: warehouse });
    const review = await countReview(c.id, manager);
    expect(review!.lines[0]).toMatchObject({
      expected_at_start: 10,
      expected: 7,
      counted: 7,
      variance: 0,
      value: 0,
    });
    const movements = await db.stockMovement.count();
    const done = await completeCycleCount({
      countId: c.id,
      actor: warehouse,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    expect(done).toMatchObject({ expected: 7, abs_variance: 0, accuracy: 1, corrections: [] });
    expect(await db.stockMovement.count()).toBe(movements);
    expect(await onHand('CC-C')).toBe(7);
  });
});

describe('permissions', () => {
  it('a counter completes small corrections alone; above the approval limit only a manager can', async () => {
    const c = await createCycleCount({ input: { location: 'MAIN', skus: ['CC-D'] }, actor: warehouse });
    await startCycleCount({ countId: c.id, actor: warehouse });
    // 100 expected, 70 found: 30 × 5.00 = 150.00 > the 100.00 limit.
    await recordCounts({ countId: c.id, input: { lines: [{ sku: 'CC-D', counted: 70 }] }, actor: warehouse });
    expect((await countReview(c.id, warehouse))!.can_complete).toBe(false);
    expect((await countReview(c.id, manager))!.can_complete).toBe(true);
    const movements = await db.stockMovement.count();
    const refused = await failure(completeCycleCount({ countId: c.id, actor: warehouse }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/\$150\.00.*\$100\.00/);
    // Nothing of it stayed: stock, movements, status.
    expect(await onHand('CC-D')).toBe(100);
    expect(await db.stockMovement.count()).toBe(movements);
    expect((await db.cycleCount.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('counting');
    const done = await completeCycleCount({
      countId: c.id,
      actor: manager,
      now: new Date('2026-11-21T12:00:00Z'),
    });
    expect(done).toMatchObject({ value: -15_000, accuracy: 0.7 });
    expect(await onHand('CC-D')).toBe(70);
  });
});

describe("the approval limit is the shop's setting", () => {
  it('at 200.00 a counter completes a count that moves 150.00 alone; Settings and the API show it', async () => {
    await makeProduct(['CC-LIM']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'CC-LIM', quantity: 100, unit_cost: 500 }] },
      actor: system,
    });
    expect((await shopSettings()).count_approval_limit).toBe(10_000); // the default, 100.00
    await updateSettings({ input: { count_approval_limit: 20_000 }, actor: system });
    try {
      const c = await createCycleCount({ input: { location: 'MAIN', skus: ['CC-LIM'] }, actor: warehouse });
      await startCycleCount({ countId: c.id, actor: warehouse });
      // 100 expected, 70 found: 30 × 5.00 = 150.00, within the 200.00 limit.
      await recordCounts({
        countId: c.id,
        input: { lines: [{ sku: 'CC-LIM', counted: 70 }] },
        actor: warehouse,
      });
      expect(await countReview(c.id, warehouse)).toMatchObject({
        approval_limit: 20_000,
        can_complete: true,
      });
      expect(
        await completeCycleCount({ countId: c.id, actor: warehouse, now: new Date('2026-11-25T12:00:00Z') }),
      ).toMatchObject({ value: -15_000 });
      const negative = ZUpdateSettingsInput.safeParse({ count_approval_limit: -1 });
      expect(
        negative.success ? [] : negative.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ).toEqual(['count_approval_limit: Cannot be negative']);
    } finally {
      await updateSettings({ input: { count_approval_limit: 10_000 }, actor: system });
    }
  });
});

describe('inventory accuracy KPI', () => {
  it(
    'is 1 − Σ|variance| ÷ Σ expected over the counts completed in range, in the report, the cards and the ' +
      'API',
    async () => {
      // 10th: the loss-and-gain count: expected 40 + 60 = 100, |−2| + |+3| = 5 → 1 − 5/100 = 0.95.
      const r = await kpiReport({ from: '2026-11-09', to: '2026-11-11' });
      expect(r.inventory_accuracy).toMatchObject({
        value: 0.95,
        numerator: 95,
        denominator: 100,
        abs_variance: 5,
        counts: 1,
      });
      expect(r.inventory_accuracy.reason).toBeUndefined();
      // 20th–21st: 7 expected, 0 off; 100 expected, 30 off → 1 − 30/107.
      const late = await kpiReport({ from: '2026-11-20', to: '2026-11-21' });
      expect(late.inventory_accuracy).toMatchObject({
        numerator: 77,
        denominator: 107,
        abs_variance: 30,
        counts: 2,
      });
      expect(late.inventory_accuracy.value).toBeCloseTo(77 / 107, 10);
      // A channel filter does not hide counts (stock is shared).
      expect(
        (await kpiReport({ from: '2026-11-09', to: '2026-11-11', channel: 'web' })).inventory_accuracy.value,
      ).toBe(0.95);
      // No count completed: an honest "No data yet".
      const none = await kpiReport({ from: '2026-11-01', to: '2026-11-05' });
      expect(none.inventory_accuracy).toMatchObject({ value: null, numerator: null, denominator: null });
      expect(none.inventory_accuracy.reason).toMatch(/no data yet/i);

      const card = kpiCards(r).find((c) => c.id === 'inventory-accuracy')!;
      expect(card).toMatchObject({
        value: '95.0%',
        detail: '5 units off of 100 expected · 1 count',
        noData: undefined,
        href: '/inventory/cycle-counts?status=completed&completed_from=2026-11-09&completed_to=2026-11-11',
      });
      // The drill-down lists exactly that count.
      const list = await cycleCountList({
        status: 'completed',
        completed_from: '2026-11-09',
        completed_to: '2026-11-11',
      });
      expect(list.data.map((c) => [c.id, c.expected, c.abs_variance, c.accuracy])).toEqual([
        [lossAndGain, 100, 5, 0.95],
      ]);

      const { key } = await makeApiKey(['reports:read']);
      const res = await kpisRoute.GET(
        apiRequest('/api/v1/kpis?from=2026-11-09&to=2026-11-11', { key }),
        routeContext(),
      );
      expect(res.status).toBe(200);
      expect((await res.json()).inventory_accuracy).toMatchObject({
        value: 0.95,
        numerator: 95,
        denominator: 100,
      });
    },
  );

  it('the rebuild computes the same facts as the events, before and after compaction', async () => {
    expect(await rollupFacts()).toEqual(await directFacts());
    const count = (await rollupFacts()).filter((f) => f.metric.startsWith('count_'));
    expect(count).toEqual([
      { day: '2026-11-10', channel: '', metric: 'count_abs_variance', value: 5 },
      { day: '2026-11-10', channel: '', metric: 'count_expected', value: 100 },
      { day: '2026-11-10', channel: '', metric: 'count_sheets', value: 1 },
      { day: '2026-11-20', channel: '', metric: 'count_expected', value: 7 },
      { day: '2026-11-20', channel: '', metric: 'count_sheets', value: 1 },
      { day: '2026-11-21', channel: '', metric: 'count_abs_variance', value: 30 },
      { day: '2026-11-21', channel: '', metric: 'count_expected', value: 100 },
      { day: '2026-11-21', channel: '', metric: 'count_sheets', value: 1 },
      // 25th: the count under a 200.00 limit: 100 expected, 30 off.
      { day: '2026-11-25', channel: '', metric: 'count_abs_variance', value: 30 },
      { day: '2026-11-25', channel: '', metric: 'count_expected', value: 100 },
      { day: '2026-11-25', channel: '', metric: 'count_sheets', value: 1 },
    ]);
    await compactKpiFacts();
    const before = await rollupFacts();
    await rebuildKpiRollups();
    expect(await rollupFacts()).toEqual(before);
    expect((await kpiReport({ from: '2026-11-09', to: '2026-11-11' })).inventory_accuracy.value).toBe(0.95);
  });
});

describe('/api/v1/cycle-counts', () => {
  it(
    'creates a sheet with inventory:adjust (201, idempotent), lists counts with inventory:read, refuses ' +
      'others',
    async () => {
      const writer = (await makeApiKey(['inventory:adjust'])).key;
      const reader = (await makeApiKey(['inventory:read'])).key;
      const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
        countsRoute.POST(
          apiRequest('/api/v1/cycle-counts', { method: 'POST', key, body, headers }),
          routeContext(),
        );
      const res = await post(
        writer,
        { location: 'MAIN', bins: ['C-09-9'] },
        { 'Idempotency-Key': 'cc-api-1' },
      );
      expect(res.status).toBe(201);
      const created = await res.json();
      // C-09-9 holds CC-C and CC-D.
      expect(created).toMatchObject({ location: 'MAIN', scope_description: 'Bins C-09-9', lines: 2 });
      const replay = await post(
        writer,
        { location: 'MAIN', bins: ['C-09-9'] },
        { 'Idempotency-Key': 'cc-api-1' },
      );
      expect((await replay.json()).id).toBe(created.id);
      expect(await db.cycleCount.count({ where: { scopeDescription: 'Bins C-09-9' } })).toBe(1);

      expect((await post(reader, { location: 'MAIN' })).status).toBe(403);
      const bad = await post(writer, { location: 'MAIN', bins: ['NOPE'] });
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['bins.0']);
      const badType = await post(writer, { location: 'MAIN', skus: [42] });
      expect(badType.status).toBe(422);

      const list = await countsRoute.GET(
        apiRequest('/api/v1/cycle-counts?status=completed&limit=2', { key: reader }),
        routeContext(),
      );
      expect(list.status).toBe(200);
      const body = await list.json();
      expect(body.data).toHaveLength(2);
      expect(body.next_cursor).not.toBeNull();
      expect(body.data.every((c: { status: string }) => c.status === 'completed')).toBe(true);
      const badQuery = await countsRoute.GET(
        apiRequest('/api/v1/cycle-counts?status=done', { key: reader }),
        routeContext(),
      );
      expect(badQuery.status).toBe(422);
      expect((await badQuery.json()).error.details[0].field).toBe('status');
    },
  );
});

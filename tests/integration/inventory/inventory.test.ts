import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { transferStock } from '@/lib/inventory/transfer-stock';
import { moveToBin } from '@/lib/inventory/move-to-bin';
import {
  reserveStock,
  releaseStock,
  consumeReservedStock,
  type StockLine,
} from '@/lib/inventory/reservations';
import {
  inventoryValuation,
  skuDetail,
  SKU_MOVEMENT_SORT,
  stockLevels,
  type InventorySort,
} from '@/lib/inventory/queries';
import { readSort } from '@/lib/list/sort';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { AppError, toAppError } from '@/lib/errors';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

let locations: Awaited<ReturnType<typeof makeLocations>>;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  locations = await makeLocations();
  await db.bin.create({ data: { locationId: locations.main.id, code: 'A-01-1', pickSequence: 1 } });
  await db.bin.create({ data: { locationId: locations.main.id, code: 'B-02-3', pickSequence: 2 } });
});

async function level(sku: string, location = 'MAIN') {
  const d = await skuDetail(sku);
  return d!.levels.find((l) => l.location === location)!;
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, details: err.details };
  }
  throw new Error('expected a failure');
}

async function inventoryMatchesLedger() {
  const valuation = await inventoryValuation({ asOf: '2100-01-01', before: FAR_FUTURE });
  const account = await accountBalance('1200', FAR_FUTURE);
  const pools = await db.costPool.aggregate({ _sum: { value: true } });
  expect(valuation.total_value).toBe(account);
  expect(pools._sum.value ?? 0).toBe(account);
}

describe('receipts', () => {
  it('adds stock, a cost layer and Dr Inventory / Cr Accounts payable', async () => {
    await makeProduct(['REC-1', 'REC-2']);
    const r = await receiveStock({
      input: {
        location: 'MAIN',
        reference: 'PO-77',
        lines: [
          { sku: 'REC-1', quantity: 10, unit_cost: 450, bin: 'A-01-1' },
          { sku: 'REC-2', quantity: 3, unit_cost: 1299 },
        ],
      },
      actor,
    });
    // 10 × 450 + 3 × 1,299 = 4,500 + 3,897 = 8,397
    expect(r.total_cost).toBe(8_397);
    expect(await level('REC-1')).toMatchObject({ on_hand: 10, reserved: 0, available: 10, bin: 'A-01-1' });
    const entry = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'receipt', sourceId: r.id },
      include: { lines: { include: { account: true } } },
    });
    expect(entry.lines.map((l) => [l.account.code, l.debit, l.credit])).toEqual([
      ['1200', 8_397, 0],
      ['2000', 0, 8_397],
    ]);
    const detail = await skuDetail('REC-1');
    expect(detail!.layers).toMatchObject([{ unit_cost: 450, quantity_received: 10, quantity_remaining: 10 }]);
    expect(await db.auditLog.count({ where: { action: 'receipt.created', entityId: r.id } })).toBe(1);
    await inventoryMatchesLedger();
  });

  it('refuses bad lines with the field named and writes nothing', async () => {
    await makeProduct(['REC-3']);
    const before = {
      receipts: await db.receipt.count(),
      movements: await db.stockMovement.count(),
      entries: await db.journalEntry.count(),
    };
    expect(
      await failure(
        receiveStock({
          input: {
            location: 'MAIN',
            lines: [
              { sku: 'REC-3', quantity: 1, unit_cost: 100 },
              { sku: 'NOPE', quantity: 1, unit_cost: 1 },
            ],
          },
          actor,
        }),
      ),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'lines.1.sku', message: 'Unknown SKU "NOPE"' }],
    });
    expect(
      await failure(
        receiveStock({
          input: { location: 'MOON', lines: [{ sku: 'REC-3', quantity: 1, unit_cost: 100 }] },
          actor,
        }),
      ),
    ).toMatchObject({ details: [{ field: 'location' }] });
    const fields = async (line: object) =>
      (
        (await failure(receiveStock({ input: { location: 'MAIN', lines: [line as never] }, actor })))
          .details as { field: string }[]
      ).map((d) => d.field);
    expect(await fields({ sku: 'REC-3', quantity: 0, unit_cost: 100 })).toEqual(['lines.0.quantity']);
    expect(await fields({ sku: 'REC-3', quantity: 2, unit_cost: 12.5 })).toEqual(['lines.0.unit_cost']);
    expect(await fields({ sku: 'REC-3', quantity: 2 })).toEqual(['lines.0.unit_cost']);
    expect(await fields({ sku: 'REC-3', quantity: 1.5, unit_cost: 100 })).toEqual(['lines.0.quantity']);
    expect(await fields({ sku: 'REC-3', quantity: 1, unit_cost: 100, bin: 'Z-99' })).toEqual(['lines.0.bin']);
    expect({
      receipts: await db.receipt.count(),
      movements: await db.stockMovement.count(),
      entries: await db.journalEntry.count(),
    }).toEqual(before);
  });
});

describe('adjustments', () => {
  it('writes lost stock off to shrinkage at FIFO cost and found stock back at the last cost', async () => {
    await makeProduct(['ADJ-1']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ADJ-1', quantity: 4, unit_cost: 200 }] },
      actor,
    });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ADJ-1', quantity: 4, unit_cost: 260 }] },
      actor,
    });
    // Lose 5: FIFO 4 × 200 + 1 × 260 = 1,060 to shrinkage.
    const lost = await adjustStock({
      input: { location: 'MAIN', sku: 'ADJ-1', delta: -5, reason: 'lost', note: 'cycle count' },
      actor,
    });
    expect(lost).toMatchObject({ value: 1_060, level: { on_hand: 3, available: 3 } });
    // Find 2: valued at the last receipt's cost, 260 each = 520 back from shrinkage.
    const found = await adjustStock({
      input: { location: 'MAIN', sku: 'ADJ-1', delta: 2, reason: 'found' },
      actor,
    });
    expect(found).toMatchObject({ value: -520, level: { on_hand: 5 } });
    const shrinkage = await accountBalance('5100', FAR_FUTURE);
    // other tests may add shrinkage; this file's ADJ-1 adds 540 net
    expect(shrinkage).toBeGreaterThanOrEqual(1_060 - 520);
    const detail = await skuDetail('ADJ-1');
    expect(detail!.pool).toEqual({ quantity: 5, value: 3 * 260 + 2 * 260, last_unit_cost: 260 });
    expect(detail!.movements[0]).toMatchObject({
      type: 'adjust',
      on_hand_delta: 2,
      reason: 'found',
      actor: 'system',
    });
    await inventoryMatchesLedger();
  });

  it('moves units into damaged without changing value, then scraps them at cost', async () => {
    await makeProduct(['ADJ-2']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ADJ-2', quantity: 6, unit_cost: 300 }] },
      actor,
    });
    const damaged = await adjustStock({
      input: { location: 'MAIN', sku: 'ADJ-2', delta: -2, reason: 'damaged' },
      actor,
    });
    expect(damaged).toMatchObject({ value: 0, level: { on_hand: 4, damaged: 2, available: 4 } });
    const scrapped = await adjustStock({
      input: { location: 'MAIN', sku: 'ADJ-2', delta: -2, reason: 'scrap' },
      actor,
    });
    expect(scrapped).toMatchObject({ value: 600, level: { on_hand: 4, damaged: 0 } });
    expect((await skuDetail('ADJ-2'))!.pool).toMatchObject({ quantity: 4, value: 1_200 });
    await inventoryMatchesLedger();
  });

  it('refuses to take on-hand below zero or below what orders reserved, and a wrong-way reason', async () => {
    const { variants } = await makeProduct(['ADJ-3']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'ADJ-3', quantity: 3, unit_cost: 100 }] },
      actor,
    });
    const before = await db.stockMovement.count();
    expect(
      await failure(
        adjustStock({ input: { location: 'MAIN', sku: 'ADJ-3', delta: -4, reason: 'lost' }, actor }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'quantity', message: 'Only 3 on hand' }],
    });
    await db.$transaction((tx) =>
      reserveStock(tx, {
        lines: [
          {
            variantId: variants[0].id,
            sku: 'ADJ-3',
            locationId: locations.main.id,
            locationCode: 'MAIN',
            quantity: 2,
          },
        ],
        reference: { type: 'test', id: '1' },
        actor,
      }),
    );
    expect(
      await failure(
        adjustStock({ input: { location: 'MAIN', sku: 'ADJ-3', delta: -2, reason: 'lost' }, actor }),
      ),
    ).toMatchObject({ details: [{ message: 'Only 1 available (3 on hand, 2 reserved)' }] });
    expect(
      await failure(
        adjustStock({ input: { location: 'MAIN', sku: 'ADJ-3', delta: 2, reason: 'lost' }, actor }),
      ),
    ).toMatchObject({ details: [{ field: 'delta' }] });
    expect(
      await failure(
        adjustStock({ input: { location: 'MAIN', sku: 'ADJ-3', delta: 0, reason: 'correction' }, actor }),
      ),
    ).toMatchObject({ details: [{ field: 'delta' }] });
    expect(await db.stockMovement.count()).toBe(before + 1); // only the reservation
    await inventoryMatchesLedger();
  });
});

describe('transfers and bins', () => {
  it('moves available stock out of one location and into another in one operation', async () => {
    await makeProduct(['TRF-1']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'TRF-1', quantity: 10, unit_cost: 500 }] },
      actor,
    });
    const t = await transferStock({
      input: { from: 'MAIN', to: 'STORE', lines: [{ sku: 'TRF-1', quantity: 4 }] },
      actor,
    });
    expect(t).toMatchObject({ from: 'MAIN', to: 'STORE' });
    expect(await level('TRF-1', 'MAIN')).toMatchObject({ on_hand: 6 });
    expect(await level('TRF-1', 'STORE')).toMatchObject({ on_hand: 4 });
    expect(
      await failure(
        transferStock({
          input: { from: 'MAIN', to: 'STORE', lines: [{ sku: 'TRF-1', quantity: 7 }] },
          actor,
        }),
      ),
    ).toMatchObject({ details: [{ field: 'lines.0.quantity', message: 'Only 6 available at MAIN' }] });
    expect(
      await failure(
        transferStock({ input: { from: 'MAIN', to: 'MAIN', lines: [{ sku: 'TRF-1', quantity: 1 }] }, actor }),
      ),
    ).toMatchObject({ details: [{ field: 'to' }] });
    // No journal entry for a transfer: the value stays in inventory.
    expect(await db.journalEntry.count({ where: { sourceType: 'transfer' } })).toBe(0);
    await inventoryMatchesLedger();
  });

  it('moves a SKU to another bin, audited', async () => {
    await makeProduct(['BIN-1']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'BIN-1', quantity: 1, unit_cost: 1, bin: 'A-01-1' }] },
      actor,
    });
    expect(await moveToBin({ input: { location: 'MAIN', sku: 'BIN-1', bin: 'B-02-3' }, actor })).toEqual({
      sku: 'BIN-1',
      location: 'MAIN',
      bin: 'B-02-3',
      previous_bin: 'A-01-1',
    });
    expect((await level('BIN-1')).bin).toBe('B-02-3');
  });
});

describe('reservations', () => {
  it('never oversubscribes: 25 parallel orders for the last 7 units reserve exactly 7', async () => {
    const { variants } = await makeProduct(['RES-1']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'RES-1', quantity: 7, unit_cost: 100 }] },
      actor,
    });
    const line: StockLine = {
      variantId: variants[0].id,
      sku: 'RES-1',
      locationId: locations.main.id,
      locationCode: 'MAIN',
      quantity: 1,
    };
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        db.$transaction(
          (tx) => reserveStock(tx, { lines: [line], reference: { type: 'order', id: String(i) }, actor }),
          { timeout: 20_000 },
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(18);
    expect(rejected.every((r) => r.reason instanceof AppError && r.reason.code === 'OUT_OF_STOCK')).toBe(
      true,
    );
    expect(await level('RES-1')).toMatchObject({ on_hand: 7, reserved: 7, available: 0 });
  });

  it('is all-or-nothing across lines and names every short SKU', async () => {
    const { variants } = await makeProduct(['RES-2', 'RES-3']);
    await receiveStock({
      input: {
        location: 'MAIN',
        lines: [
          { sku: 'RES-2', quantity: 5, unit_cost: 100 },
          { sku: 'RES-3', quantity: 1, unit_cost: 100 },
        ],
      },
      actor,
    });
    const lines: StockLine[] = [
      {
        variantId: variants[0].id,
        sku: 'RES-2',
        locationId: locations.main.id,
        locationCode: 'MAIN',
        quantity: 2,
      },
      {
        variantId: variants[1].id,
        sku: 'RES-3',
        locationId: locations.main.id,
        locationCode: 'MAIN',
        quantity: 3,
      },
    ];
    const err = await failure(
      db.$transaction((tx) => reserveStock(tx, { lines, reference: { type: 'order', id: 'x' }, actor })),
    );
    expect(err).toEqual({
      code: 'OUT_OF_STOCK',
      details: [{ sku: 'RES-3', location: 'MAIN', requested: 3, available: 1 }],
    });
    expect(await level('RES-2')).toMatchObject({ reserved: 0 }); // the line that fitted was not reserved either
  });

  it('releases and consumes: shipping costs the units and posts Dr COGS / Cr Inventory', async () => {
    const { variants } = await makeProduct(['RES-4']);
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'RES-4', quantity: 2, unit_cost: 700 }] },
      actor,
    });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'RES-4', quantity: 2, unit_cost: 900 }] },
      actor,
    });
    const line = (q: number): StockLine => ({
      variantId: variants[0].id,
      sku: 'RES-4',
      locationId: locations.main.id,
      locationCode: 'MAIN',
      quantity: q,
    });
    const reference = { type: 'order', id: 'ship-1' };
    await db.$transaction((tx) => reserveStock(tx, { lines: [line(4)], reference, actor }));
    await db.$transaction((tx) => releaseStock(tx, { lines: [line(1)], reference, actor }));
    const shipped = await db.$transaction((tx) =>
      consumeReservedStock(tx, {
        lines: [line(3)],
        reference: { type: 'shipment', id: 's-1' },
        actor,
        memo: 'Shipment s-1',
      }),
    );
    // FIFO: 2 × 700 + 1 × 900 = 2,300
    expect(shipped.totalCost).toBe(2_300);
    expect(await level('RES-4')).toMatchObject({ on_hand: 1, reserved: 0 });
    const entry = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'shipment', sourceId: 's-1' },
      include: { lines: { include: { account: true } } },
    });
    expect(entry.lines.map((l) => [l.account.code, l.debit, l.credit])).toEqual([
      ['5000', 2_300, 0],
      ['1200', 0, 2_300],
    ]);
    await inventoryMatchesLedger();
  });

  it('sells a backorderable SKU beyond stock and re-costs it when the late receipt arrives', async () => {
    const { variants } = await makeProduct(['BO-1'], { allowBackorder: true });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'BO-1', quantity: 1, unit_cost: 1_000 }] },
      actor,
    });
    const line: StockLine = {
      variantId: variants[0].id,
      sku: 'BO-1',
      locationId: locations.main.id,
      locationCode: 'MAIN',
      quantity: 3,
    };
    await db.$transaction((tx) =>
      reserveStock(tx, { lines: [line], reference: { type: 'order', id: 'bo' }, actor }),
    );
    const shipped = await db.$transaction((tx) =>
      consumeReservedStock(tx, {
        lines: [line],
        reference: { type: 'shipment', id: 'bo-s' },
        actor,
        memo: 'bo',
      }),
    );
    expect(shipped.totalCost).toBe(3_000); // 1 in stock at 1,000 + 2 beyond at the last cost 1,000
    expect(await level('BO-1')).toMatchObject({ on_hand: -2 });
    const late = await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'BO-1', quantity: 5, unit_cost: 1_100 }] },
      actor,
    });
    expect(late.recost).toBe(200); // 2 × (1,100 − 1,000)
    expect((await skuDetail('BO-1'))!.pool).toEqual({ quantity: 3, value: 3_300, last_unit_cost: 1_100 });
    await inventoryMatchesLedger();
  });
});

describe('ledger', () => {
  it('the database refuses an unbalanced entry even when code is bypassed', async () => {
    const accounts = await db.account.findMany({ where: { code: { in: ['1000', '3000'] } } });
    await expect(
      db.$transaction(async (tx) => {
        const e = await tx.journalEntry.create({
          data: { memo: 'bad', sourceType: 'test', actorType: 'system', actorLabel: 'test' },
        });
        await tx.journalLine.createMany({
          data: [
            { entryId: e.id, accountId: accounts[0].id, debit: 100 },
            { entryId: e.id, accountId: accounts[1].id, credit: 99 },
          ],
        });
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(db.$executeRaw`UPDATE journal_lines SET debit = debit + 1`).rejects.toThrow(/append-only/);
  });

  it('the trial balance totals agree', async () => {
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR_FUTURE });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect(tb.total_debit).toBeGreaterThan(0);
  });
});

describe('changing the costing method', () => {
  it('average → FIFO revalues each SKU to its open layers and keeps the books matching', async () => {
    const { updateSettings } = await import('@/lib/settings/update-settings');
    await makeProduct(['REV-1']);
    await updateSettings({ input: { inventory_costing: 'average' }, actor });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'REV-1', quantity: 2, unit_cost: 100 }] },
      actor,
    });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'REV-1', quantity: 2, unit_cost: 200 }] },
      actor,
    });
    // Average: 4 units worth 600; issue 2 → 300, leaving 2 units worth 300.
    await adjustStock({ input: { location: 'MAIN', sku: 'REV-1', delta: -2, reason: 'lost' }, actor });
    expect((await skuDetail('REV-1'))!.pool).toMatchObject({ quantity: 2, value: 300 });
    // FIFO sees the open layer 2 @ 200 = 400: +100 revaluation, Dr Inventory / Cr COGS.
    await updateSettings({ input: { inventory_costing: 'fifo' }, actor });
    expect((await skuDetail('REV-1'))!.pool).toMatchObject({ quantity: 2, value: 400 });
    const entry = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'revaluation' },
      include: { lines: { include: { account: true } } },
    });
    // Every other SKU in this file was costed FIFO all along, so only REV-1 moves: exactly 100.
    expect(entry.lines.map((l) => [l.account.code, l.debit, l.credit])).toEqual([
      ['1200', 100, 0],
      ['5000', 0, 100],
    ]);
    await inventoryMatchesLedger();
  });
});

describe("the stock list's header sort", () => {
  // Four levels, searched by their SKU prefix so that other tests' stock stays out:
  //   SRTQ-A "Cedar box"   MAIN   on hand 5, reserved 0 → available 5
  //   SRTQ-B "Apple crate" MAIN   on hand 9, reserved 6 → available 3
  //   SRTQ-B "Apple crate" STORE  on hand 5, reserved 0 → available 5
  //   SRTQ-C "Birch tray"  MAIN   on hand 2, reserved 0 → available 2
  // Ties (on hand 5 twice, available 5 twice) fall to SKU then location, in the sort's direction.
  beforeAll(async () => {
    for (const [sku, name, levels] of [
      ['SRTQ-A', 'Cedar box', [['MAIN', 5, 0]]],
      [
        'SRTQ-B',
        'Apple crate',
        [
          ['MAIN', 9, 6],
          ['STORE', 5, 0],
        ],
      ],
      ['SRTQ-C', 'Birch tray', [['MAIN', 2, 0]]],
    ] as const) {
      const { variants } = await makeProduct([sku], { name });
      await db.variant.update({ where: { id: variants[0].id }, data: { reorderPoint: 100 } });
      for (const [location, onHand, reserved] of levels)
        await db.stockLevel.create({
          data: {
            variantId: variants[0].id,
            locationId: location === 'MAIN' ? locations.main.id : locations.store.id,
            onHand,
            reserved,
          },
        });
    }
  });

  const A = 'SRTQ-A/MAIN';
  const B = 'SRTQ-B/MAIN';
  const BS = 'SRTQ-B/STORE';
  const C = 'SRTQ-C/MAIN';
  const EXPECTED: [InventorySort, string[]][] = [
    [{ id: 'sku', desc: false }, [A, B, BS, C]],
    [{ id: 'sku', desc: true }, [C, BS, B, A]],
    // Apple crate (B, both locations), Birch tray (C), Cedar box (A)
    [{ id: 'name', desc: false }, [B, BS, C, A]],
    [{ id: 'name', desc: true }, [A, C, BS, B]],
    // 2 (C), 5 (A, then B at STORE: A < B), 9 (B at MAIN)
    [{ id: 'on_hand', desc: false }, [C, A, BS, B]],
    [{ id: 'on_hand', desc: true }, [B, BS, A, C]],
    // 2 (C), 3 (B at MAIN: 9 − 6), 5 (A), 5 (B at STORE)
    [{ id: 'available', desc: false }, [C, B, A, BS]],
    [{ id: 'available', desc: true }, [BS, A, B, C]],
  ];
  const key = (l: { sku: string; location: string }) => `${l.sku}/${l.location}`;

  it.each(EXPECTED)('sorts by %o, and a page at a time walks the same order', async (sort, expected) => {
    const all = await stockLevels({ search: 'SRTQ-', sort, limit: 10 });
    expect(all.data.map(key)).toEqual(expected);
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await stockLevels({ search: 'SRTQ-', sort, limit: 1, cursor });
      walked.push(...page.data.map(key));
      cursor = page.next_cursor ?? undefined;
    } while (cursor && walked.length < 10);
    expect(walked).toEqual(expected);
  });

  it("keeps the API's cursor for the default sort, and refuses a cursor of another sort", async () => {
    const first = await stockLevels({ search: 'SRTQ-', limit: 2 });
    const same = await stockLevels({ search: 'SRTQ-', sort: { id: 'sku', desc: false }, limit: 2 });
    expect(same.next_cursor).toBe(first.next_cursor);
    expect(
      (await stockLevels({ search: 'SRTQ-', limit: 2, cursor: first.next_cursor! })).data.map(key),
    ).toEqual([BS, C]);
    expect(
      await failure(
        stockLevels({
          search: 'SRTQ-',
          sort: { id: 'name', desc: false },
          limit: 2,
          cursor: first.next_cursor!,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'cursor' }] });
  });

  it('sorts the low-stock list (one row per SKU, summed over locations) the same way', async () => {
    // sums: A on hand 5, available 5; B on hand 9 + 5 = 14, available 3 + 5 = 8; C on hand 2, available 2
    const skus = async (sort: InventorySort, limit = 10, cursor?: string) =>
      stockLevels({ search: 'SRTQ-', stock: 'low', sort, limit, cursor });
    expect((await skus({ id: 'available', desc: false })).data.map((l) => l.sku)).toEqual([
      'SRTQ-C',
      'SRTQ-A',
      'SRTQ-B',
    ]);
    const desc = { id: 'on_hand', desc: true } as const;
    expect((await skus(desc)).data.map((l) => l.sku)).toEqual(['SRTQ-B', 'SRTQ-A', 'SRTQ-C']);
    const first = await skus(desc, 2);
    expect((await skus(desc, 2, first.next_cursor!)).data.map((l) => l.sku)).toEqual(['SRTQ-C']);
  });
});

describe("a SKU's movement history's header sort", () => {
  it('lists the latest first by default, the earliest first by When ascending, the id breaking ties', async () => {
    const { variants } = await makeProduct(['MOVQ-1'], { name: 'Movement sort' });
    // Written in the order first, second, third (ids rising), at 10:00, 09:00 and 10:00 again:
    // latest first is third (10:00, the higher id), first (10:00), second (09:00); earliest first the reverse.
    for (const [reason, at] of [
      ['first', '2026-12-01T10:00:00Z'],
      ['second', '2026-12-01T09:00:00Z'],
      ['third', '2026-12-01T10:00:00Z'],
    ] as const)
      await db.stockMovement.create({
        data: {
          variantId: variants[0].id,
          locationId: locations.main.id,
          type: 'adjust',
          onHandDelta: 1,
          reason,
          actorType: 'system',
          createdAt: new Date(at),
        },
      });
    const reasons = async (sort?: { id: 'when'; desc: boolean }) =>
      (await skuDetail('MOVQ-1', { movementsSort: sort }))!.movements.map((m) => m.reason);
    expect(await reasons()).toEqual(['third', 'first', 'second']);
    expect(await reasons({ id: 'when', desc: true })).toEqual(['third', 'first', 'second']);
    expect(await reasons({ id: 'when', desc: false })).toEqual(['second', 'first', 'third']);
    // the page's URL: an unknown column is dropped for the latest first
    expect(readSort({ sort: 'on_hand', dir: 'sideways' }, SKU_MOVEMENT_SORT).sort).toEqual({
      id: 'when',
      desc: true,
    });
  });
});

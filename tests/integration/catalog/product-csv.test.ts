import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { validateProductCsv, PRODUCT_CSV_COLUMNS } from '@/lib/catalog/csv';
import { importProductCsv } from '@/lib/catalog/import-product-csv';
import { startProductImport } from '@/lib/catalog/start-product-import';
import { createProduct } from '@/lib/catalog/create-product';
import { importJobDetail, productDetail } from '@/lib/catalog/queries';
import { inventoryValuation, skuDetail } from '@/lib/inventory/queries';
import { accountBalance } from '@/lib/ledger/queries';
import { makeLocations, makeUser } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let actor: Actor;
let userId: string;
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

beforeAll(async () => {
  await makeLocations();
  const user = await makeUser({ role: 'warehouse' });
  actor = user.actor;
  userId = user.id;
});

const HEADER = PRODUCT_CSV_COLUMNS.join(',');
/** A CSV row from the columns that matter here; the rest are blank. */
function line(cells: Partial<Record<(typeof PRODUCT_CSV_COLUMNS)[number], string | number>>) {
  return PRODUCT_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
}

// Rows as a spreadsheet numbers them (header = row 1). Row 5 is blank.
const MIXED = [
  HEADER,
  line({
    product_name: 'Canvas tote',
    sku: 'TOTE-NAT',
    option: 'Natural',
    price: '18.00',
    weight_grams: 350,
    reorder_point: 5,
    location: 'MAIN',
    opening_quantity: 20,
    unit_cost: '6.50',
  }), // 2
  line({
    product_name: 'Canvas tote',
    sku: 'TOTE-BLK',
    option: 'Black',
    price: '18.00',
    weight_grams: 350,
    location: 'MAIN',
    opening_quantity: 10,
    unit_cost: '6.75',
  }), // 3
  line({
    product_name: 'Canvas tote',
    sku: 'TOTE-BLK',
    option: 'Black',
    price: '18.00',
    location: 'store',
    opening_quantity: 4,
    unit_cost: '6.75',
  }), // 4: second location
  '', // 5
  line({
    product_name: 'Enamel mug',
    sku: 'MUG-ENM',
    price: '12.5',
    location: 'STORE',
    opening_quantity: 8,
    unit_cost: '4.125',
  }), // 6
  line({
    product_name: 'Enamel mug',
    sku: 'MUG-ENM2',
    price: 'twelve',
    location: 'MOON',
    opening_quantity: 3,
    unit_cost: '4.00',
  }), // 7
  line({
    product_name: 'Wool beanie',
    sku: 'BEAN-1',
    price: '22.00',
    allow_backorder: 'maybe',
    weight_grams: '1.5',
  }), // 8
  line({
    product_name: 'Wool beanie',
    sku: 'BEAN-2',
    option: 'Grey',
    price: '22.00',
    allow_backorder: 'yes',
  }), // 9
  line({
    product_name: 'Canvas tote',
    sku: 'TOTE-NAT',
    option: 'Natural',
    price: '18.00',
    location: 'MAIN',
    opening_quantity: 5,
    unit_cost: '6.50',
  }), // 10: duplicate
].join('\r\n');

const MIXED_ERRORS = [
  { row: 6, field: 'unit_cost', message: 'Enter a unit cost like 4.50 (in USD)' },
  { row: 7, field: 'price', message: 'Enter a price like 12.99 (in USD)' },
  { row: 7, field: 'location', message: 'Unknown location "MOON"; use one of MAIN, STORE' },
  { row: 8, field: 'weight_grams', message: 'Use a whole number' },
  { row: 8, field: 'allow_backorder', message: 'Use true or false' },
  { row: 10, field: 'sku', message: 'SKU "TOTE-NAT" already appears on row 2 for MAIN' },
];

async function snapshot() {
  return {
    products: await db.product.count(),
    variants: await db.variant.count(),
    levels: await db.stockLevel.count(),
    onHand: (await db.stockLevel.aggregate({ _sum: { onHand: true } }))._sum.onHand ?? 0,
    movements: await db.stockMovement.count(),
    layers: await db.costLayer.count(),
    receipts: await db.receipt.count(),
    entries: await db.journalEntry.count(),
  };
}

async function inventoryMatchesLedger() {
  const valuation = await inventoryValuation({ asOf: '2100-01-01', before: FAR_FUTURE });
  expect(valuation.total_value).toBe(await accountBalance('1200', FAR_FUTURE));
  return valuation.total_value;
}

describe('validating a product CSV', () => {
  it('checks every row and reports each error by spreadsheet row and column', async () => {
    const v = await validateProductCsv(MIXED);
    expect(v.errors).toEqual(MIXED_ERRORS);
    expect(v.total_rows).toBe(8); // rows 2–10 minus the blank row 5
    expect(
      v.rows.map((r) => [r.row, r.sku, r.location ?? null, r.opening_quantity, r.unit_cost ?? null]),
    ).toEqual([
      [2, 'TOTE-NAT', 'MAIN', 20, 650],
      [3, 'TOTE-BLK', 'MAIN', 10, 675],
      [4, 'TOTE-BLK', 'STORE', 4, 675], // "store" read as the location STORE
      [9, 'BEAN-2', null, 0, null],
    ]);
    expect(v.rows[0]).toMatchObject({
      price: 1_800,
      weight_grams: 350,
      reorder_point: 5,
      option: 'Natural',
      allow_backorder: false,
    });
  });

  it('reports header problems on row 1 and a file that is not CSV', async () => {
    const v = await validateProductCsv('product_name,sku,colour\nTee,T-1,red\n');
    expect(v.errors).toEqual([
      { row: 1, field: 'price', message: 'The header has no "price" column' },
      {
        row: 1,
        field: 'colour',
        message: `Unknown column "colour"; the columns are ${PRODUCT_CSV_COLUMNS.join(', ')}`,
      },
    ]);
    const broken = await validateProductCsv('product_name,sku,price\n"Tee,T-1,1.00\n');
    expect(broken.errors).toMatchObject([{ field: '(file)' }]);
  });

  it('refuses conflicting rows for one SKU and a barcode another SKU holds', async () => {
    await createProduct({
      input: { name: 'Scanner test', variants: [{ sku: 'SCAN-1', barcode: '9780201379624', price: 100 }] },
      actor,
    });
    const v = await validateProductCsv(
      [
        'product_name,sku,barcode,price,location,opening_quantity,unit_cost',
        'Pen,PEN-1,,2.00,MAIN,5,0.40',
        'Pencil,PEN-1,,2.50,STORE,5,0.40', // same SKU under another product, other price
        'Pen,PEN-2,9780201379624,2.00,,,', // the barcode of SCAN-1
        'Pen,PEN-3,,2.00,MAIN,5,', // stock without a cost
      ].join('\n'),
    );
    expect(v.errors).toEqual([
      { row: 3, field: 'product_name', message: 'SKU "PEN-1" belongs to "Pen" on row 2' },
      { row: 3, field: 'price', message: 'Differs from row 2 for SKU "PEN-1"' },
      { row: 4, field: 'barcode', message: 'Barcode "9780201379624" is already used by SCAN-1' },
      { row: 5, field: 'unit_cost', message: 'Enter the unit cost of the opening stock' },
    ]);
  });
});

describe('importing a product CSV', () => {
  it('imports nothing from a file with errors', async () => {
    const before = await snapshot();
    const report = await importProductCsv({ text: MIXED, mode: 'all', actor });
    expect(report).toEqual({
      imported: false,
      total_rows: 8,
      created_products: 0,
      created_variants: 0,
      skipped_existing: 0,
      skipped_invalid: 4,
      received_units: 0,
      errors: MIXED_ERRORS,
    });
    expect(await snapshot()).toEqual(before);
  });

  it(
    "with 'valid_rows' imports the good rows, receiving opening " +
      'stock with cost layers and ledger entries',
    async () => {
      const before = await snapshot();
      const valueBefore = await inventoryMatchesLedger();
      const equityBefore = await accountBalance('3100', FAR_FUTURE);
      const report = await importProductCsv({
        text: MIXED,
        mode: 'valid_rows',
        actor,
        reference: 'test import',
      });
      // Products: Canvas tote (TOTE-NAT, TOTE-BLK) and Wool beanie (BEAN-2); units 20 + 10 + 4 = 34.
      expect(report).toEqual({
        imported: true,
        total_rows: 8,
        created_products: 2,
        created_variants: 3,
        skipped_existing: 0,
        skipped_invalid: 4,
        received_units: 34,
        errors: MIXED_ERRORS,
      });

      const nat = (await skuDetail('TOTE-NAT'))!;
      expect(nat.levels.map((l) => [l.location, l.on_hand, l.available])).toEqual([['MAIN', 20, 20]]);
      expect(nat.layers).toMatchObject([
        { source_type: 'receipt', unit_cost: 650, quantity_received: 20, quantity_remaining: 20 },
      ]);
      const blk = (await skuDetail('TOTE-BLK'))!;
      expect(blk.levels.map((l) => [l.location, l.on_hand])).toEqual([
        ['MAIN', 10],
        ['STORE', 4],
      ]);
      expect(blk.pool).toEqual({ quantity: 14, value: 9_450, last_unit_cost: 675 }); // 14 × 675
      const tote = (
        await db.variant.findUniqueOrThrow({ where: { sku: 'TOTE-NAT' }, select: { productId: true } })
      ).productId;
      expect(
        (await productDetail(tote))!.variants.map((v) => [
          v.sku,
          v.title,
          v.price,
          v.weight_grams,
          v.reorder_point,
        ]),
      ).toEqual([
        ['TOTE-BLK', 'Black', 1_800, 350, 0],
        ['TOTE-NAT', 'Natural', 1_800, 350, 5],
      ]);
      expect((await db.variant.findUniqueOrThrow({ where: { sku: 'BEAN-2' } })).allowBackorder).toBe(true);

      // Opening stock: 20 × 650 + 10 × 675 + 4 × 675 = 13,000 + 6,750 + 2,700 = 22,450,
      // Dr Inventory / Cr Opening balance equity, one receipt per location (MAIN, STORE).
      expect(await snapshot()).toMatchObject({
        products: before.products + 2,
        variants: before.variants + 3,
        receipts: before.receipts + 2,
        entries: before.entries + 2,
        layers: before.layers + 3,
      });
      expect(await db.receipt.count({ where: { kind: 'opening', reference: 'test import' } })).toBe(2);
      expect((await inventoryMatchesLedger()) - valueBefore).toBe(22_450);
      expect((await accountBalance('3100', FAR_FUTURE)) - equityBefore).toBe(-22_450);
    },
  );

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const value = await inventoryMatchesLedger();
    const report = await importProductCsv({ text: MIXED, mode: 'valid_rows', actor });
    // Rows 2, 3, 4 and 9 have SKUs that are now in the catalog.
    expect(report).toMatchObject({
      imported: true,
      created_products: 0,
      created_variants: 0,
      skipped_existing: 4,
      received_units: 0,
    });
    expect(await snapshot()).toEqual(before);
    expect(await inventoryMatchesLedger()).toBe(value);
  });

  it(
    'adds a new SKU to the product that already holds its ' +
      'sibling, and skips the existing SKU and its stock',
    async () => {
      const shirt = await createProduct({
        input: { name: 'Linen tee', variants: [{ sku: 'LT-S', title: 'S', price: 3_000 }] },
        actor,
      });
      const csv = [
        HEADER,
        line({
          product_name: 'Linen tee',
          sku: 'LT-S',
          option: 'S',
          price: '30.00',
          location: 'MAIN',
          opening_quantity: 5,
          unit_cost: '11.00',
        }),
        line({
          product_name: 'Linen tee',
          sku: 'LT-M',
          option: 'M',
          price: '30.00',
          location: 'MAIN',
          opening_quantity: 3,
          unit_cost: '11.00',
        }),
      ].join('\n');
      const report = await importProductCsv({ text: csv, mode: 'all', actor });
      expect(report).toMatchObject({
        created_products: 0,
        created_variants: 1,
        skipped_existing: 1,
        received_units: 3,
      });
      expect((await productDetail(shirt.id))!.variants.map((v) => [v.sku, v.on_hand])).toEqual([
        ['LT-S', 0],
        ['LT-M', 3],
      ]);
    },
  );

  it('works in transactions of about chunkRows rows, whole products each, reporting progress after each', async () => {
    // chunkRows 10: "Bulk big" has 12 variants (more than 10, so a chunk of its own), then four products
    // of 3 variants and one of 1: chunks of 12, 9 (3 + 3 + 3) and 4 (3 + 1) rows.
    const sizes = [12, 3, 3, 3, 3, 1];
    const rows = sizes.flatMap((size, p) =>
      Array.from({ length: size }, (_, v) =>
        line({
          product_name: p === 0 ? 'Bulk big' : `Bulk ${p}`,
          sku: `BULK-${p}-${v}`,
          option: `V${v}`,
          price: '5.00',
          location: 'MAIN',
          opening_quantity: 2,
          unit_cost: '1.00',
        }),
      ),
    );
    const progress: number[] = [];
    const valueBefore = await inventoryMatchesLedger();
    const receiptsBefore = await db.receipt.count();
    const report = await importProductCsv({
      text: [HEADER, ...rows].join('\n'),
      mode: 'all',
      actor,
      chunkRows: 10,
      onChunk: (_tx, done) => Promise.resolve(progress.push(done)),
    });
    expect(progress).toEqual([12, 21, 25]);
    expect(report).toMatchObject({ created_products: 6, created_variants: 25, received_units: 50 });
    expect((await inventoryMatchesLedger()) - valueBefore).toBe(5_000); // 25 SKUs × 2 units × 100
    expect((await db.receipt.count()) - receiptsBefore).toBe(3); // one per chunk, all at MAIN
  });
});

describe('import jobs', () => {
  it('records the job, its progress and its report, visible only to the user who started it', async () => {
    const csv = [
      HEADER,
      line({
        product_name: 'Job lamp',
        sku: 'JOB-1',
        price: '40.00',
        location: 'MAIN',
        opening_quantity: 2,
        unit_cost: '15.00',
      }),
    ].join('\n');
    const { jobId, run } = await startProductImport({ text: csv, mode: 'all', fileName: 'lamps.csv', actor });
    expect(await importJobDetail(jobId, userId)).toMatchObject({
      status: 'queued',
      processed_rows: 0,
      total_rows: 0,
    });
    await run();
    expect(await importJobDetail(jobId, userId)).toMatchObject({
      status: 'done',
      file_name: 'lamps.csv',
      total_rows: 1,
      processed_rows: 1,
      errors: [],
      result: { imported: true, created_products: 1, created_variants: 1, received_units: 2, error_count: 0 },
    });
    expect(await importJobDetail(jobId, (await makeUser()).id)).toBeNull();
    expect(await db.receipt.count({ where: { reference: 'CSV import lamps.csv' } })).toBe(1);
  });

  it('ends as failed with the errors when the file has errors and the mode is all', async () => {
    const { jobId, run } = await startProductImport({ text: MIXED, mode: 'all', actor });
    await run();
    const job = await importJobDetail(jobId, userId);
    expect(job).toMatchObject({
      status: 'failed',
      processed_rows: 0,
      result: { imported: false, error_count: 6 },
    });
    expect(job!.errors).toEqual(MIXED_ERRORS);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { createProduct } from '@/lib/catalog/create-product';
import { updateProduct } from '@/lib/catalog/update-product';
import { archiveProduct, unarchiveProduct } from '@/lib/catalog/archive-product';
import { productDetail, productList } from '@/lib/catalog/queries';
import { ZProductListQuery, type TProductInput } from '@/lib/catalog/schemas';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { reserveStock } from '@/lib/inventory/reservations';
import { makeLocations, makeUser } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

let locations: Awaited<ReturnType<typeof makeLocations>>;
let actor: Actor;

beforeAll(async () => {
  locations = await makeLocations();
  actor = (await makeUser({ role: 'manager' })).actor;
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

const counts = async () => ({
  products: await db.product.count(),
  variants: await db.variant.count(),
  audit: await db.auditLog.count(),
});

const tee: TProductInput = {
  name: 'Linen shirt',
  vendor: 'Atelier Nord',
  product_type: 'Shirts',
  variants: [
    {
      sku: 'LIN-S',
      barcode: '4006381333931',
      title: 'S',
      price: 4_900,
      weight_grams: 220,
      length_mm: 300,
      width_mm: 250,
      height_mm: 30,
      reorder_point: 5,
      safety_stock: 2,
      lead_time_days: 21,
    },
    { sku: 'LIN-M', title: 'M', price: 4_900, allow_backorder: true },
  ],
};

describe('creating products', () => {
  it('creates a product with its variants in the shop currency, audited', async () => {
    const product = await createProduct({ input: tee, actor });
    expect(product).toMatchObject({
      name: 'Linen shirt',
      vendor: 'Atelier Nord',
      product_type: 'Shirts',
      status: 'active',
      description: null,
    });
    expect(product.variants).toEqual([
      expect.objectContaining({
        sku: 'LIN-M',
        barcode: null,
        title: 'M',
        price: 4_900,
        currency: 'USD',
        allow_backorder: true,
        reorder_point: 0,
        weight_grams: null,
        on_hand: 0,
        status: 'active',
      }),
      expect.objectContaining({
        sku: 'LIN-S',
        barcode: '4006381333931',
        title: 'S',
        price: 4_900,
        currency: 'USD',
        weight_grams: 220,
        length_mm: 300,
        width_mm: 250,
        height_mm: 30,
        reorder_point: 5,
        safety_stock: 2,
        lead_time_days: 21,
        allow_backorder: false,
      }),
    ]);
    const row = await db.auditLog.findFirstOrThrow({
      where: { action: 'product.created', entityId: product.id },
    });
    expect(row).toMatchObject({ actorType: 'user', actorId: actor.id, entityType: 'product' });
    expect((row.after as { variants: unknown[] }).variants).toHaveLength(2);
  });

  it('refuses a SKU or barcode already in the catalog with 409 naming the field, and writes nothing', async () => {
    const before = await counts();
    const sku = await failure(
      createProduct({
        input: {
          name: 'Other',
          variants: [
            { sku: 'NEW-1', price: 100 },
            { sku: 'LIN-S', price: 100 },
          ],
        },
        actor,
      }),
    );
    expect(sku).toEqual({
      code: 'CONFLICT',
      status: 409,
      message: 'SKU "LIN-S" is already used by "Linen shirt"',
      details: [{ field: 'variants.1.sku', message: 'SKU "LIN-S" is already used by "Linen shirt"' }],
    });
    const barcode = await failure(
      createProduct({
        input: { name: 'Other', variants: [{ sku: 'NEW-2', barcode: '4006381333931', price: 100 }] },
        actor,
      }),
    );
    expect(barcode).toMatchObject({
      code: 'CONFLICT',
      details: [{ field: 'variants.0.barcode', message: 'Barcode "4006381333931" is already used by LIN-S' }],
    });
    expect(await counts()).toEqual(before);
  });

  it(
    'refuses duplicates within the request, non-integer money and a foreign currency with 422 naming the ' +
      'field',
    async () => {
      const before = await counts();
      const dup = await failure(
        createProduct({
          input: {
            name: 'Dup',
            variants: [
              { sku: 'D-1', price: 100 },
              { sku: 'D-1', price: 100 },
            ],
          },
          actor,
        }),
      );
      expect(dup).toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 422,
        details: [{ field: 'variants.1.sku', message: 'Same SKU as variant 1' }],
      });
      const money = await failure(
        createProduct({ input: { name: 'Cents', variants: [{ sku: 'C-1', price: 12.99 }] }, actor }),
      );
      expect(money).toMatchObject({
        status: 422,
        details: [
          { field: 'variants.0.price', message: 'Use whole minor units (cents), e.g. 1250 for 12.50' },
        ],
      });
      const currency = await failure(
        createProduct({
          input: { name: 'Euro', variants: [{ sku: 'E-1', price: 100, currency: 'EUR' }] },
          actor,
        }),
      );
      expect(currency).toMatchObject({
        status: 422,
        details: [{ field: 'variants.0.currency', message: 'Prices are kept in the shop currency, USD' }],
      });
      expect(await counts()).toEqual(before);
    },
  );

  it('lets exactly one of two racing requests take a SKU; the other gets the 409 naming the field', async () => {
    const results = await Promise.allSettled(
      [1, 2].map((n) =>
        createProduct({ input: { name: `Race ${n}`, variants: [{ sku: 'RACE-1', price: 100 }] }, actor }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(toAppError(rejected.reason)).toMatchObject({
      code: 'CONFLICT',
      details: [
        { field: 'variants.0.sku', message: expect.stringContaining('SKU "RACE-1" is already used') },
      ],
    });
    expect(await db.variant.count({ where: { sku: 'RACE-1' } })).toBe(1);
  });
});

describe('editing products', () => {
  it('changes fields and variants by SKU, adds a variant, and clears a barcode', async () => {
    const p = await createProduct({
      input: { name: 'Wool socks', variants: [{ sku: 'SOCK-1', barcode: 'SOCKBAR1', price: 1_200 }] },
      actor,
    });
    const updated = await updateProduct({
      productId: p.id,
      input: {
        name: 'Merino socks',
        product_type: 'Socks',
        variants: [
          { sku: 'SOCK-1', price: 1_350, barcode: null, reorder_point: 12 },
          { sku: 'SOCK-2', title: 'Pair of 3', price: 3_600 },
        ],
      },
      actor,
    });
    expect(updated).toMatchObject({ name: 'Merino socks', product_type: 'Socks' });
    expect(updated.variants.map((v) => [v.sku, v.price, v.barcode, v.reorder_point, v.title])).toEqual([
      ['SOCK-1', 1_350, null, 12, ''],
      ['SOCK-2', 3_600, null, 0, 'Pair of 3'],
    ]);
    const row = await db.auditLog.findFirstOrThrow({ where: { action: 'product.updated', entityId: p.id } });
    expect(row.before).toMatchObject({ name: 'Wool socks' });
    expect(row.after).toMatchObject({ name: 'Merino socks' });
  });

  it("refuses a new variant without a price (422) and another product's SKU (409), changing nothing", async () => {
    const p = await createProduct({
      input: { name: 'Cap', variants: [{ sku: 'CAP-1', price: 1_500 }] },
      actor,
    });
    expect(
      await failure(updateProduct({ productId: p.id, input: { variants: [{ sku: 'CAP-2' }] }, actor })),
    ).toMatchObject({ status: 422, details: [{ field: 'variants.0.price' }] });
    expect(
      await failure(
        updateProduct({
          productId: p.id,
          input: { name: 'Renamed', variants: [{ sku: 'LIN-S', price: 1 }] },
          actor,
        }),
      ),
    ).toMatchObject({ status: 409, details: [{ field: 'variants.0.sku' }] });
    expect(
      await failure(
        updateProduct({ productId: '00000000-0000-4000-8000-000000000000', input: { name: 'x' }, actor }),
      ),
    ).toMatchObject({ status: 404 });
    expect(await failure(updateProduct({ productId: p.id, input: {}, actor }))).toMatchObject({
      status: 422,
    });
    expect((await productDetail(p.id))!).toMatchObject({
      name: 'Cap',
      variants: [{ sku: 'CAP-1', price: 1_500 }],
    });
  });

  it(
    'keeps stock_levels.backorder_allowed in step with allow_backorder, and refuses to turn it off while ' +
      'backordered',
    async () => {
      const p = await createProduct({
        input: { name: 'Kettle', variants: [{ sku: 'KET-1', price: 5_000 }] },
        actor,
      });
      const variantId = p.variants[0].id;
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'KET-1', quantity: 3, unit_cost: 2_000 }] },
        actor,
      });
      await receiveStock({
        input: { location: 'STORE', lines: [{ sku: 'KET-1', quantity: 1, unit_cost: 2_000 }] },
        actor,
      });
      const flags = async () =>
        (await db.stockLevel.findMany({ where: { variantId }, select: { backorderAllowed: true } })).map(
          (l) => l.backorderAllowed,
        );

      await updateProduct({
        productId: p.id,
        input: { variants: [{ sku: 'KET-1', allow_backorder: true }] },
        actor,
      });
      expect(await flags()).toEqual([true, true]);
      // With backorders allowed, 5 can be reserved at MAIN against 3 on hand: 2 are backordered.
      await db.$transaction((tx) =>
        reserveStock(tx, {
          lines: [
            { variantId, sku: 'KET-1', locationId: locations.main.id, locationCode: 'MAIN', quantity: 5 },
          ],
          reference: { type: 'test', id: 'k1' },
          actor,
        }),
      );

      const refused = await failure(
        updateProduct({
          productId: p.id,
          input: { variants: [{ sku: 'KET-1', allow_backorder: false }] },
          actor,
        }),
      );
      expect(refused).toMatchObject({
        code: 'INVALID_STATE',
        status: 409,
        details: [
          {
            field: 'variants.0.allow_backorder',
            message: 'KET-1 is backordered (MAIN: 3 on hand, 5 reserved). Receive stock first.',
          },
        ],
      });
      expect(await flags()).toEqual([true, true]);
      expect((await productDetail(p.id))!.variants[0]).toMatchObject({
        allow_backorder: true,
        on_hand: 4,
        available: -1,
      }); // (3 + 1) − 5

      // Receive 2 more at MAIN: 5 on hand, 5 reserved, so backorders can be turned off again.
      await receiveStock({
        input: { location: 'MAIN', lines: [{ sku: 'KET-1', quantity: 2, unit_cost: 2_000 }] },
        actor,
      });
      await updateProduct({
        productId: p.id,
        input: { variants: [{ sku: 'KET-1', allow_backorder: false }] },
        actor,
      });
      expect(await flags()).toEqual([false, false]);
    },
  );
});

describe('archiving', () => {
  it('archives a product with its variants, refuses to archive it twice, and unarchives it', async () => {
    const p = await createProduct({
      input: {
        name: 'Old mug',
        variants: [
          { sku: 'MUG-OLD-1', price: 900 },
          { sku: 'MUG-OLD-2', price: 900 },
        ],
      },
      actor,
    });
    const archived = await archiveProduct({ productId: p.id, actor });
    expect([archived.status, ...archived.variants.map((v) => v.status)]).toEqual([
      'archived',
      'archived',
      'archived',
    ]);
    expect(await failure(archiveProduct({ productId: p.id, actor }))).toMatchObject({
      code: 'INVALID_STATE',
      message: 'This product is already archived.',
    });
    expect(await db.auditLog.count({ where: { entityId: p.id, action: 'product.archived' } })).toBe(1);
    const back = await unarchiveProduct({ productId: p.id, actor });
    expect([back.status, ...back.variants.map((v) => v.status)]).toEqual(['active', 'active', 'active']);
    expect(await failure(archiveProduct({ productId: 'not-a-uuid', actor }))).toMatchObject({ status: 404 });
  });
});

describe('the product list', () => {
  // Five products of type "Lamps" (the filter keeps the other tests' products out):
  //   name         SKUs            prices        status
  //   Arc lamp     ARC-1           12,000        active
  //   Bulb pack    BULB-4, BULB-2   1,500/900    active
  //   Desk lamp    DESK-1           4,500        active
  //   Edison bulb  EDI-1              700        active, barcode 0123456789012
  //   Floor lamp   FLOOR-1          9,900        archived
  beforeAll(async () => {
    const make = (name: string, variants: TProductInput['variants']) =>
      createProduct({ input: { name, product_type: 'Lamps', variants }, actor });
    await make('Desk lamp', [{ sku: 'DESK-1', price: 4_500 }]);
    await make('Arc lamp', [{ sku: 'ARC-1', price: 12_000 }]);
    await make('Bulb pack', [
      { sku: 'BULB-4', price: 1_500 },
      { sku: 'BULB-2', price: 900 },
    ]);
    await make('Edison bulb', [{ sku: 'EDI-1', barcode: '0123456789012', price: 700 }]);
    const floor = await make('Floor lamp', [{ sku: 'FLOOR-1', price: 9_900 }]);
    await archiveProduct({ productId: floor.id, actor });
    await receiveStock({
      input: {
        location: 'MAIN',
        lines: [
          { sku: 'BULB-4', quantity: 10, unit_cost: 500 },
          { sku: 'BULB-2', quantity: 6, unit_cost: 300 },
        ],
      },
      actor,
    });
  });
  const list = (q: Record<string, unknown>) =>
    productList(ZProductListQuery.parse({ product_type: 'Lamps', ...q }));
  const names = async (q: Record<string, unknown>) => (await list(q)).data.map((r) => r.name);

  it('shows active products by name with a summary of variants and stock', async () => {
    const page = await list({});
    expect(page.total).toBe(4);
    expect(page.data.map((r) => r.name)).toEqual(['Arc lamp', 'Bulb pack', 'Desk lamp', 'Edison bulb']);
    // Bulb pack: lowest SKU BULB-2, prices 900–1,500, on hand 10 + 6 = 16.
    expect(page.data[1]).toMatchObject({
      sku: 'BULB-2',
      variant_count: 2,
      min_price: 900,
      max_price: 1_500,
      currency: 'USD',
      on_hand: 16,
      available: 16,
      status: 'active',
    });
  });

  it('searches name, SKU and barcode, and filters by status', async () => {
    expect(await names({ search: 'LAMP' })).toEqual(['Arc lamp', 'Desk lamp']); // Floor lamp is archived
    expect(await names({ search: 'bulb-4' })).toEqual(['Bulb pack']);
    expect(await names({ search: '0123456789012' })).toEqual(['Edison bulb']);
    expect(await names({ search: '50%' })).toEqual([]); // % is a character, not a wildcard
    expect(await names({ status: 'archived' })).toEqual(['Floor lamp']);
    expect((await list({ status: 'all' })).total).toBe(5);
  });

  it('sorts by lowest price, SKU and name, both ways', async () => {
    // lowest prices: Edison 700, Bulb 900, Desk 4,500, Arc 12,000
    expect(await names({ sort: 'price' })).toEqual(['Edison bulb', 'Bulb pack', 'Desk lamp', 'Arc lamp']);
    expect(await names({ sort: 'price', dir: 'desc' })).toEqual([
      'Arc lamp',
      'Desk lamp',
      'Bulb pack',
      'Edison bulb',
    ]);
    expect(await names({ sort: 'sku', dir: 'desc' })).toEqual([
      'Edison bulb',
      'Desk lamp',
      'Bulb pack',
      'Arc lamp',
    ]); // EDI-1 > DESK-1 > BULB-2 > ARC-1
    expect(await names({ sort: 'updated', dir: 'desc', status: 'all' })).toEqual([
      'Floor lamp',
      'Edison bulb',
      'Bulb pack',
      'Arc lamp',
      'Desk lamp',
    ]);
  });

  it('pages by number with the total, and by cursor without gaps or repeats', async () => {
    const second = await list({ sort: 'price', limit: 3, page: 2 });
    expect(second).toMatchObject({ total: 4 });
    expect(second.data.map((r) => r.name)).toEqual(['Arc lamp']); // rows 4 of 4
    const first = await list({ sort: 'price', dir: 'desc', limit: 3, status: 'all' });
    expect(first.data.map((r) => r.name)).toEqual(['Arc lamp', 'Floor lamp', 'Desk lamp']);
    const next = await list({
      sort: 'price',
      dir: 'desc',
      limit: 3,
      status: 'all',
      cursor: first.next_cursor,
    });
    expect(next.data.map((r) => r.name)).toEqual(['Bulb pack', 'Edison bulb']);
    expect(next.next_cursor).toBeNull();
    // Not a cursor's shape (refused by the schema), and the shape with a forged signature (by decodeCursor).
    for (const cursor of ['garbage', 'ImdhcmJhZ2UiXQ.AAAAAAAAAAAAAAAAAAAAAA'])
      expect(await failure(Promise.resolve().then(() => list({ cursor })))).toMatchObject({
        status: 422,
        details: [{ field: 'cursor' }],
      });
  });
});

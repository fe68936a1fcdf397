import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { apiRequest, makeApiKey, makeLocations, routeContext } from '@/tests/factories';
import * as productsRoute from '@/app/api/v1/products/route';
import * as productRoute from '@/app/api/v1/products/[id]/route';

let reader: string;
let writer: string;

beforeAll(async () => {
  await makeLocations();
  reader = (await makeApiKey(['inventory:read'])).key;
  writer = (await makeApiKey(['inventory:read', 'inventory:adjust'], { name: 'catalog sync' })).key;
});

const list = (key: string | null, query = '') =>
  productsRoute.GET(apiRequest(`/api/v1/products${query}`, { key }), routeContext());
const create = (key: string, body: unknown, headers?: Record<string, string>) =>
  productsRoute.POST(apiRequest('/api/v1/products', { method: 'POST', key, body, headers }), routeContext());
const get = (key: string, id: string) =>
  productRoute.GET(apiRequest(`/api/v1/products/${id}`, { key }), routeContext({ id }));
const patch = (key: string, id: string, body: unknown) =>
  productRoute.PATCH(
    apiRequest(`/api/v1/products/${id}`, { method: 'PATCH', key, body }),
    routeContext({ id }),
  );

const hoodie = {
  name: 'Fleece hoodie',
  product_type: 'Hoodies',
  variants: [
    { sku: 'HOOD-S', barcode: '5012345678900', price: 5_900, currency: 'USD', weight_grams: 540 },
    { sku: 'HOOD-M', price: 5_900 },
  ],
};

describe('POST /api/v1/products', () => {
  it('creates a product with inventory:adjust (201), audited as the API key', async () => {
    const res = await create(writer, hoodie);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: 'Fleece hoodie', product_type: 'Hoodies', status: 'active' });
    expect(
      body.variants.map((v: { sku: string; price: number; currency: string; barcode: string | null }) => [
        v.sku,
        v.price,
        v.currency,
        v.barcode,
      ]),
    ).toEqual([
      ['HOOD-M', 5_900, 'USD', null],
      ['HOOD-S', 5_900, 'USD', '5012345678900'],
    ]);
    expect(
      await db.auditLog.findFirstOrThrow({ where: { action: 'product.created', entityId: body.id } }),
    ).toMatchObject({ actorType: 'api_key', actorLabel: 'API key "catalog sync"' });
  });

  it('answers bad input with 4xx naming the field, and writes nothing', async () => {
    const before = { products: await db.product.count(), variants: await db.variant.count() };
    const duplicate = await create(writer, {
      name: 'Copy',
      variants: [
        { sku: 'NEW-9', price: 100 },
        { sku: 'HOOD-S', price: 100 },
      ],
    });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({
      error: {
        code: 'CONFLICT',
        message: 'SKU "HOOD-S" is already used by "Fleece hoodie"',
        details: [{ field: 'variants.1.sku', message: 'SKU "HOOD-S" is already used by "Fleece hoodie"' }],
      },
    });

    const cents = await create(writer, { name: 'Float', variants: [{ sku: 'F-1', price: 19.99 }] });
    expect(cents.status).toBe(422);
    expect((await cents.json()).error.details).toEqual([
      { field: 'variants.0.price', message: 'Use whole minor units (cents), e.g. 1250 for 12.50' },
    ]);

    const twice = await create(writer, {
      name: 'Twice',
      variants: [
        { sku: 'T-1', price: 1 },
        { sku: 'T-1', price: 1 },
      ],
    });
    expect(twice.status).toBe(422);
    expect((await twice.json()).error.details).toEqual([
      { field: 'variants.1.sku', message: 'Same SKU as variant 1' },
    ]);

    const missing = await create(writer, { variants: [], colour: 'red' });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      '(body)',
      'name',
      'variants',
    ]);

    expect({ products: await db.product.count(), variants: await db.variant.count() }).toEqual(before);
  });

  it('refuses a read-only key (403) and no key (401)', async () => {
    expect((await create(reader, hoodie)).status).toBe(403);
    expect((await list(null)).status).toBe(401);
  });

  it('replays a request with the same Idempotency-Key without creating twice', async () => {
    const body = { name: 'Beanie', variants: [{ sku: 'BEANIE-1', price: 2_000 }] };
    const first = await create(writer, body, { 'idempotency-key': 'beanie-1' });
    const again = await create(writer, body, { 'idempotency-key': 'beanie-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
    expect(await db.variant.count({ where: { sku: 'BEANIE-1' } })).toBe(1);
  });
});

describe('GET and PATCH /api/v1/products', () => {
  it('lists products with variants, cursor-paginated', async () => {
    for (const n of [1, 2, 3]) {
      expect(
        (
          await create(writer, {
            name: `Page test ${n}`,
            product_type: 'Paging',
            variants: [{ sku: `PAGE-${n}`, price: n * 100 }],
          })
        ).status,
      ).toBe(201);
    }
    const first = await list(reader, '?product_type=Paging&sort=price&dir=desc&limit=2');
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.data.map((p: { name: string }) => p.name)).toEqual(['Page test 3', 'Page test 2']);
    expect(page1.data[0].variants).toMatchObject([{ sku: 'PAGE-3', price: 300, on_hand: 0 }]);
    const page2 = await (
      await list(reader, `?product_type=Paging&sort=price&dir=desc&limit=2&cursor=${page1.next_cursor}`)
    ).json();
    expect(page2).toMatchObject({ data: [{ name: 'Page test 1' }], next_cursor: null });
    const bad = await list(reader, '?sort=colour&limit=0');
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'sort',
    ]);
  });

  it('reads one product, and 404s an unknown or malformed id', async () => {
    const created = await (
      await create(writer, { name: 'Scarf', variants: [{ sku: 'SCARF-1', price: 2_500 }] })
    ).json();
    const res = await get(reader, created.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(created);
    expect((await get(reader, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get(reader, 'not-an-id')).status).toBe(404);
  });

  it('edits a product, adds a variant and archives it; refuses bad input naming the field', async () => {
    const created = await (
      await create(writer, { name: 'Gloves', variants: [{ sku: 'GLOVE-S', price: 1_800 }] })
    ).json();
    const res = await patch(writer, created.id, {
      name: 'Leather gloves',
      variants: [
        { sku: 'GLOVE-S', price: 2_400, allow_backorder: true },
        { sku: 'GLOVE-M', price: 2_400 },
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.name).toBe('Leather gloves');
    expect(
      body.variants.map((v: { sku: string; price: number; allow_backorder: boolean }) => [
        v.sku,
        v.price,
        v.allow_backorder,
      ]),
    ).toEqual([
      ['GLOVE-S', 2_400, true],
      ['GLOVE-M', 2_400, false],
    ]);

    const archived = await (await patch(writer, created.id, { status: 'archived' })).json();
    expect([archived.status, ...archived.variants.map((v: { status: string }) => v.status)]).toEqual([
      'archived',
      'archived',
      'archived',
    ]);

    expect((await patch(reader, created.id, { name: 'x' })).status).toBe(403);
    const bad = await patch(writer, created.id, { variants: [{ sku: 'GLOVE-L', price: 10.5 }] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details).toEqual([
      { field: 'variants.0.price', message: 'Use whole minor units (cents), e.g. 1250 for 12.50' },
    ]);
    const taken = await patch(writer, created.id, { variants: [{ sku: 'HOOD-M', price: 100 }] });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.details).toEqual([
      { field: 'variants.0.sku', message: 'SKU "HOOD-M" is already used by "Fleece hoodie"' },
    ]);
    expect((await patch(writer, '00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
  });
});

import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { orderDetail, orderTimeline } from '@/lib/orders/queries';
import { saveView, MAX_SAVED_VIEWS } from '@/lib/orders/save-view';
import { deleteView } from '@/lib/orders/delete-view';
import { savedViews } from '@/lib/orders/view-queries';
import { orderLineLookup } from '@/lib/orders/line-lookup';
import { customerDetail, customerList, customerSearch, type CustomerSort } from '@/lib/customers/queries';
import type { SessionUser } from '@/lib/auth/session';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import { makeLocations, makeProduct, makeUser, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

// Server actions and the export route read the signed-in user through lib/auth/session; tests choose who.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: () => Promise.resolve(session.user),
  userActor: (u: SessionUser) => ({ type: 'user', id: u.id, label: u.email, role: u.role }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const actions = await import('@/lib/orders/actions');
const exportRoute = await import('@/app/(app)/orders/export/route');

/**
 * The shop this file reads (USD, time zone UTC, fulfilling location MAIN):
 *   UIS-1 "Canvas Tote" price 2,500, barcode 4006381333931: 10 received at MAIN
 *   UIS-2 "Canvas Tote" price 2,500: 3 received at STORE only (0 at MAIN, where orders reserve)
 *   UIS-OLD "Canvas Old", archived: 5 at MAIN
 * Orders (through createOrder):
 *   A1 Ann Lee  2 × UIS-1 @ 2,500 + shipping 500         = 5,500, open
 *   A2 Ann Lee  1 × UIS-1 @ 2,500                         = 2,500, then cancelled
 *   B1 Bob Stone 3 × UIS-1 @ 2,000 + tax 300              = 6,300, open
 *   → UIS-1 reserved at MAIN: 2 + 3 = 5 (A2 released), available 10 − 5 = 5
 * Customers: Ann Lee (2 orders, LTV 5,500), Bob Stone (1, LTV 6,300), Cy Ng (no orders, tag vip,
 * a default address in Portland).
 */
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
const order_ = (
  email: string,
  name: string,
  lines: TCreateOrderInput['lines'],
  extra: Partial<TCreateOrderInput> = {},
): TCreateOrderInput => ({
  channel: 'web',
  currency: 'USD',
  customer: { email, name },
  shipping_address: { ...address, name },
  lines,
  ...extra,
});
const ids: Record<string, string> = {};
let manager: SessionUser & { actor: typeof actor };
let support: SessionUser;
let otherManager: SessionUser;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['UIS-1', 'UIS-2'], { price: 2_500, name: 'Canvas Tote' });
  await db.variant.update({ where: { sku: 'UIS-1' }, data: { barcode: '4006381333931' } });
  await makeProduct(['UIS-OLD'], { name: 'Canvas Old' });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'UIS-1', quantity: 10, unit_cost: 1_000 },
        { sku: 'UIS-OLD', quantity: 5, unit_cost: 500 },
      ],
    },
    actor,
  });
  await receiveStock({
    input: { location: 'STORE', lines: [{ sku: 'UIS-2', quantity: 3, unit_cost: 800 }] },
    actor,
  });
  await db.variant.update({ where: { sku: 'UIS-OLD' }, data: { status: 'archived' } });

  ids.a1 = (
    await createOrder({
      input: order_('ann@example.com', 'Ann Lee', [{ sku: 'UIS-1', quantity: 2, unit_price: 2_500 }], {
        shipping_amount: 500,
      }),
      actor,
    })
  ).id;
  ids.a2 = (
    await createOrder({
      input: order_('ann@example.com', 'Ann Lee', [{ sku: 'UIS-1', quantity: 1, unit_price: 2_500 }]),
      actor,
    })
  ).id;
  await cancelOrder({ orderId: ids.a2, reason: 'duplicate', actor });
  ids.b1 = (
    await createOrder({
      input: order_('bob@example.com', 'Bob Stone', [{ sku: 'UIS-1', quantity: 3, unit_price: 2_000 }], {
        tax_amount: 300,
      }),
      actor,
    })
  ).id;
  const cy = await db.customer.create({
    data: {
      email: 'cy@example.com',
      firstName: 'Cy',
      lastName: 'Ng',
      tags: ['vip'],
      addresses: {
        create: {
          name: 'Cy Ng',
          line1: '9 Elm St',
          city: 'Portland',
          region: 'OR',
          postalCode: '97201',
          country: 'US',
          isDefault: true,
        },
      },
    },
  });
  ids.cy = cy.id;

  const m = await makeUser({ role: 'manager', email: 'mgr@example.test' });
  manager = { id: m.id, email: m.email, name: m.name, role: 'manager', actor: m.actor };
  const s = await makeUser({ role: 'support', email: 'agent@example.test' });
  support = { id: s.id, email: s.email, name: s.name, role: 'support' };
  const o = await makeUser({ role: 'manager', email: 'other@example.test' });
  otherManager = { id: o.id, email: o.email, name: o.name, role: 'manager' };
});

describe('saved views', () => {
  it('stores the filters only, in canonical order, without the page cursor or the default sort', async () => {
    const view = await saveView({
      userId: manager.id,
      input: {
        name: 'Web open',
        query: '?channel=web&cursor=abc&q=&sort=placed_desc&status=open&bogus=1&from=2026-02-30',
      },
      actor: manager.actor,
    });
    // status before channel (the list's key order); blank q, the default sort, the cursor, unknown keys and
    // an impossible date dropped
    expect(view).toMatchObject({ name: 'Web open', query: 'status=open&channel=web', replaced: false });
    expect(await savedViews(manager.id)).toEqual([
      { id: view.id, name: 'Web open', query: 'status=open&channel=web' },
    ]);
  });

  it('saving under the same name replaces that view; other users never see it', async () => {
    const again = await saveView({
      userId: manager.id,
      input: { name: 'Web open', query: 'status=open&channel=web&sort=total_desc' },
      actor: manager.actor,
    });
    // The older one-value sort is read and written the way the list's headers write it (sort + dir).
    expect(again).toMatchObject({ replaced: true, query: 'status=open&channel=web&sort=total&dir=desc' });
    expect((await savedViews(manager.id)).map((v) => v.query)).toEqual([
      'status=open&channel=web&sort=total&dir=desc',
    ]);
    expect(await savedViews(otherManager.id)).toEqual([]);
    // An empty user id is no user, never "every user's views".
    expect(await savedViews('')).toEqual([]);
  });

  it('refuses a blank name, and more than the limit', async () => {
    await expect(
      saveView({ userId: manager.id, input: { name: '  ', query: '' }, actor: manager.actor }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'name' }] });
    for (let i = 1; i < MAX_SAVED_VIEWS; i++)
      await saveView({
        userId: otherManager.id,
        input: { name: `v${i}`, query: `q=${i}` },
        actor: manager.actor,
      });
    // 29 saved: the 30th fits, the 31st does not, but re-saving an existing name still does
    await saveView({ userId: otherManager.id, input: { name: 'v30', query: 'q=30' }, actor: manager.actor });
    await expect(
      saveView({ userId: otherManager.id, input: { name: 'v31', query: '' }, actor: manager.actor }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(
      await saveView({
        userId: otherManager.id,
        input: { name: 'v1', query: 'q=one' },
        actor: manager.actor,
      }),
    ).toMatchObject({ replaced: true, query: 'q=one' });
    expect(await db.savedView.count({ where: { userId: otherManager.id } })).toBe(MAX_SAVED_VIEWS);
  });

  it("deletes only the owner's view: someone else's is NOT_FOUND and stays", async () => {
    const [view] = await savedViews(manager.id);
    await expect(deleteView({ userId: otherManager.id, viewId: view.id, actor })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(deleteView({ userId: manager.id, viewId: 'not-a-uuid', actor })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await savedViews(manager.id)).toHaveLength(1);
    expect(await deleteView({ userId: manager.id, viewId: view.id, actor })).toEqual({
      id: view.id,
      name: 'Web open',
    });
    expect(await savedViews(manager.id)).toEqual([]);
    // created, updated, deleted
    expect(await db.auditLog.count({ where: { entityType: 'saved_view', entityId: view.id } })).toBe(3);
  });
});

describe('orderLineLookup', () => {
  it('finds an exact SKU in any case, with its price and the stock available at the fulfilling location', async () => {
    const [row] = await orderLineLookup('uis-1');
    // 10 received − 5 reserved (A1 2 + B1 3; A2's 1 released on cancel) = 5
    expect(row).toEqual({
      sku: 'UIS-1',
      name: 'Canvas Tote',
      barcode: '4006381333931',
      price: 2_500,
      currency: 'USD',
      available: 5,
      location: 'MAIN',
      allow_backorder: false,
      match: 'sku',
    });
  });

  it('finds a variant by its barcode (a scanner types it)', async () => {
    expect((await orderLineLookup('4006381333931')).map((r) => [r.sku, r.match])).toEqual([
      ['UIS-1', 'barcode'],
    ]);
  });

  it('lists SKU-prefix and name matches of active variants only, exact match first', async () => {
    expect((await orderLineLookup('UIS')).map((r) => [r.sku, r.match])).toEqual([
      ['UIS-1', 'partial'],
      ['UIS-2', 'partial'],
    ]);
    expect((await orderLineLookup('UIS-2')).map((r) => r.sku)).toEqual(['UIS-2']);
    expect((await orderLineLookup('canvas')).map((r) => r.sku)).toEqual(['UIS-1', 'UIS-2']); // Canvas Old is archived
    expect(await orderLineLookup('UIS-OLD')).toEqual([]);
  });

  it('reports 0 available for stock held only at another location', async () => {
    const [row] = await orderLineLookup('UIS-2');
    expect(row).toMatchObject({ available: 0, location: 'MAIN' }); // its 3 units are at STORE
  });

  it('treats LIKE wildcards as text and ignores blank input', async () => {
    expect(await orderLineLookup('%')).toEqual([]);
    expect(await orderLineLookup('_IS-1')).toEqual([]);
    expect(await orderLineLookup('   ')).toEqual([]);
  });
});

describe('customer queries', () => {
  it(
    'customerSearch: by email prefix or name, with the default ' +
      'address, at most 10, at least 2 characters',
    async () => {
      expect((await customerSearch('ann@')).map((c) => [c.email, c.name, c.address])).toEqual([
        ['ann@example.com', 'Ann Lee', null],
      ]);
      const [cy] = await customerSearch('ng');
      expect(cy).toMatchObject({
        id: ids.cy,
        name: 'Cy Ng',
        email: 'cy@example.com',
        address: {
          name: 'Cy Ng',
          line1: '9 Elm St',
          city: 'Portland',
          region: 'OR',
          postal_code: '97201',
          country: 'US',
          is_default: true,
        },
      });
      expect((await customerSearch('bob stone')).map((c) => c.email)).toEqual(['bob@example.com']);
      expect(await customerSearch('a')).toEqual([]);
      expect(await customerSearch('%%')).toEqual([]);
    },
  );

  it('customerList: by last name, keyset pages, order count and lifetime value without cancelled orders', async () => {
    const first = await customerList({ limit: 2 });
    // Lee < Ng < Stone
    expect(first.data.map((c) => [c.name, c.order_count, c.lifetime_value])).toEqual([
      ['Ann Lee', 2, 5_500], // 5,500 (A1); A2's 2,500 is cancelled
      ['Cy Ng', 0, 0],
    ]);
    expect(first.data[1]).toMatchObject({ tags: ['vip'], last_order_at: null });
    const second = await customerList({ limit: 2, cursor: first.next_cursor! });
    expect(second.data.map((c) => [c.name, c.order_count, c.lifetime_value])).toEqual([
      ['Bob Stone', 1, 6_300],
    ]); // 3 × 2,000 + 300 tax
    expect(second.next_cursor).toBeNull();
    expect((await customerList({ q: 'st', limit: 10 })).data.map((c) => c.name)).toEqual(['Bob Stone']);
  });

  it(
    'customerList: the imported orders’ guest customer (blank ' +
      'last name) comes after every real one, marked',
    async () => {
      const guest = await db.customer.create({
        data: { email: 'guest+shopify@imported.invalid', firstName: 'Guest', lastName: '' },
      });
      try {
        // A blank last name sorted first before; now: Lee, Ng, Stone, then the guest, across pages too.
        const first = await customerList({ limit: 3 });
        expect(first.data.map((c) => [c.name, c.guest])).toEqual([
          ['Ann Lee', false],
          ['Cy Ng', false],
          ['Bob Stone', false],
        ]);
        const second = await customerList({ limit: 3, cursor: first.next_cursor! });
        expect(second.data.map((c) => [c.email, c.guest])).toEqual([
          ['guest+shopify@imported.invalid', true],
        ]);
        expect(second.next_cursor).toBeNull();
      } finally {
        await db.customer.delete({ where: { id: guest.id } });
      }
    },
  );

  it('customerList: sorts by each header either way, guests last, and pages in that order', async () => {
    // Ann Lee: 2 orders, LTV 5,500, last order Jan 7 (A2, cancelled, still her latest order)
    // Bob Stone: 1 order, LTV 6,300, last order Jan 6; Cy Ng: no orders, LTV 0, never ordered
    // and the guest customer, which comes after every real one whichever the sort.
    const placed = await db.order.findMany({ where: { id: { in: [ids.a1, ids.a2, ids.b1] } } });
    const guest = await db.customer.create({
      data: { email: 'guest+web@imported.invalid', firstName: 'Guest', lastName: '' },
    });
    const at = { [ids.a1]: '2026-01-05', [ids.a2]: '2026-01-07', [ids.b1]: '2026-01-06' };
    for (const [id, day] of Object.entries(at))
      await db.order.update({ where: { id }, data: { placedAt: new Date(`${day}T12:00:00Z`) } });
    try {
      const cases: [CustomerSort, string[]][] = [
        [{ id: 'name', desc: false }, ['Ann Lee', 'Cy Ng', 'Bob Stone', 'Guest']], // Lee < Ng < Stone
        [{ id: 'name', desc: true }, ['Bob Stone', 'Cy Ng', 'Ann Lee', 'Guest']],
        [{ id: 'orders', desc: false }, ['Cy Ng', 'Bob Stone', 'Ann Lee', 'Guest']], // 0 < 1 < 2
        [{ id: 'orders', desc: true }, ['Ann Lee', 'Bob Stone', 'Cy Ng', 'Guest']],
        [{ id: 'ltv', desc: false }, ['Cy Ng', 'Ann Lee', 'Bob Stone', 'Guest']], // 0 < 5,500 < 6,300
        [{ id: 'ltv', desc: true }, ['Bob Stone', 'Ann Lee', 'Cy Ng', 'Guest']],
        // Jan 6 < Jan 7, and Cy, who never ordered, last both ways
        [{ id: 'last', desc: false }, ['Bob Stone', 'Ann Lee', 'Cy Ng', 'Guest']],
        [{ id: 'last', desc: true }, ['Ann Lee', 'Bob Stone', 'Cy Ng', 'Guest']],
      ];
      for (const [sort, expected] of cases) {
        expect(
          (await customerList({ limit: 10, sort })).data.map((c) => c.name),
          JSON.stringify(sort),
        ).toEqual(expected);
        const walked: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await customerList({ limit: 1, sort, cursor });
          walked.push(...page.data.map((c) => c.name));
          cursor = page.next_cursor ?? undefined;
        } while (cursor && walked.length < 10);
        expect(walked, `${JSON.stringify(sort)}, a page at a time`).toEqual(expected);
      }
      const byName = await customerList({ limit: 1 });
      await expect(
        customerList({ limit: 1, sort: { id: 'ltv', desc: true }, cursor: byName.next_cursor! }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      await db.customer.delete({ where: { id: guest.id } });
      for (const o of placed) await db.order.update({ where: { id: o.id }, data: { placedAt: o.placedAt } });
    }
  });

  it('customerDetail: stats, order history newest first, addresses, tags; unknown ids are null', async () => {
    const ann = (await customerSearch('ann@example.com'))[0];
    const detail = await customerDetail(ann.id);
    expect(detail?.stats).toMatchObject({ order_count: 2, cancelled_count: 1, lifetime_value: 5_500 });
    expect(detail?.orders.map((o) => [o.id, o.status, o.total, o.items])).toEqual([
      [ids.a2, 'cancelled', 2_500, 1],
      [ids.a1, 'open', 5_500, 2],
    ]);
    expect(detail?.more_orders).toBe(false);
    expect((await customerDetail(ann.id, { ordersLimit: 1 }))?.more_orders).toBe(true);
    expect(await customerDetail(ids.cy)).toMatchObject({
      tags: ['vip'],
      addresses: [{ city: 'Portland' }],
      stats: { order_count: 0, lifetime_value: 0, first_order_at: null },
      orders: [],
    });
    expect(await customerDetail('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await customerDetail('nope')).toBeNull();
  });
});

/** The manual order form as the browser posts it: parallel `lines.*` fields, one per row. */
function orderForm(fields: Record<string, string>, rows: [string, string, string][]) {
  const form = new FormData();
  const defaults: Record<string, string> = {
    'customer.email': 'dee@example.com',
    'customer.name': 'Dee Park',
    'customer.phone': '',
    'shipping_address.name': 'Dee Park',
    'shipping_address.line1': '5 Oak Ave',
    'shipping_address.line2': '',
    'shipping_address.city': 'Austin',
    'shipping_address.region': 'TX',
    'shipping_address.postal_code': '73301',
    'shipping_address.country': 'US',
    shipping_method: '',
    note: '',
    shipping_amount: '',
    tax_amount: '',
    discount_amount: '',
  };
  for (const [k, v] of Object.entries({ ...defaults, ...fields })) form.set(k, v);
  for (const [sku, quantity, price] of rows) {
    form.append('lines.sku', sku);
    form.append('lines.quantity', quantity);
    form.append('lines.unit_price', price);
  }
  return form;
}

/** The URL a server action redirected to (redirect() throws NEXT_REDIRECT with it in the digest). */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2];
    throw error;
  }
  throw new Error('expected a redirect');
}

describe('manual order actions', () => {
  it('creates a manual order as the signed-in agent and goes to it', async () => {
    session.user = support;
    // row 0 blank (skipped); row 1: 1 × UIS-1 at 25.00; shipping 4.50, tax 2.10, discount 1.00
    const url = await redirectOf(
      actions.createManualOrderAction(
        null,
        orderForm(
          { shipping_amount: '4.50', tax_amount: '2.10', discount_amount: '1.00', note: 'Phoned in' },
          [
            ['', '', ''],
            ['UIS-1', '1', '25.00'],
          ],
        ),
      ),
    );
    const id = url.replace('/orders/', '');
    const created = await orderDetail(id);
    // 2,500 − 100 + 450 + 210 = 3,060
    expect(created).toMatchObject({
      channel: 'manual',
      status: 'open',
      subtotal: 2_500,
      discount_amount: 100,
      shipping_amount: 450,
      tax_amount: 210,
      total: 3_060,
      note: 'Phoned in',
      customer: { email: 'dee@example.com', name: 'Dee Park' },
    });
    expect(created?.shipping_address).toMatchObject({
      city: 'Austin',
      region: 'TX',
      postal_code: '73301',
      country: 'US',
    });
    expect((await orderTimeline(id))[0]).toMatchObject({
      action: 'order.created',
      actor: 'agent@example.test',
    });
  });

  it("hands back field errors keyed by the form's own rows", async () => {
    session.user = support;
    const before = await db.order.count();
    const bad = await actions.createManualOrderAction(
      null,
      orderForm({ 'shipping_address.postal_code': 'ABCDE', shipping_amount: 'ten' }, [
        ['', '', ''],
        ['UIS-1', 'two', '12.345'],
      ]),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: {
        'shipping_address.postal_code': 'Not a valid US postal code',
        'lines.1.unit_price': 'Enter an amount like 12.50', // three decimals is not a USD amount
        'lines.1.quantity': 'Enter a whole number of units',
        shipping_amount: 'Enter an amount like 12.50',
      },
    });
    const unknown = await actions.createManualOrderAction(
      null,
      orderForm({}, [
        ['UIS-1', '1', '25.00'],
        ['', '', ''],
        ['NOPE', '1', '1.00'],
      ]),
    );
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { 'lines.2.sku': 'Unknown SKU "NOPE"' } });
    expect(await db.order.count()).toBe(before);
  });

  it("shows OUT_OF_STOCK beside the short line's quantity and writes nothing", async () => {
    session.user = support;
    const before = { orders: await db.order.count(), movements: await db.stockMovement.count() };
    const short = await actions.createManualOrderAction(
      null,
      orderForm({}, [
        ['UIS-1', '1', '25.00'],
        ['', '', ''],
        ['UIS-2', '2', '25.00'],
      ]),
    );
    // UIS-2 has 0 at MAIN (its 3 units are at STORE)
    expect(short).toMatchObject({
      ok: false,
      fieldErrors: { 'lines.2.quantity': 'Only 0 available at MAIN (2 ordered)' },
    });
    expect(short?.message).toContain('Not enough stock for UIS-2');
    expect({ orders: await db.order.count(), movements: await db.stockMovement.count() }).toEqual(before);
  });

  it("checks each action's permission: support cancels and notes but cannot approve or hold", async () => {
    session.user = null;
    expect(await actions.addOrderNoteAction(null, formOf({ orderId: ids.b1, note: 'hi' }))).toMatchObject({
      ok: false,
      message: 'Your session has ended. Sign in again.',
    });
    session.user = support;
    expect(
      await actions.changeOrderStatusAction(null, formOf({ orderId: ids.b1, move: 'hold', reason: 'x' })),
    ).toMatchObject({ ok: false, message: 'Your role does not allow this.' });
    expect(
      await actions.addOrderNoteAction(
        null,
        formOf({ orderId: ids.b1, note: 'Customer called about delivery' }),
      ),
    ).toMatchObject({ ok: true });
    expect(await actions.cancelOrderAction(null, formOf({ orderId: ids.b1, reason: '' }))).toMatchObject({
      ok: false,
      fieldErrors: { reason: 'Give a reason' },
    });
    expect(
      await actions.cancelOrderAction(null, formOf({ orderId: ids.b1, reason: 'customer asked' })),
    ).toMatchObject({ ok: true });
    expect((await orderDetail(ids.b1))?.status).toBe('cancelled');
    expect((await orderTimeline(ids.b1)).map((e) => [e.action, e.actor])).toEqual([
      ['order.created', 'test'],
      ['order.note_added', 'agent@example.test'],
      ['order.cancelled', 'agent@example.test'],
    ]);
  });

  it('cancels the unshipped rest of a partly shipped order through the same action', async () => {
    session.user = support;
    const order = await createOrder({
      input: order_('cy@example.com', 'Cy Ng', [{ sku: 'UIS-1', quantity: 2, unit_price: 2_500 }]),
      actor,
    });
    await recordShipment({ orderId: order.id, input: { lines: [{ sku: 'UIS-1', quantity: 1 }] }, actor });
    const result = await actions.cancelOrderAction(
      null,
      formOf({ orderId: order.id, reason: 'rest backordered; customer agreed' }),
    );
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining('the unshipped units are cancelled'),
    });
    // 1 shipped, 1 cancelled: what shipped is the whole order
    expect(await orderDetail(order.id)).toMatchObject({
      status: 'fulfilled',
      lines: [{ quantity_fulfilled: 1, quantity_cancelled: 1, quantity_reserved: 0 }],
    });
  });

  it('answers an illegal move with the INVALID_STATE message for the form', async () => {
    session.user = manager;
    expect(await actions.changeOrderStatusAction(null, formOf({ orderId: ids.a1, move: 'approve' }))).toEqual(
      { ok: false, message: 'Cannot approve an order that is open (only from: pending review).' },
    );
    expect(
      await actions.changeOrderStatusAction(
        null,
        formOf({ orderId: ids.a1, move: 'hold', reason: 'address check' }),
      ),
    ).toMatchObject({ ok: true, message: expect.stringContaining('put on hold') });
    expect(
      await actions.changeOrderStatusAction(null, formOf({ orderId: ids.a1, move: 'release' })),
    ).toMatchObject({ ok: true });
  });

  it('search actions need orders:create and return at most 10 plain rows', async () => {
    session.user = support;
    expect(await actions.lookupSkuAction('UIS-1')).toMatchObject({
      ok: true,
      data: [{ sku: 'UIS-1', available: 6 }],
    }); // on hand 10 − 1 shipped = 9, reserved A1 2 + Dee 1 = 3 (B1's 3 released on cancel) → 6
    expect(await actions.searchCustomersAction('dee')).toMatchObject({
      ok: true,
      data: [{ email: 'dee@example.com' }],
    });
    session.user = { ...support, role: 'warehouse' };
    expect(await actions.lookupSkuAction('UIS-1')).toMatchObject({
      ok: false,
      message: 'Your role does not allow this.',
    });
  });
});

function formOf(fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

describe('GET /orders/export', () => {
  const get = (query: string) => exportRoute.GET(new Request(`http://localhost/orders/export${query}`));

  it('is 401 JSON without a session and 422 for a filter that is not valid', async () => {
    session.user = null;
    const anonymous = await get('');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    session.user = { ...support, role: 'warehouse' }; // every role reads orders
    const bad = await get('?status=lost');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'status' }] },
    });
  });

  it('streams every matching order across pages of 500, not just the first page', async () => {
    session.user = manager;
    const bulk = await db.customer.create({
      data: { email: 'bulk@example.com', firstName: '=Bulk', lastName: 'Buyer' },
    });
    // 1,201 eBay orders, one a minute from 2026-01-01 00:01 UTC, totals 100 × g
    await db.$executeRaw`
      INSERT INTO orders (channel, status, payment_status, customer_id, email, currency, subtotal,
        total, shipping_address, placed_at)
      SELECT 'ebay', 'open', 'unpaid', ${bulk.id}::uuid, 'bulk@example.com', 'USD', 100 * g, 100 * g,
        '{}'::jsonb, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
      FROM generate_series(1, 1201) g`;
    const res = await get('?channel=ebay&sort=placed_asc&q=bulk@example.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parse<Record<string, string>>(await res.text(), { bom: true, columns: true });
    expect(rows).toHaveLength(1_201); // 500 + 500 + 201
    expect(rows[0]).toMatchObject({
      'Placed at': '2026-01-01T00:01:00Z',
      Status: 'open',
      Channel: 'ebay',
      Customer: "'=Bulk Buyer",
      Total: '1.00',
      Currency: 'USD',
      Items: '0',
    });
    expect(rows[1_200]).toMatchObject({ Total: '1201.00' }); // 100 × 1,201 cents
    expect(new Set(rows.map((r) => r.Number)).size).toBe(1_201);
    // The filter applies: Ann's web orders are not in it; other filters narrow it.
    const few = parse<Record<string, string>>(
      await (
        await get('?channel=ebay&q=bulk@example.com&from=2026-01-01&to=2026-01-01&sort=total_desc')
      ).text(),
      { bom: true, columns: true },
    );
    expect(few).toHaveLength(1_201); // all placed on Jan 1 (UTC)
    expect(few[0].Total).toBe('1201.00');
    // No match: the header alone, after a UTF-8 byte-order mark (so Excel reads accents).
    const none = Buffer.from(await (await get('?channel=amazon')).arrayBuffer());
    expect([...none.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(none.subarray(3).toString('utf8')).toBe(
      'Number,Placed at,Status,Payment status,Channel,Customer,Email,Items,Total,Currency,Risk level,Risk score\r\n',
    );
  }, 60_000);
});

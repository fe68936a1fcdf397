import { beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { applyBulkOrderAction, bulkOrderStep } from '@/lib/orders/apply-bulk-action';
import { bulkOrderDocument } from '@/lib/orders/bulk-documents';
import { orderCount } from '@/lib/orders/queries';
import type { SessionUser } from '@/lib/auth/session';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import { makeLocations, makeProduct, makeUser, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: () => Promise.resolve(session.user),
  userActor: (u: SessionUser) => ({ type: 'user', id: u.id, label: u.email, role: u.role }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const { bulkOrderStepAction } = await import('@/lib/orders/bulk-server-actions');

/**
 * The shop: BLK-1 at 1,000, 40 received at MAIN. Orders through createOrder, each 1 × BLK-1:
 *   R1, R2  risky (AVS N 25 + CVV N 30 + billing CA ≠ shipping US 15 = 70 ≥ 50) → pending_review
 *   H1      open, then held ("address check")
 *   O1…O11  open
 */
const address = {
  name: 'Bo Bulk',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
const input = (n: string, risky = false): TCreateOrderInput => ({
  channel: 'web',
  currency: 'USD',
  customer: { email: `${n.toLowerCase()}@bulk.example.com`, name: `Bo ${n}` },
  shipping_address: address,
  lines: [{ sku: 'BLK-1', quantity: 1, unit_price: 1_000 }],
  ...(risky
    ? {
        billing_address: { ...address, country: 'CA', region: 'ON', postal_code: 'K1A 0B1' },
        payment: { method: 'card', amount: 1_000, status: 'authorized', avs_result: 'N', cvv_result: 'N' },
      }
    : {}),
});
const ids: Record<string, string> = {};
const numbers: Record<string, number> = {};
let manager: Awaited<ReturnType<typeof makeUser>>;
let support: Awaited<ReturnType<typeof makeUser>>;
const statusOf = async (key: string) =>
  (await db.order.findUniqueOrThrow({ where: { id: ids[key] }, select: { status: true } })).status;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['BLK-1'], { price: 1_000, name: 'Bulk Mug' });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'BLK-1', quantity: 40, unit_cost: 400 }] },
    actor,
  });
  const keys = ['R1', 'R2', 'H1', ...Array.from({ length: 11 }, (_, i) => `O${i + 1}`)];
  for (const k of keys) {
    const o = await createOrder({ input: input(k, k.startsWith('R')), actor });
    ids[k] = o.id;
    numbers[k] = o.number;
  }
  await changeOrderStatus({ orderId: ids.H1, move: 'hold', reason: 'address check', actor });
  manager = await makeUser({ role: 'manager' });
  support = await makeUser({ role: 'support' });
});

describe('bulk actions on the order list', () => {
  it('approves each order through its own use case; a held order refuses and is named', async () => {
    expect([await statusOf('R1'), await statusOf('R2'), await statusOf('H1')]).toEqual([
      'pending_review',
      'pending_review',
      'on_hold',
    ]);
    const results = await applyBulkOrderAction({
      action: 'approve',
      orderIds: [ids.R1, ids.H1, ids.R2],
      actor: manager.actor,
    });
    expect(results).toEqual([
      { order_id: ids.R1, number: numbers.R1, ok: true, status: 'open', message: 'approved; now Open' },
      {
        order_id: ids.H1,
        number: numbers.H1,
        ok: false,
        code: 'INVALID_STATE',
        message: expect.stringMatching(/on.hold/i),
      },
      { order_id: ids.R2, number: numbers.R2, ok: true, status: 'open', message: 'approved; now Open' },
    ]);
    // All-or-nothing per order: the held one is untouched, the other two are open and audited.
    expect(await statusOf('H1')).toBe('on_hold');
    expect(await statusOf('R1')).toBe('open');
    const audits = await db.auditLog.count({
      where: { action: 'order.approved', entityId: { in: [ids.R1, ids.R2, ids.H1] } },
    });
    expect(audits).toBe(2);
  });

  it('holds every order the filter matches, in steps of 10: the filter travels, not the ids', async () => {
    // open now: R1, R2 (approved above) + O1…O11 = 13
    expect(await orderCount({ status: 'open', q: undefined }, 'UTC')).toEqual({ count: 13, capped: false });
    const first = await bulkOrderStep(
      { action: 'hold', reason: 'stock count', filter: 'status=open' },
      { actor: manager.actor, timeZone: 'UTC' },
    );
    expect(first.results).toHaveLength(10);
    expect(first.results.every((r) => r.ok)).toBe(true);
    expect(first.next_cursor).not.toBeNull();
    const second = await bulkOrderStep(
      { action: 'hold', reason: 'stock count', filter: 'status=open', cursor: first.next_cursor! },
      { actor: manager.actor, timeZone: 'UTC' },
    );
    // 13 − 10 = 3 left; none skipped though the first step took its orders out of the filter
    expect(second.results).toHaveLength(3);
    expect(second.next_cursor).toBeNull();
    const held = new Set([...first.results, ...second.results].map((r) => r.order_id));
    expect(held).toEqual(
      new Set([ids.R1, ids.R2, ...Array.from({ length: 11 }, (_, i) => ids[`O${i + 1}`])]),
    );
    expect(await orderCount({ status: 'on_hold' }, 'UTC')).toEqual({ count: 14, capped: false });
    const row = await db.order.findUniqueOrThrow({ where: { id: ids.O5 }, select: { holdReason: true } });
    expect(row.holdReason).toBe('stock count');
  });

  it('buy labels names each order that is not packed', async () => {
    const results = await applyBulkOrderAction({
      action: 'labels',
      orderIds: [ids.O1],
      actor: manager.actor,
    });
    expect(results).toEqual([
      {
        order_id: ids.O1,
        number: numbers.O1,
        ok: false,
        code: 'INVALID_STATE',
        message: 'It is not packed yet: pack it before buying its label.',
      },
    ]);
  });

  it('the server action checks the action’s own permission and asks for a reason', async () => {
    session.user = {
      id: support.id,
      email: support.email,
      name: support.name,
      role: 'support',
    };
    // support may cancel (orders:cancel) but not approve (orders:write)
    expect(await bulkOrderStepAction({ action: 'approve', ids: [ids.O2] })).toMatchObject({
      ok: false,
      message: 'Your role does not allow this.',
    });
    expect(await bulkOrderStepAction({ action: 'cancel', ids: [ids.O2] })).toMatchObject({
      ok: false,
      fieldErrors: { reason: 'Give a reason' },
    });
    expect(await bulkOrderStepAction({ action: 'cancel', ids: ['not-a-uuid'], reason: 'x' })).toMatchObject({
      ok: false,
      fieldErrors: { 'ids.0': expect.any(String) },
    });
    const cancelled = await bulkOrderStepAction({ action: 'cancel', ids: [ids.O2, ids.O3], reason: 'dupes' });
    expect(cancelled).toMatchObject({
      ok: true,
      message: '2 of 2 orders done',
      data: {
        next_cursor: null,
        results: [
          { order_id: ids.O2, ok: true, status: 'cancelled' },
          { order_id: ids.O3, ok: true, status: 'cancelled' },
        ],
      },
    });
    expect(await statusOf('O2')).toBe('cancelled');
    session.user = null;
  });

  it('prints one PDF for the selection, and refuses an order with nothing to ship by number', async () => {
    await changeOrderStatus({ orderId: ids.O4, move: 'release', actor });
    await changeOrderStatus({ orderId: ids.O5, move: 'release', actor });
    const pick = await bulkOrderDocument(
      new URLSearchParams({ kind: 'pick-list', orders: `${ids.O4},${ids.O5}` }),
      'UTC',
    );
    expect(Buffer.from(pick.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pick.filename).toBe('pick-list-2-orders.pdf');
    const slips = await bulkOrderDocument(
      new URLSearchParams({ kind: 'packing-slips', filter: 'status=open' }),
      'UTC',
    );
    expect(slips.filename).toBe('packing-slips-2-orders.pdf');
    await expect(
      bulkOrderDocument(new URLSearchParams({ kind: 'packing-slips', orders: `${ids.O4},${ids.O2}` }), 'UTC'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'No packing slip for 1 of the orders',
      details: [{ field: 'orders', message: expect.stringContaining(`#${numbers.O2}`) }],
    });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { skuDetail, stockLevels } from '@/lib/inventory/queries';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { updatePurchaseOrder } from '@/lib/purchasing/update-purchase-order';
import { cancelPurchaseOrder } from '@/lib/purchasing/cancel-purchase-order';
import { closePurchaseOrder } from '@/lib/purchasing/close-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { purchaseOrderTimeline } from '@/lib/purchasing/queries';
import { deliverPendingNotifications } from '@/lib/notify/deliver-pending';
import * as suppliersRoute from '@/app/api/v1/suppliers/route';
import * as posRoute from '@/app/api/v1/purchase-orders/route';
import * as poRoute from '@/app/api/v1/purchase-orders/[id]/route';
import * as sendRoute from '@/app/api/v1/purchase-orders/[id]/send/route';
import * as receiptsRoute from '@/app/api/v1/purchase-orders/[id]/receipts/route';
import * as inventoryRoute from '@/app/api/v1/inventory/route';
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
const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');

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
  (await skuDetail(sku))?.levels.find((l) => l.location === 'MAIN')?.on_hand ?? 0;

beforeAll(async () => {
  await makeLocations();
  manager = (await makeUser({ role: 'manager' })).actor;
  warehouse = (await makeUser({ role: 'warehouse' })).actor;
  await makeProduct(['PO-A', 'PO-B', 'PO-C']);
  const supplier = await createSupplier({
    input: {
      name: 'Acme Supply',
      email: 'orders@acme.test',
      lead_time_days: 10,
      lead_time_stddev_days: 2.5,
      products: [
        { sku: 'PO-A', supplier_sku: 'ACME-1', unit_cost: 450, pack_size: 6, moq: 12 },
        { sku: 'PO-B', unit_cost: 1000 },
      ],
    },
    actor: manager,
  });
  supplierId = supplier.id;
});

describe('suppliers', () => {
  it(
    'stores the catalog, defaults currency to the shop’s and review period to 7, and becomes the preferred ' +
      'supplier',
    async () => {
      const s = await db.supplier.findUniqueOrThrow({ where: { id: supplierId } });
      expect(s).toMatchObject({
        currency: 'USD',
        reviewPeriodDays: 7,
        leadTimeDays: 10,
        leadTimeStddevDays: 2.5,
      });
      const a = await db.variant.findUniqueOrThrow({ where: { sku: 'PO-A' } });
      expect(a.preferredSupplierId).toBe(supplierId);
      expect(await db.auditLog.count({ where: { action: 'supplier.created', entityId: supplierId } })).toBe(
        1,
      );
    },
  );

  it('refuses an unknown SKU in the catalog naming products.i.sku', async () => {
    const f = await failure(
      createSupplier({
        input: {
          name: 'Nope',
          email: 'n@n.test',
          lead_time_days: 1,
          products: [{ sku: 'NOPE', unit_cost: 1 }],
        },
        actor: manager,
      }),
    );
    expect(f.code).toBe('VALIDATION_FAILED');
    expect(f.details).toEqual([{ field: 'products.0.sku', message: 'Unknown SKU "NOPE"' }]);
  });

  it('a PO to a supplier in another currency keeps the supplier’s currency (decision 034)', async () => {
    const eur = await createSupplier({
      input: {
        name: 'Euro GmbH',
        email: 'bestellung@euro.test',
        currency: 'eur',
        lead_time_days: 20,
        products: [],
      },
      actor: manager,
    });
    expect(eur.currency).toBe('EUR');
    const po = await createPurchaseOrder({
      input: {
        supplier_id: eur.id,
        location: 'MAIN',
        lines: [{ sku: 'PO-A', quantity: 1, unit_cost: 100 }],
      },
      actor: manager,
    });
    expect(po).toMatchObject({ currency: 'EUR', total: 100 });
    await cancelPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
  });
});

describe('a purchase order from draft to received', () => {
  let poId: string;

  it('creates a draft with catalog costs: 10 × PO-A at 4.50 + 2 × PO-B at 10.00 = 65.00', async () => {
    const po = await createPurchaseOrder({
      input: {
        supplier_id: supplierId,
        location: 'MAIN',
        expected_at: '2026-12-20',
        lines: [
          { sku: 'PO-A', quantity: 10 },
          { sku: 'PO-B', quantity: 2 },
        ],
      },
      actor: manager,
    });
    poId = po.id;
    expect(po.status).toBe('draft');
    expect(po.lines.map((l) => [l.sku, l.quantity, l.received, l.unit_cost])).toEqual([
      ['PO-A', 10, 0, 450],
      ['PO-B', 2, 0, 1000],
    ]);
    // 10 × 450 + 2 × 1,000 = 4,500 + 2,000 = 6,500
    expect(po.total).toBe(6500);
    // A draft is not on order yet.
    const [level] = (await stockLevels({ sku: 'PO-A', limit: 10 })).data;
    expect(level?.on_order ?? 0).toBe(0);
  });

  it('a SKU outside the catalog needs a unit cost, named lines.i.unit_cost', async () => {
    const f = await failure(
      createPurchaseOrder({
        input: { supplier_id: supplierId, location: 'MAIN', lines: [{ sku: 'PO-C', quantity: 1 }] },
        actor: manager,
      }),
    );
    expect((f.details as { field: string }[]).map((d) => d.field)).toEqual(['lines.0.unit_cost']);
  });

  it('cannot receive a draft (INVALID_STATE)', async () => {
    const f = await failure(
      receivePurchaseOrder({
        purchaseOrderId: poId,
        input: { lines: [{ sku: 'PO-A', quantity: 1 }] },
        actor: warehouse,
      }),
    );
    expect(f.code).toBe('INVALID_STATE');
  });

  it('sending queues the supplier email with the PDF attached, and the open quantity shows as on order', async () => {
    const po = await sendPurchaseOrder({ purchaseOrderId: poId, actor: manager });
    expect(po.status).toBe('sent');
    const message = await db.outboxMessage.findFirstOrThrow({
      where: { purchaseOrderId: poId },
      select: { toAddress: true, subject: true, template: true, attachments: true },
    });
    expect(message.toAddress).toBe('orders@acme.test');
    expect(message.template).toBe('purchase_order_sent');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].filename).toBe(`${po.label}.pdf`);
    expect(Buffer.from(message.attachments[0].content).subarray(0, 5).toString()).toBe('%PDF-');
    // The worker hands the attachment to the transport.
    const sent: { attachments?: { filename: string }[] }[] = [];
    const transport = {
      sendMail: (m: { attachments?: { filename: string }[] }) => {
        sent.push(m);
        return Promise.resolve({ messageId: 'x' });
      },
    };
    const r = await deliverPendingNotifications({ transport });
    expect(r.sent).toBe(1);
    expect(sent[0].attachments?.map((a) => a.filename)).toEqual([`${po.label}.pdf`]);

    const [level] = (await stockLevels({ sku: 'PO-A', limit: 10 })).data;
    expect(level).toMatchObject({ on_order: 10, on_order_expected_at: '2026-12-20' });
    expect(await failure(sendPurchaseOrder({ purchaseOrderId: poId, actor: manager }))).toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('editing the sent PO records a revision on its timeline', async () => {
    const po = await updatePurchaseOrder({
      purchaseOrderId: poId,
      input: {
        expected_at: '2026-12-22',
        lines: [
          { sku: 'PO-A', quantity: 10 },
          { sku: 'PO-B', quantity: 3 },
        ],
      },
      actor: manager,
    });
    expect(po.revision).toBe(1);
    // 10 × 450 + 3 × 1,000 = 7,500
    expect(po.total).toBe(7500);
    const timeline = await purchaseOrderTimeline(poId);
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'sent', 'revised']);
    expect(timeline[2].message).toContain('PO-B 2 → 3');
    expect(timeline[2].message).toContain('expected 2026-12-20 → 2026-12-22');
  });

  it('receives 6 of 10 at 4.50: a layer 6 × 450, Dr Inventory 2,700 / Cr GRNI 2,700, partially received', async () => {
    const before = await onHand('PO-A');
    const { receipt, purchase_order } = await receivePurchaseOrder({
      purchaseOrderId: poId,
      input: { lines: [{ sku: 'PO-A', quantity: 6 }] },
      actor: warehouse,
    });
    expect(receipt.total_cost).toBe(2700); // 6 × 450
    expect(purchase_order.status).toBe('partially_received');
    expect(purchase_order.lines.find((l) => l.sku === 'PO-A')).toMatchObject({ received: 6, open: 4 });
    expect((await onHand('PO-A')) - before).toBe(6);
    const layers = await db.costLayer.findMany({
      where: { sourceType: 'receipt', sourceId: receipt.id },
      select: { unitCost: true, quantityReceived: true },
    });
    expect(layers).toEqual([{ unitCost: 450, quantityReceived: 6 }]);
    const entry = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'receipt', sourceId: receipt.id },
      select: { lines: { select: { debit: true, credit: true, account: { select: { code: true } } } } },
    });
    expect(
      entry.lines
        .map((l) => [l.account.code, l.debit, l.credit])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      ['1200', 2700, 0],
      ['2010', 0, 2700],
    ]);
    expect(await accountBalance('2010', FAR_FUTURE)).toBe(-2700);
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR_FUTURE });
    expect(tb.total_debit).toBe(tb.total_credit);
    const rcpt = await db.receipt.findUniqueOrThrow({
      where: { id: receipt.id },
      select: { purchaseOrderId: true },
    });
    expect(rcpt.purchaseOrderId).toBe(poId);
    // on order: 10 − 6 = 4 of PO-A left
    const [level] = (await stockLevels({ sku: 'PO-A', limit: 10 })).data;
    expect(level.on_order).toBe(4);
    expect(await db.auditLog.count({ where: { action: 'purchase_order.received', entityId: poId } })).toBe(1);
  });

  it('refuses an over-receipt naming the line (lines.0.quantity), and a SKU not on the PO (lines.1.sku)', async () => {
    const f = await failure(
      receivePurchaseOrder({
        purchaseOrderId: poId,
        input: {
          lines: [
            { sku: 'PO-A', quantity: 5 },
            { sku: 'PO-C', quantity: 1 },
          ],
        },
        actor: warehouse,
      }),
    );
    expect(f.code).toBe('VALIDATION_FAILED');
    expect((f.details as { field: string }[]).map((d) => d.field)).toEqual([
      'lines.0.quantity',
      'lines.1.sku',
    ]);
    expect(f.message).toContain('PO-A');
    // Nothing moved: still 6 received.
    expect(
      await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: poId, sku: 'PO-A' } }),
    ).toMatchObject({
      quantityReceived: 6,
    });
  });

  it('refuses a charge of an unknown kind or allocation naming charges.i (nothing received)', async () => {
    const f = await failure(
      receivePurchaseOrder({
        purchaseOrderId: poId,
        input: {
          lines: [{ sku: 'PO-A', quantity: 1 }],
          charges: [{ kind: 'postage', amount: 100, allocation: 'value' }],
        } as never,
        actor: warehouse,
      }),
    );
    expect((f.details as { field: string }[]).map((d) => d.field)).toEqual(['charges.0.kind']);
  });

  it('receiving the rest makes it received; then it can be closed but not cancelled', async () => {
    const { purchase_order } = await receivePurchaseOrder({
      purchaseOrderId: poId,
      input: {
        lines: [
          { sku: 'PO-A', quantity: 4 },
          { sku: 'PO-B', quantity: 3 },
        ],
      },
      actor: warehouse,
    });
    expect(purchase_order.status).toBe('received');
    // GRNI: 2,700 + 4 × 450 + 3 × 1,000 = 2,700 + 1,800 + 3,000 = 7,500 (credit)
    expect(await accountBalance('2010', FAR_FUTURE)).toBe(-7500);
    expect(await failure(cancelPurchaseOrder({ purchaseOrderId: poId, actor: manager }))).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect((await closePurchaseOrder({ purchaseOrderId: poId, actor: manager })).status).toBe('closed');
  });
});

describe('over-receipt tolerance, close and cancel', () => {
  it('a 10 % tolerance lets 11 of 10 in, not 12', async () => {
    const s = await createSupplier({
      input: {
        name: 'Loose Ltd',
        email: 'po@loose.test',
        lead_time_days: 3,
        over_receipt_tolerance_pct: 10,
        products: [{ sku: 'PO-C', unit_cost: 200 }],
      },
      actor: manager,
    });
    const po = await createPurchaseOrder({
      input: { supplier_id: s.id, location: 'MAIN', lines: [{ sku: 'PO-C', quantity: 10 }] },
      actor: manager,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    // limit = 10 + ⌊10 × 10 / 100⌋ = 11
    const f = await failure(
      receivePurchaseOrder({
        purchaseOrderId: po.id,
        input: { lines: [{ sku: 'PO-C', quantity: 12 }] },
        actor: warehouse,
      }),
    );
    expect((f.details as { field: string }[]).map((d) => d.field)).toEqual(['lines.0.quantity']);
    const ok = await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'PO-C', quantity: 11 }] },
      actor: warehouse,
    });
    expect(ok.purchase_order.status).toBe('received');
  });

  it('closing a partially received PO cancels the open rest, which stops counting as on order', async () => {
    const po = await createPurchaseOrder({
      input: { supplier_id: supplierId, location: 'STORE', lines: [{ sku: 'PO-B', quantity: 5 }] },
      actor: manager,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'PO-B', quantity: 2 }] },
      actor: warehouse,
    });
    const store = () => stockLevels({ sku: 'PO-B', location: 'STORE', limit: 10 }).then((p) => p.data[0]);
    expect((await store()).on_order).toBe(3);
    const closed = await closePurchaseOrder({
      purchaseOrderId: po.id,
      reason: 'supplier out of stock',
      actor: manager,
    });
    expect(closed.status).toBe('closed');
    expect(closed.lines[0]).toMatchObject({ quantity: 5, received: 2, cancelled: 3, open: 0 });
    expect((await store()).on_order).toBe(0);
  });

  it('a draft and a sent PO can be cancelled; a cancelled one cannot be sent', async () => {
    const po = await createPurchaseOrder({
      input: { supplier_id: supplierId, location: 'MAIN', lines: [{ sku: 'PO-A', quantity: 1 }] },
      actor: manager,
    });
    expect((await cancelPurchaseOrder({ purchaseOrderId: po.id, actor: manager })).status).toBe('cancelled');
    expect(await failure(sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager }))).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(
      await failure(cancelPurchaseOrder({ purchaseOrderId: 'not-a-uuid', actor: manager })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('API', () => {
  let writeKey: string;
  let receiveKey: string;
  let poId: string;

  beforeAll(async () => {
    writeKey = (await makeApiKey(['purchasing:read', 'purchasing:write', 'inventory:read'])).key;
    receiveKey = (await makeApiKey(['purchasing:receive'])).key;
  });

  const post = (
    mod: { POST: (r: Request, c: ReturnType<typeof routeContext>) => Promise<Response> },
    path: string,
    key: string,
    body?: unknown,
    params: Record<string, string> = {},
    headers: Record<string, string> = {},
  ) => mod.POST(apiRequest(path, { method: 'POST', key, body, headers }), routeContext(params));

  it('POST /suppliers → 201 with the contract’s fields; GET lists it', async () => {
    const res = await post(suppliersRoute, '/api/v1/suppliers', writeKey, {
      name: 'Api Parts',
      email: 'api@parts.test',
      lead_time_days: 5,
      products: [{ sku: 'PO-C', supplier_sku: 'AP-9', unit_cost: 300, pack_size: 4, moq: 8 }],
    });
    expect(res.status).toBe(201);
    const s = (await res.json()) as { id: string; review_period_days: number; products: { moq: number }[] };
    expect(s.review_period_days).toBe(7);
    expect(s.products[0].moq).toBe(8);
    const list = await suppliersRoute.GET(apiRequest('/api/v1/suppliers', { key: writeKey }), routeContext());
    expect(((await list.json()) as { data: { name: string }[] }).data.map((x) => x.name)).toContain(
      'Api Parts',
    );

    const po = await post(posRoute, '/api/v1/purchase-orders', writeKey, {
      supplier_id: s.id,
      location: 'MAIN',
      lines: [{ sku: 'PO-C', quantity: 8 }],
    });
    expect(po.status).toBe(201);
    const body = (await po.json()) as {
      id: string;
      number: number;
      status: string;
      lines: unknown[];
      total: number;
    };
    expect(body).toMatchObject({
      status: 'draft',
      lines: [{ sku: 'PO-C', quantity: 8, received: 0, unit_cost: 300 }],
    });
    expect(body.total).toBe(2400); // 8 × 300
    poId = body.id;
  });

  it('a warehouse-scoped key cannot create a PO (403) but can receive one', async () => {
    const denied = await post(posRoute, '/api/v1/purchase-orders', receiveKey, {
      supplier_id: supplierId,
      location: 'MAIN',
      lines: [{ sku: 'PO-A', quantity: 1 }],
    });
    expect(denied.status).toBe(403);
    expect(
      (await post(sendRoute, `/api/v1/purchase-orders/${poId}/send`, writeKey, undefined, { id: poId }))
        .status,
    ).toBe(200);
    const ok = await post(
      receiptsRoute,
      `/api/v1/purchase-orders/${poId}/receipts`,
      receiveKey,
      { lines: [{ sku: 'PO-C', quantity: 3 }] },
      { id: poId },
      { 'idempotency-key': 'rcpt-1' },
    );
    expect(ok.status).toBe(201);
    const r = (await ok.json()) as { receipt: { id: string }; purchase_order: { status: string } };
    expect(r.purchase_order.status).toBe('partially_received');
    // The replay answers the same receipt and creates nothing.
    const replay = await post(
      receiptsRoute,
      `/api/v1/purchase-orders/${poId}/receipts`,
      receiveKey,
      { lines: [{ sku: 'PO-C', quantity: 3 }] },
      { id: poId },
      { 'idempotency-key': 'rcpt-1' },
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { receipt: { id: string } }).receipt.id).toBe(r.receipt.id);
    expect(await db.receipt.count({ where: { purchaseOrderId: poId } })).toBe(1);
  });

  it('over-receipt over the API is 422 naming lines.0.quantity', async () => {
    const res = await post(
      receiptsRoute,
      `/api/v1/purchase-orders/${poId}/receipts`,
      receiveKey,
      { lines: [{ sku: 'PO-C', quantity: 6 }] },
      { id: poId },
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field)).toEqual(['lines.0.quantity']);
  });

  it('GET /purchase-orders/{id} carries the timeline; unknown id is 404; GET /inventory shows on_order', async () => {
    const res = await poRoute.GET(
      apiRequest(`/api/v1/purchase-orders/${poId}`, { key: writeKey }),
      routeContext({ id: poId }),
    );
    const body = (await res.json()) as { timeline: { kind: string }[] };
    expect(body.timeline.map((e) => e.kind)).toEqual(['created', 'sent', 'received']);
    const missing = await poRoute.GET(
      apiRequest('/api/v1/purchase-orders/nope', { key: writeKey }),
      routeContext({ id: 'nope' }),
    );
    expect(missing.status).toBe(404);
    const inv = await inventoryRoute.GET(
      apiRequest('/api/v1/inventory?sku=PO-C', { key: writeKey }),
      routeContext(),
    );
    const levels = ((await inv.json()) as { data: { location: string; on_order: number }[] }).data;
    // 8 ordered − 3 received = 5 on order at MAIN
    expect(levels.find((l) => l.location === 'MAIN')?.on_order).toBe(5);
    const list = await posRoute.GET(
      apiRequest('/api/v1/purchase-orders?status=partially_received', { key: writeKey }),
      routeContext(),
    );
    expect(((await list.json()) as { data: { id: string }[] }).data.map((p) => p.id)).toEqual([poId]);
  });
});

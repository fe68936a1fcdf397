import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createTicket } from '@/lib/support/create-ticket';
import { sendDueSurveys } from '@/lib/feedback/send-due-surveys';
import { answerSurvey } from '@/lib/feedback/answer-survey';
import { surveyToken } from '@/lib/feedback/links';
import { tagFeedback } from '@/lib/feedback/tag-feedback';
import { whatToFixBySku, whatToFixByTheme, whatToFixRecords } from '@/lib/feedback/report';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const DAY = 86_400_000;
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
const now = new Date();
const later = new Date(now.getTime() + 4 * DAY);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const range = { from: iso(new Date(now.getTime() - DAY)), to: iso(new Date(now.getTime() + 10 * DAY)) };

async function order(email: string, lines: { sku: string; quantity: number }[]) {
  const total = lines.reduce((s, l) => s + l.quantity * 5_000, 0);
  const o = await createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email, name: 'Ann Lee' },
      shipping_address: address,
      lines: lines.map((l) => ({ ...l, unit_price: 5_000 })),
      payment: {
        method: 'card',
        amount: total,
        status: 'captured',
        fee: 0,
        avs_result: 'Y',
        cvv_result: 'M',
      },
    },
    actor,
  });
  const s = await recordShipment({ orderId: o.id, input: { lines }, actor });
  await addTrackingEvent({
    shipmentId: s.id,
    input: { status: 'delivered', occurred_at: now.toISOString() },
    actor,
  });
  return o;
}

async function answer(orderId: string, input: unknown) {
  const s = await db.feedbackSurvey.findUniqueOrThrow({ where: { orderId } });
  return answerSurvey({ surveyId: s.id, token: surveyToken(s.id), input, now: later });
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['HD-S'], { price: 5_000, name: 'Hoodie' });
  await makeProduct(['TS-1'], { price: 5_000, name: 'Tee' });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'HD-S', quantity: 10, unit_cost: 2_000 },
        { sku: 'TS-1', quantity: 10, unit_cost: 1_500 },
      ],
    },
    actor,
  });
  // Order A: 2 hoodies, rated 2 overall and the hoodie 1; sent back for size, one damaged, refunded.
  const a = await order('a@example.com', [{ sku: 'HD-S', quantity: 2 }]);
  // Order B: a hoodie and a tee, rated 4, no item ratings; the customer opens a ticket.
  const b = await order('b@example.com', [
    { sku: 'HD-S', quantity: 1 },
    { sku: 'TS-1', quantity: 1 },
  ]);
  await sendDueSurveys({ now: later });
  const ra = await answer(a.id, {
    rating: 2,
    comment: 'Way too small',
    items: { [(await db.orderLine.findFirstOrThrow({ where: { orderId: a.id } })).id]: 1 },
  });
  await answer(b.id, { rating: 4 });
  await tagFeedback({ input: { answer_id: ra.answer_id, themes: ['sizing'] }, actor });
  await createTicket({
    input: {
      customer: { email: 'b@example.com', name: 'Ann Lee' },
      subject: 'The size chart is wrong',
      body: 'Runs small',
      order_number: b.number,
    },
    actor,
  });
  const r = await requestReturn({
    input: { order_id: a.id, lines: [{ sku: 'HD-S', quantity: 2, reason: 'does_not_fit' }] },
    actor,
  });
  await approveReturn({ returnId: r.id, actor });
  // The return label as a carrier would bill it (hand-built: no rate cards in this scenario).
  await db.return.update({ where: { id: r.id }, data: { labelCost: 700 } });
  await receiveReturn({ returnId: r.id, input: { lines: [{ sku: 'HD-S', quantity: 2 }] }, actor });
  await inspectReturn({
    returnId: r.id,
    input: {
      lines: [
        { sku: 'HD-S', quantity: 1, disposition: 'restock' },
        { sku: 'HD-S', quantity: 1, disposition: 'damaged' },
      ],
    },
    actor,
  });
  await refundReturn({ returnId: r.id, input: {}, actor });
});

describe('What to fix', () => {
  it('per SKU: every figure by hand and against direct SQL', async () => {
    const { rows } = await whatToFixBySku(range);
    const hd = rows.find((r) => r.sku === 'HD-S')!;
    const ts = rows.find((r) => r.sku === 'TS-1')!;
    // Ratings: A's hoodie line has its own 1; B's hoodie line takes B's 4 → (1 + 4) ÷ 2 = 2.5; one ≤ 2.
    // Shipped 2 + 1 = 3 hoodies; 2 came back "does not fit" → 2 ÷ 3 = 0.6667.
    // Refund: 2 × 5000 goods, no tax, no fee for does_not_fit = 10000. Label 700, all hoodies.
    // Lost margin: 2 inspected at cost 2000 each = 4000, 1 of 2 damaged → 2000.
    // Cost = 10000 + 700 + 2000 = 12700. Ticket: B's, which holds a hoodie (and the tee).
    expect(hd).toMatchObject({
      ratings: 2,
      rating_avg: 2.5,
      low_ratings: 1,
      units_shipped: 3,
      units_returned: 2,
      return_rate: 0.6667,
      top_reason: { reason: 'does_not_fit', label: 'Does not fit', units: 2 },
      refunds: 10_000,
      return_shipping: 700,
      lost_margin: 2_000,
      cost: 12_700,
      tickets: 1,
    });
    expect(ts).toMatchObject({
      ratings: 1,
      rating_avg: 4,
      units_shipped: 1,
      units_returned: 0,
      cost: 0,
      tickets: 1,
    });
    // The costliest first.
    expect(rows[0].sku).toBe('HD-S');

    // The same figures straight from the tables, written independently of the report's SQL.
    const [direct] = await db.$queryRaw<
      { refunds: number; postage: number; lost: number; returned: number; shipped: number; tickets: number }[]
    >`
      SELECT
        (SELECT sum(goods_amount + tax_amount)::int FROM refunds WHERE status = 'issued') AS refunds,
        (SELECT sum(label_cost)::int FROM returns) AS postage,
        (SELECT sum(cost_returned * quantity_damaged / (quantity_restocked + quantity_damaged +
          quantity_scrapped))::int FROM return_lines WHERE sku = 'HD-S') AS lost,
        (SELECT sum(quantity_received)::int FROM return_lines WHERE sku = 'HD-S') AS returned,
        (SELECT sum(sl.quantity)::int FROM shipment_lines sl JOIN order_lines l ON l.id =
          sl.order_line_id WHERE l.sku = 'HD-S') AS shipped,
        (SELECT count(*)::int FROM tickets t WHERE EXISTS (SELECT 1 FROM order_lines l WHERE
          l.order_id = t.order_id AND l.sku = 'HD-S')) AS tickets`;
    expect(direct).toEqual({
      refunds: 10_000,
      postage: 700,
      lost: 2_000,
      returned: 2,
      shipped: 3,
      tickets: 1,
    });
    expect([
      hd.refunds,
      hd.return_shipping,
      hd.lost_margin,
      hd.units_returned,
      hd.units_shipped,
      hd.tickets,
    ]).toEqual([
      direct.refunds,
      direct.postage,
      direct.lost,
      direct.returned,
      direct.shipped,
      direct.tickets,
    ]);
  });

  it('each figure drills to records that add up to it', async () => {
    const { rows } = await whatToFixBySku(range);
    const hd = rows.find((r) => r.sku === 'HD-S')!;
    const sum = async (figure: 'refunds' | 'shipping' | 'lost') =>
      (await whatToFixRecords({ ...range, sku: 'HD-S', figure })).reduce((s, r) => s + (r.amount ?? 0), 0);
    expect(await sum('refunds')).toBe(hd.refunds);
    expect(await sum('shipping')).toBe(hd.return_shipping);
    expect(await sum('lost')).toBe(hd.lost_margin);
    expect(await whatToFixRecords({ ...range, sku: 'HD-S', figure: 'tickets' })).toHaveLength(hd.tickets);
    expect(await whatToFixRecords({ ...range, sku: 'HD-S', figure: 'returns' })).toHaveLength(1);
  });

  it('per theme: the tagged answers, what their orders cost, and tickets that mention its words', async () => {
    const { rows } = await whatToFixByTheme(range);
    const sizing = rows.find((r) => r.slug === 'sizing')!;
    // One answer tagged sizing (order A, rated 2); A's refund 10000 + label 700 + lost 2000 = 12700.
    // The ticket "The size chart is wrong" mentions "size" (a sizing keyword).
    expect(sizing).toMatchObject({
      answers: 1,
      rating_avg: 2,
      low_ratings: 1,
      orders: 1,
      refunds: 10_000,
      return_shipping: 700,
      lost_margin: 2_000,
      cost: 12_700,
      tickets_mentioning: 1,
      top_skus: ['HD-S'],
    });
    expect(rows[0].slug).toBe('sizing');
  });
});

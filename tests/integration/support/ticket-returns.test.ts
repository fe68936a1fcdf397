import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { requestReturn } from '@/lib/returns/request-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { createTicket } from '@/lib/support/create-ticket';
import { ticketActivity, ticketSidebar } from '@/lib/support/queries';
import { toAppError } from '@/lib/errors';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};

async function shippedOrder(email: string) {
  const order = await createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email, name: 'Ann Lee' },
      shipping_address: address,
      lines: [{ sku: 'TR-1', quantity: 2, unit_price: 2_500 }],
      payment: {
        method: 'card',
        amount: 5_000,
        status: 'captured',
        fee: 0,
        avs_result: 'Y',
        cvv_result: 'M',
      },
    },
    actor,
  });
  await recordShipment({ orderId: order.id, input: { lines: [{ sku: 'TR-1', quantity: 2 }] }, actor });
  return order;
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['TR-1'], { price: 2_500 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'TR-1', quantity: 20, unit_cost: 1_000 }] },
    actor,
  });
});

describe('returns and refunds started from a ticket', () => {
  it('show in the ticket sidebar and on the ticket timeline', async () => {
    const order = await shippedOrder('ann@example.com');
    const ticket = await createTicket({
      input: {
        customer: { email: 'ann@example.com', name: 'Ann Lee' },
        subject: 'Wrong size',
        body: 'Too small',
        order_number: order.number,
      },
      actor,
    });
    const ret = await requestReturn({
      input: {
        order_id: order.id,
        ticket_id: ticket.id,
        lines: [{ sku: 'TR-1', quantity: 1, reason: 'does_not_fit' }],
      },
      actor,
    });
    const refund = await createGoodwillRefund({
      input: { order_id: order.id, amount: 500, reason: 'Sorry for the wait', ticket_id: ticket.id },
      actor,
    });

    const sidebar = await ticketSidebar(ticket);
    expect(sidebar.returns.map((r) => [r.number, r.order_number, r.status])).toEqual([
      [ret.number, order.number, 'requested'],
    ]);
    expect(sidebar.refunds.map((r) => [r.amount, r.order_number])).toEqual([[500, order.number]]);

    const activity = await ticketActivity(ticket.id);
    expect(activity.map((a) => a.label)).toEqual([
      'Ticket created',
      `Return #${ret.number} requested`,
      `Refund #${refund.number} issued`,
    ]);
    expect(activity[1].href).toBe(`/returns/${ret.id}`);
    // the link is a real foreign key now
    expect(
      (
        await db.return.findUniqueOrThrow({
          where: { id: ret.id },
          select: { ticket: { select: { number: true } } },
        })
      ).ticket?.number,
    ).toBe(ticket.number);
  });

  it('refuses a ticket that does not exist or is about another customer, writing nothing', async () => {
    const order = await shippedOrder('bo@example.com');
    const other = await createTicket({
      input: { customer: { email: 'cy@example.com', name: 'Cy' }, subject: 'Hello', body: 'Hi' },
      actor,
    });
    const before = await db.return.count();
    const missing = await requestReturn({
      input: {
        order_id: order.id,
        ticket_id: '00000000-0000-4000-8000-000000000000',
        lines: [{ sku: 'TR-1', quantity: 1, reason: 'defective' }],
      },
      actor,
    }).catch(toAppError);
    expect(missing).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'ticket_id', message: 'No ticket with this id' }],
    });
    const foreign = await createGoodwillRefund({
      input: { order_id: order.id, amount: 100, reason: 'x', ticket_id: other.id },
      actor,
    }).catch(toAppError);
    expect(foreign).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'ticket_id' }] });
    expect(await db.return.count()).toBe(before);
    expect(await db.refund.count({ where: { orderId: order.id } })).toBe(0);
  });
});

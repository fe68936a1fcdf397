import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { accountBalance } from '@/lib/ledger/queries';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { returnLabel } from '@/lib/returns/label-data';
import { renderLabel } from '@/lib/documents/label';
import { GET as publicLabel } from '@/app/l/return-label/[id]/route';
import { seedShipping } from '@/prisma/seed-shipping';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

const FAR = new Date('2100-01-01T00:00:00Z');
const address = {
  name: 'Lee Park',
  line1: '1 Market St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};

beforeAll(async () => {
  const { main } = await makeLocations();
  await db.location.update({
    where: { id: main.id },
    data: {
      address: {
        name: 'Main',
        line1: '9 Dock Rd',
        city: 'Oakland',
        region: 'CA',
        postal_code: '94607',
        country: 'US',
      },
    },
  });
  await seedShipping(db);
  await makeProduct(['RL-1'], { price: 3_000 });
  await db.variant.update({ where: { sku: 'RL-1' }, data: { weightGrams: 400 } });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'RL-1', quantity: 10, unit_cost: 900 }] },
    actor,
  });
});

describe('return labels', () => {
  it(
    'approval with a label rate-shops, stores and costs it, and emails its link; the PDF draws customer → ' +
      'warehouse',
    async () => {
      const order = await createOrder({
        input: {
          channel: 'web',
          currency: 'USD',
          customer: { email: 'lee@example.com', name: 'Lee Park' },
          shipping_address: address,
          lines: [{ sku: 'RL-1', quantity: 2, unit_price: 3_000 }],
        },
        actor,
      });
      await recordShipment({ orderId: order.id, input: { lines: [{ sku: 'RL-1', quantity: 2 }] }, actor });
      const r = await requestReturn({
        input: { order_id: order.id, lines: [{ sku: 'RL-1', quantity: 2, reason: 'defective' }] },
        actor,
      });
      const expenseBefore = await accountBalance('5300', FAR);
      const approved = await approveReturn({
        returnId: r.id,
        input: { issue_label: true, message: 'Use the label below' },
        actor,
      });
      expect(approved.status).toBe('approved');
      expect(approved.label).toMatchObject({ tracking_number: expect.stringMatching(/^[A-Z]{2}R\d{15}$/) });
      expect(approved.label!.cost).toBeGreaterThan(0);
      // Its cost is shipping expense, like an outbound label (Dr Shipping expense / Cr Payable).
      expect(await accountBalance('5300', FAR)).toBe(expenseBefore + approved.label!.cost);
      const mail = await db.outboxMessage.findFirstOrThrow({
        where: { returnId: r.id, template: 'return_approved' },
      });
      // The customer's link opens the label without signing in; it carries a token only we can make.
      const link = mail.textBody.match(/https?:\/\/\S+\/l\/return-label\/\S+/)?.[0];
      expect(link).toMatch(new RegExp(`/l/return-label/${r.id}\\?t=[A-Za-z0-9_-]{22}$`));
      const open = (url: string) =>
        publicLabel(new Request(url), {
          params: Promise.resolve({ id: new URL(url).pathname.split('/').at(-1)! }),
        });
      const res = await open(link!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      // a changed token, a missing token, or another return's id with this token: 404, nothing revealed
      expect((await open(link!.slice(0, -1) + (link!.endsWith('A') ? 'B' : 'A'))).status).toBe(404);
      expect((await open(link!.split('?')[0])).status).toBe(404);
      expect((await open(link!.replace(r.id, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
      expect(mail.textBody).toContain('Use the label below');

      const input = await returnLabel(r.id);
      // 2 × 400 g + the 250 g box.
      expect(input).toMatchObject({
        ship_from: { shop_name: 'Lee Park', address: { city: 'San Francisco' } },
        ship_to: { city: 'Oakland' },
        weight_grams: 1_050,
        shipment_number: `R${r.number}`,
      });
      const pdf = await renderLabel(input);
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    },
  );
});

import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR,
} from '@/tests/factories';
import * as tickets from '@/app/api/v1/tickets/route';
import * as ticket from '@/app/api/v1/tickets/[id]/route';
import * as messages from '@/app/api/v1/tickets/[id]/messages/route';
import { createTicket } from '@/lib/support/create-ticket';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { changeTicketStatus } from '@/lib/support/change-ticket-status';
import { updateTicket } from '@/lib/support/update-ticket';
import { saveCannedReply } from '@/lib/support/save-canned-reply';
import { resendShippingEmail } from '@/lib/support/resend-shipping-email';
import { updateSlaSettings } from '@/lib/support/update-sla-settings';
import { previewReply, ticketList, ticketSidebar, ticketViewCounts } from '@/lib/support/queries';
import { ZTicketListQuery } from '@/lib/support/schemas';

let key: string;
let ordersOnlyKey: string;
let ana: { id: string };
let anaOrder: { id: string; number: number };
let otherOrder: { id: string; number: number };
let agent: Awaited<ReturnType<typeof makeUser>>;

const ADDRESS = {
  name: 'Ana Lima',
  line1: '1 Main St',
  city: 'Springfield',
  postal_code: '62701',
  country: 'US',
};

async function makeOrder(customerId: string, email: string) {
  return db.order.create({
    data: {
      channel: 'web',
      status: 'fulfilled',
      paymentStatus: 'paid',
      customerId,
      email,
      currency: 'USD',
      subtotal: 5_000,
      total: 5_500,
      shippingAmount: 500,
      amountPaid: 5_500,
      shippingAddress: ADDRESS,
    },
    select: { id: true, number: true },
  });
}

const post = (
  route: { POST: (r: Request, c: ReturnType<typeof routeContext>) => Promise<Response> },
  path: string,
  body: unknown,
  options: { k?: string; params?: Record<string, string>; headers?: Record<string, string> } = {},
) =>
  route.POST(
    apiRequest(path, { method: 'POST', key: options.k ?? key, body, headers: options.headers }),
    routeContext(options.params),
  );

beforeAll(async () => {
  await makeLocations(); // shop settings: UTC
  await db.shopSettings.update({
    where: { id: 1 },
    data: { timezone: 'America/New_York', shopName: 'Juniper & Pine' },
  });
  key = (await makeApiKey(['support:tickets'])).key;
  ordersOnlyKey = (await makeApiKey(['orders:read'])).key;
  ana = await db.customer.create({
    data: { email: 'ana@example.com', firstName: 'Ana', lastName: 'Lima' },
    select: { id: true },
  });
  const bo = await db.customer.create({
    data: { email: 'bo@example.com', firstName: 'Bo', lastName: 'Berg' },
    select: { id: true },
  });
  anaOrder = await makeOrder(ana.id, 'ana@example.com');
  otherOrder = await makeOrder(bo.id, 'bo@example.com');
  agent = await makeUser({ role: 'support', name: 'Sam Support' });
});

beforeEach(async () => {
  await db.outboxMessage.deleteMany();
});

describe('POST /api/v1/tickets', () => {
  it(
    'opens a ticket for an existing customer matched case-insensitively, with the order linked and the ' +
      'first message',
    async () => {
      const before = await db.customer.count();
      const res = await post(tickets, '/api/v1/tickets', {
        customer: { email: '  ANA@Example.COM ', name: 'Somebody Else' },
        subject: 'Where is my parcel?',
        body: 'It has been a week.',
        order_number: `#${anaOrder.number}`,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({
        subject: 'Where is my parcel?',
        status: 'open',
        priority: 'normal',
        channel: 'web',
        customer: { id: ana.id, name: 'Ana Lima', email: 'ana@example.com' }, // the existing name is kept
        order: { id: anaOrder.id, number: anaOrder.number },
        messages: [
          { kind: 'customer', body: 'It has been a week.', author: { type: 'customer', label: 'Ana Lima' } },
        ],
        sla: { first_response: 'running', resolution: 'running', first_response_breached: false },
      });
      expect(await db.customer.count()).toBe(before);
      expect(
        await db.auditLog.count({
          where: { entityType: 'ticket', entityId: body.id, action: 'ticket.created' },
        }),
      ).toBe(1);

      const detail = await ticket.GET(
        apiRequest(`/api/v1/tickets/${body.id}`, { key }),
        routeContext({ id: body.id }),
      );
      expect((await detail.json()).number).toBe(body.number);
    },
  );

  it('creates a new customer from an unknown email', async () => {
    const res = await post(tickets, '/api/v1/tickets', {
      customer: { email: 'New.Person@Example.com', name: 'New Person' },
      subject: 'Sizing',
      body: 'Do the tees run small?',
      channel: 'email',
      priority: 'low',
    });
    expect(res.status).toBe(201);
    const customer = await db.customer.findUniqueOrThrow({ where: { email: 'new.person@example.com' } });
    expect(customer).toMatchObject({ firstName: 'New', lastName: 'Person' });
  });

  it('answers bad input with 422 naming the field and writes nothing', async () => {
    const before = await db.ticket.count();
    const good = { customer: { email: 'ana@example.com', name: 'Ana' }, subject: 'Hi', body: 'Hello' };
    const cases: [unknown, string][] = [
      [{ ...good, subject: '  ' }, 'subject'],
      [{ ...good, body: '' }, 'body'],
      [{ ...good, customer: { email: 'not-an-email', name: 'Ana' } }, 'customer.email'],
      [{ ...good, channel: 'pigeon' }, 'channel'],
      [{ ...good, order_number: 'abc' }, 'order_number'],
      [{ ...good, order_number: otherOrder.number }, 'order_number'], // Bo's order: not Ana's to ask about
      [{ ...good, order_number: 99_999_999 }, 'order_number'],
      [{ ...good, surprise: true }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await post(tickets, '/api/v1/tickets', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(
        (await res.json()).error.details.map((d: { field: string }) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await db.ticket.count()).toBe(before);
  });

  it('refuses a key without the support:tickets scope and a replay does nothing twice', async () => {
    const body = {
      customer: { email: 'ana@example.com', name: 'Ana' },
      subject: 'Form',
      body: 'Sent twice by the form',
    };
    expect((await post(tickets, '/api/v1/tickets', body, { k: ordersOnlyKey })).status).toBe(403);
    const before = await db.ticket.count();
    const headers = { 'Idempotency-Key': 'contact-form-123' };
    const [a, b] = await Promise.all([
      post(tickets, '/api/v1/tickets', body, { headers }),
      post(tickets, '/api/v1/tickets', body, { headers }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await a.json()).id).toBe((await b.json()).id);
    expect(await db.ticket.count()).toBe(before + 1);
  });
});

describe('SLA due times on a ticket', () => {
  it('counts business hours in the shop time zone across the weekend', async () => {
    // Defaults from the migration: Mon–Fri 09:00–17:00, normal = 480 min first response, 2,400 min resolution.
    // Arrives Fri 2026-11-27 16:00 EST (21:00Z).
    // First response 480: Fri 60 (16–17), Mon 420 from 09:00 → Mon 2026-11-30 16:00 EST = 21:00Z.
    // Resolution 2,400 (40 h): Fri 1 h, Mon–Thu 4 × 8 = 32 h (33 h), Fri 2026-12-04 09:00 + 7 h = 16:00 EST = 21:00Z.
    const t = await createTicket({
      input: {
        customer: { email: 'ana@example.com', name: 'Ana' },
        subject: 'Weekend',
        body: 'Friday afternoon',
      },
      actor: SYSTEM_TEST_ACTOR,
      now: new Date('2026-11-27T21:00:00Z'),
    });
    expect(t.sla.first_response_due_at).toBe('2026-11-30T21:00:00.000Z');
    expect(t.sla.resolution_due_at).toBe('2026-12-04T21:00:00.000Z');

    // Raising the priority re-derives both from the arrival: urgent = 60 / 480 →
    // Fri 16:00 + 60 = Fri 17:00 EST (22:00Z); 480 = Fri 60 + Mon 420 → Mon 16:00 EST (21:00Z).
    await updateTicket({ ticketId: t.id, input: { priority: 'urgent' }, actor: agent.actor });
    const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(row.firstResponseDueAt.toISOString()).toBe('2026-11-27T22:00:00.000Z');
    expect(row.resolutionDueAt.toISOString()).toBe('2026-11-30T21:00:00.000Z');
  });

  it('runs 24/7 when business hours are off', async () => {
    await updateSlaSettings({
      input: {
        business_hours_only: false,
        business_days: [1, 2, 3, 4, 5],
        opens_at: '09:00',
        closes_at: '17:00',
        policies: {
          urgent: { first_response_minutes: 60, resolution_minutes: 480 },
          high: { first_response_minutes: 240, resolution_minutes: 1440 },
          normal: { first_response_minutes: 480, resolution_minutes: 2400 },
          low: { first_response_minutes: 1440, resolution_minutes: 4800 },
        },
      },
      actor: agent.actor,
    });
    // Fri 21:00Z + 480 min = Sat 05:00Z; + 2,400 min (40 h) = Sun 13:00Z.
    const t = await createTicket({
      input: { customer: { email: 'ana@example.com', name: 'Ana' }, subject: '24/7', body: 'Any time' },
      actor: SYSTEM_TEST_ACTOR,
      now: new Date('2026-11-27T21:00:00Z'),
    });
    expect(t.sla.first_response_due_at).toBe('2026-11-28T05:00:00.000Z');
    expect(t.sla.resolution_due_at).toBe('2026-11-29T13:00:00.000Z');
    await db.supportSettings.update({ where: { id: 1 }, data: { businessHoursOnly: true } });
  });

  it('refuses a policy whose resolution is shorter than its first response, naming the field', async () => {
    await expect(
      updateSlaSettings({
        input: {
          business_hours_only: true,
          business_days: [1],
          opens_at: '09:00',
          closes_at: '08:00',
          policies: {
            urgent: { first_response_minutes: 60, resolution_minutes: 30 },
            high: { first_response_minutes: 1, resolution_minutes: 1 },
            normal: { first_response_minutes: 1, resolution_minutes: 1 },
            low: { first_response_minutes: 1, resolution_minutes: 1 },
          },
        },
        actor: agent.actor,
      }),
    ).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ['closes_at'] }),
        expect.objectContaining({ path: ['policies', 'urgent', 'resolution_minutes'] }),
      ]),
    });
  });
});

describe('messages, replies and status', () => {
  async function open(subject: string, orderNumber?: number) {
    return createTicket({
      input: {
        customer: { email: 'ana@example.com', name: 'Ana' },
        subject,
        body: 'Help',
        order_number: orderNumber,
      },
      actor: SYSTEM_TEST_ACTOR,
    });
  }

  it(
    'an agent reply fills placeholders, records the first response and emails the customer in the same ' +
      'transaction',
    async () => {
      const t = await open('Tracking please', anaOrder.number);
      const {
        variants: [variant],
      } = await makeProduct(['SUP-TEE']);
      const line = await db.orderLine.create({
        data: {
          orderId: anaOrder.id,
          variantId: variant.id,
          sku: 'SUP-TEE',
          name: 'Support tee',
          quantity: 1,
          unitPrice: 5_000,
          quantityFulfilled: 1,
        },
      });
      await db.shipment.create({
        data: {
          orderId: anaOrder.id,
          source: 'external',
          carrier: 'UPS',
          trackingNumber: '1Z999',
          actorType: 'system',
          actorLabel: 'test',
          lines: { create: [{ orderLineId: line.id, quantity: 1 }] },
        },
      });
      const after = await addTicketMessage({
        ticketId: t.id,
        kind: 'reply',
        body: 'Hi {{customer.first_name}}, order #{{order.number}}: {{tracking.url}} — {{agent.name}}',
        status: 'pending',
        actor: agent.actor,
      });
      expect(after.status).toBe('pending');
      expect(after.first_responded_at).not.toBeNull();
      expect(after.sla.first_response).toBe('met');
      const sent = `Hi Ana, order #${anaOrder.number}: https://www.ups.com/track?tracknum=1Z999 — Sam Support`;
      expect(after.messages.at(-1)).toMatchObject({
        kind: 'reply',
        body: sent,
        author: { type: 'user', label: 'Sam Support' },
      });
      const outbox = await db.outboxMessage.findMany();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({
        template: 'ticket_reply',
        toAddress: 'ana@example.com',
        ticketId: t.id,
        subject: `Re: Tracking please [#${t.number}]`,
      });
      expect(outbox[0].textBody).toContain(sent);

      // A second reply does not move the first response; a note never emails.
      await addTicketMessage({
        ticketId: t.id,
        kind: 'note',
        body: 'Customer sounded upset',
        actor: agent.actor,
      });
      const row = await db.ticket.findUniqueOrThrow({ where: { id: t.id } });
      expect(row.firstRespondedAt?.toISOString()).toBe(after.first_responded_at);
      expect(await db.outboxMessage.count()).toBe(1);
    },
  );

  it('an unknown placeholder or one without data is a 422 and nothing is written or sent', async () => {
    const t = await open('No order linked');
    const before = await db.ticketMessage.count({ where: { ticketId: t.id } });
    await expect(
      addTicketMessage({
        ticketId: t.id,
        kind: 'reply',
        body: 'Hi {{customer.firstname}}',
        actor: agent.actor,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        expect.objectContaining({
          field: 'body',
          message: expect.stringContaining('{{customer.firstname}}'),
        }),
      ],
    });
    await expect(
      addTicketMessage({
        ticketId: t.id,
        kind: 'reply',
        body: 'Your order {{order.number}}',
        actor: agent.actor,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('{{order.number}}'),
    });
    expect(await db.ticketMessage.count({ where: { ticketId: t.id } })).toBe(before);
    expect(await db.outboxMessage.count()).toBe(0);
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).firstRespondedAt).toBeNull();

    // the preview shows the same problems before sending
    const preview = await previewReply({
      ticketId: t.id,
      body: 'Hi {{customer.first_name}} {{order.number}} {{nope}}',
      actor: agent.actor,
    });
    expect(preview).toEqual({
      text: 'Hi Ana {{order.number}} {{nope}}',
      unknown: ['nope'],
      missing: ['order.number'],
    });
  });

  it('solving records the resolution time, a customer message reopens it, closing makes it read-only', async () => {
    const t = await open('Reopen me');
    const solved = await changeTicketStatus({ ticketId: t.id, status: 'solved', actor: agent.actor });
    expect(solved).toMatchObject({ status: 'solved', changed: true });
    expect((await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).solvedAt).not.toBeNull();

    const res = await post(
      messages,
      `/api/v1/tickets/${t.id}/messages`,
      { body: 'Actually, it is still broken' },
      { params: { id: t.id } },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'open', solved_at: null });

    await changeTicketStatus({ ticketId: t.id, status: 'solved', actor: agent.actor });
    await changeTicketStatus({ ticketId: t.id, status: 'closed', actor: agent.actor });
    const before = await db.ticketMessage.count({ where: { ticketId: t.id } });

    // the rule: a closed ticket refuses the customer's message (409, open a new ticket) and replies
    const closed = await post(
      messages,
      `/api/v1/tickets/${t.id}/messages`,
      { body: 'Hello again?' },
      { params: { id: t.id } },
    );
    expect(closed.status).toBe(409);
    expect((await closed.json()).error).toMatchObject({
      code: 'INVALID_STATE',
      details: { status: 'closed', follow_up: 'POST /api/v1/tickets' },
    });
    await expect(
      addTicketMessage({ ticketId: t.id, kind: 'reply', body: 'Reply', actor: agent.actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      changeTicketStatus({ ticketId: t.id, status: 'open', actor: agent.actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(
      updateTicket({ ticketId: t.id, input: { tags: ['x'] }, actor: agent.actor }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.ticketMessage.count({ where: { ticketId: t.id } })).toBe(before);
    expect(await db.outboxMessage.count()).toBe(0);
    // an internal note is still allowed
    await addTicketMessage({
      ticketId: t.id,
      kind: 'note',
      body: 'Customer called, pointed to the new ticket',
      actor: agent.actor,
    });
    const actions = (
      await db.auditLog.findMany({ where: { entityType: 'ticket', entityId: t.id }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual([
      'ticket.created',
      'ticket.solved',
      'ticket.customer_message_added',
      'ticket.solved',
      'ticket.closed',
      'ticket.note_added',
    ]);
  });

  it('the messages endpoint validates its body and answers 404 for an unknown ticket', async () => {
    const t = await open('Validation');
    const bad = await post(
      messages,
      `/api/v1/tickets/${t.id}/messages`,
      { body: 'x', kind: 'shout' },
      { params: { id: t.id } },
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['kind']);
    const empty = await post(
      messages,
      `/api/v1/tickets/${t.id}/messages`,
      { body: '   ' },
      { params: { id: t.id } },
    );
    expect((await empty.json()).error.details.map((d: { field: string }) => d.field)).toEqual(['body']);
    const missing = await post(
      messages,
      '/api/v1/tickets/00000000-0000-4000-8000-000000000000/messages',
      { body: 'Hi' },
      { params: { id: '00000000-0000-4000-8000-000000000000' } },
    );
    expect(missing.status).toBe(404);
    const notUuid = await ticket.GET(apiRequest('/api/v1/tickets/abc', { key }), routeContext({ id: 'abc' }));
    expect(notUuid.status).toBe(404);
  });

  it('assigns only to people who handle tickets', async () => {
    const t = await open('Assign me');
    const warehouse = await makeUser({ role: 'warehouse' });
    await expect(
      updateTicket({ ticketId: t.id, input: { assignee_id: warehouse.id }, actor: agent.actor }),
    ).rejects.toMatchObject({ details: [expect.objectContaining({ field: 'assignee_id' })] });
    await updateTicket({
      ticketId: t.id,
      input: { assignee_id: agent.id, tags: ['Late Delivery', 'late delivery'] },
      actor: agent.actor,
    });
    expect(await db.ticket.findUniqueOrThrow({ where: { id: t.id } })).toMatchObject({
      assigneeId: agent.id,
      tags: ['late-delivery'],
    });
  });

  it('resends the shipping email for the latest shipment and notes it on the ticket', async () => {
    const t = await open('Never got the email', anaOrder.number);
    const result = await resendShippingEmail({ ticketId: t.id, actor: agent.actor });
    expect(result).toMatchObject({ order_number: anaOrder.number, to: 'ana@example.com' });
    const [mail] = await db.outboxMessage.findMany();
    expect(mail).toMatchObject({ template: 'order_shipped', orderId: anaOrder.id, ticketId: t.id });
    expect(mail.textBody).toContain('1Z999');
    expect(mail.textBody).toContain('1 × Support tee (SUP-TEE)');
    expect(
      (await db.ticketMessage.findMany({ where: { ticketId: t.id, kind: 'note' } })).map((m) => m.body)[0],
    ).toMatch(/^Resent the shipping email/);
    const noOrder = await open('No order');
    await expect(resendShippingEmail({ ticketId: noOrder.id, actor: agent.actor })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });
});

describe('canned replies', () => {
  it('refuses an unknown placeholder when saving and a duplicate name', async () => {
    await expect(
      saveCannedReply({ input: { name: 'Typo', body: 'Hi {{customer.frist_name}}' }, actor: agent.actor }),
    ).rejects.toMatchObject({
      details: [
        expect.objectContaining({
          field: 'body',
          message: expect.stringContaining('{{customer.frist_name}}'),
        }),
      ],
    });
    await saveCannedReply({
      input: { name: 'Greeting', body: 'Hi {{customer.first_name}}' },
      actor: agent.actor,
    });
    await expect(
      saveCannedReply({ input: { name: 'Greeting', body: 'Hello' }, actor: agent.actor }),
    ).rejects.toMatchObject({ details: [expect.objectContaining({ field: 'name' })] });
    expect(await db.auditLog.count({ where: { action: 'canned_reply.created' } })).toBe(1);
  });
});

describe('the inbox', () => {
  it('views, filters, sort and cursor pages; breached and at-risk by the clock', async () => {
    await db.ticketMessage.deleteMany();
    await db.ticket.deleteMany();
    const now = new Date('2026-12-01T15:00:00Z'); // Tue 10:00 EST
    const mk = async (
      subject: string,
      createdAt: string,
      priority: 'low' | 'normal' | 'high' | 'urgent' = 'normal',
    ) =>
      createTicket({
        input: { customer: { email: 'ana@example.com', name: 'Ana' }, subject, body: 'x', priority },
        actor: SYSTEM_TEST_ACTOR,
        now: new Date(createdAt),
      });
    // urgent, arrived Tue 09:30 EST: first response due 10:30 EST (15:30Z) → 30 min left at 10:00: at risk
    const risky = await mk('Risky', '2026-12-01T14:30:00Z', 'urgent');
    // normal, arrived Fri 2026-11-27 10:00 EST: first response due Fri 18:00? 480 min = Fri 10:00–17:00 (420)
    // + Mon 60 → Mon 10:00 EST: breached
    const late = await mk('Late', '2026-11-27T15:00:00Z');
    // low, arrived Tue 09:55: due Wed → running
    const calm = await mk('Calm', '2026-12-01T14:55:00Z', 'low');
    await updateTicket({ ticketId: calm.id, input: { assignee_id: agent.id }, actor: agent.actor });

    const list = (q: Record<string, string>) => ticketList(ZTicketListQuery.parse(q), agent.id, { now });
    expect((await list({ view: 'breached' })).data.map((t) => t.subject)).toEqual(['Late']);
    expect((await list({ view: 'at_risk' })).data.map((t) => t.subject)).toEqual(['Risky']);
    expect((await list({ view: 'mine' })).data.map((t) => t.subject)).toEqual(['Calm']);
    expect((await list({ view: 'unassigned', sort: 'newest' })).data.map((t) => t.subject)).toEqual([
      'Risky',
      'Late',
    ]);
    expect((await list({ view: 'all', sort: 'priority' })).data.map((t) => t.subject)).toEqual([
      'Risky',
      'Late',
      'Calm',
    ]);
    expect((await list({ view: 'all', sort: 'due' })).data.map((t) => t.subject)).toEqual([
      'Late',
      'Risky',
      'Calm',
    ]);
    expect((await list({ q: 'cal' })).data.map((t) => t.subject)).toEqual(['Calm']);
    expect((await list({ q: `#${late.number}` })).data.map((t) => t.subject)).toEqual(['Late']);
    expect(await ticketViewCounts(agent.id, { now })).toEqual({
      open: 3,
      mine: 1,
      unassigned: 2,
      pending: 0,
      at_risk: 1,
      breached: 1,
    });
    const late0 = (await list({ view: 'breached' })).data[0];
    expect(late0.sla).toMatchObject({
      first_response: 'breached',
      first_response_breached: true,
      first_response_due_at: '2026-11-30T15:00:00.000Z',
    });

    const first = await list({ sort: 'oldest', limit: '2' });
    expect(first.data.map((t) => t.subject)).toEqual(['Late', 'Risky']);
    expect(first.total).toBe(3);
    const second = await list({ sort: 'oldest', limit: '2', cursor: first.next_cursor! });
    expect(second.data.map((t) => t.subject)).toEqual(['Calm']);
    expect(second.next_cursor).toBeNull();

    const api = await tickets.GET(apiRequest('/api/v1/tickets?view=mine', { key }), routeContext());
    expect(api.status).toBe(422);
    expect((await api.json()).error.details[0].field).toBe('view');
    const bad = await tickets.GET(apiRequest('/api/v1/tickets?sort=sideways', { key }), routeContext());
    expect((await bad.json()).error.details[0].field).toBe('sort');

    const sidebar = await ticketSidebar(risky);
    expect(sidebar.customer.email).toBe('ana@example.com');
    expect(sidebar.orders.map((o) => o.number)).toContain(anaOrder.number);
    expect(sidebar.past_tickets.map((t) => t.subject).sort()).toEqual(['Calm', 'Late']);
    expect(sidebar.returns).toEqual([]);
  });
});

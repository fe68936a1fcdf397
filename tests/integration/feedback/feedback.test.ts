import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import { requestReturn } from '@/lib/returns/request-return';
import { createTicket } from '@/lib/support/create-ticket';
import { changeTicketStatus } from '@/lib/support/change-ticket-status';
import { toAppError } from '@/lib/errors';
import { sendDueSurveys } from '@/lib/feedback/send-due-surveys';
import { answerSurvey } from '@/lib/feedback/answer-survey';
import { surveyForLink } from '@/lib/feedback/queries';
import { unsubscribeFromSurveys } from '@/lib/feedback/unsubscribe';
import { surveyToken } from '@/lib/feedback/links';
import { linkToken } from '@/lib/signed-link';
import { scheduleDeliverySurvey } from '@/lib/feedback/schedule-survey';
import { kpiReport } from '@/lib/kpi/queries';
import { directFacts, rollupFacts } from '@/lib/kpi/rebuild';
import { GET as listFeedback, POST as importFeedback } from '@/app/api/v1/feedback/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';

const DAY = 86_400_000;
const address = {
  name: 'Ann Lee',
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
let seq = 0;

/** A web order of one unit of each SKU, shipped in one parcel per SKU; returns the order and its shipments. */
async function shippedOrder(email: string, skus = ['FB-1'], channel: 'web' | 'amazon' = 'web') {
  seq += 1;
  const order = await createOrder({
    input: {
      channel,
      external_id: `fb-${seq}`,
      currency: 'USD',
      customer: { email, name: 'Ann Lee' },
      shipping_address: address,
      lines: skus.map((sku) => ({ sku, quantity: 1, unit_price: 2_000 })),
    },
    actor,
  });
  const shipments = [];
  for (const sku of skus)
    shipments.push(
      await recordShipment({ orderId: order.id, input: { lines: [{ sku, quantity: 1 }] }, actor }),
    );
  return { order, shipments };
}

async function deliver(shipmentId: string, at: Date) {
  return addTrackingEvent({
    shipmentId,
    input: { status: 'delivered', occurred_at: at.toISOString() },
    actor,
  });
}

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (e) {
    return toAppError(e).status;
  }
};

const t0 = new Date('2026-11-10T12:00:00Z');

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['FB-1', 'FB-2'], { price: 2_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: 'FB-1', quantity: 100, unit_cost: 800 },
        { sku: 'FB-2', quantity: 100, unit_cost: 800 },
      ],
    },
    actor,
  });
});

describe('delivery surveys', () => {
  it('one survey per order, whatever the delivery events race', async () => {
    const { order, shipments } = await shippedOrder('race@example.com', ['FB-1', 'FB-2']);
    // Both parcels delivered at the same moment: the order lock orders them, the last makes it delivered.
    await Promise.all(shipments.map((s) => deliver(s.id, t0)));
    // And a burst of concurrent scheduling calls, each in its own transaction: the unique order_id holds.
    const o = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        db.$transaction((tx) =>
          scheduleDeliverySurvey(tx, { id: o.id, channel: o.channel, customerId: o.customerId }, t0),
        ),
      ),
    );
    const surveys = await db.feedbackSurvey.findMany({ where: { orderId: order.id } });
    expect(surveys).toHaveLength(1);
    // web waits 3 days after delivery (the default delays).
    expect(surveys[0].dueAt.toISOString()).toBe('2026-11-13T12:00:00.000Z');
    // A replayed delivery event is refused and schedules nothing new.
    expect(await status(deliver(shipments[0].id, t0))).toBe(409);
    const sent = await sendDueSurveys({ now: new Date(t0.getTime() + 4 * DAY) });
    expect(sent.sent).toBeGreaterThanOrEqual(1);
    expect(
      await db.outboxMessage.count({ where: { orderId: order.id, template: 'feedback_order_survey' } }),
    ).toBe(1);
    // A second run sends nothing twice.
    await sendDueSurveys({ now: new Date(t0.getTime() + 5 * DAY) });
    expect(
      await db.outboxMessage.count({ where: { orderId: order.id, template: 'feedback_order_survey' } }),
    ).toBe(1);
  });

  it('asks nothing of a marketplace order (no delay set for amazon)', async () => {
    const { order, shipments } = await shippedOrder('amz@example.com', ['FB-1'], 'amazon');
    await deliver(shipments[0].id, t0);
    expect(await db.feedbackSurvey.count({ where: { orderId: order.id } })).toBe(0);
  });

  it('sends no survey while a return or a ticket of the order is open', async () => {
    const a = await shippedOrder('ret@example.com');
    await deliver(a.shipments[0].id, t0);
    await requestReturn({
      input: { order_id: a.order.id, lines: [{ sku: 'FB-1', quantity: 1, reason: 'does_not_fit' }] },
      actor,
    });
    const b = await shippedOrder('tick@example.com');
    await deliver(b.shipments[0].id, t0);
    await createTicket({
      input: {
        customer: { email: 'tick@example.com', name: 'Ann Lee' },
        subject: 'Where is my refund',
        body: '?',
        order_number: b.order.number,
      },
      actor,
    });
    await sendDueSurveys({ now: new Date(t0.getTime() + 4 * DAY) });
    for (const [o, reason] of [
      [a.order, 'open_return'],
      [b.order, 'open_ticket'],
    ] as const) {
      const s = await db.feedbackSurvey.findUniqueOrThrow({ where: { orderId: o.id } });
      expect(s).toMatchObject({ status: 'skipped', skipReason: reason, sentAt: null });
      expect(
        await db.outboxMessage.count({ where: { orderId: o.id, template: 'feedback_order_survey' } }),
      ).toBe(0);
    }
  });

  it('honours the unsubscribe link and the daily sending limit', async () => {
    const u = await shippedOrder('unsub@example.com');
    const customer = await db.customer.findUniqueOrThrow({ where: { email: 'unsub@example.com' } });
    expect(await status(unsubscribeFromSurveys({ customerId: customer.id, token: 'x'.repeat(22) }))).toBe(
      404,
    );
    expect(
      (await db.customer.findUniqueOrThrow({ where: { id: customer.id } })).feedbackUnsubscribedAt,
    ).toBeNull();
    await unsubscribeFromSurveys({
      customerId: customer.id,
      token: linkToken('feedback-unsubscribe', customer.id),
    });
    await deliver(u.shipments[0].id, new Date('2026-11-20T11:59:00Z'));

    const l1 = await shippedOrder('lim1@example.com');
    const l2 = await shippedOrder('lim2@example.com');
    await deliver(l1.shipments[0].id, new Date('2026-11-20T12:00:00Z'));
    await deliver(l2.shipments[0].id, new Date('2026-11-20T12:01:00Z'));
    // Earlier tests sent surveys days ago (outside the 24 hours): the limit of 1 leaves one send.
    await db.feedbackSettings.update({ where: { id: 1 }, data: { dailySendLimit: 1 } });
    const now = new Date('2026-11-24T12:00:00Z');
    const r = await sendDueSurveys({ now });
    // The allowance (1 − 0 sent in the last 24 h) bounds the surveys claimed, skipped or sent: the
    // first due (the unsubscribed customer's, 11:59) is claimed and skipped; two wait.
    expect(r).toEqual({ sent: 0, skipped: 1, waiting: 2 });
    const r2 = await sendDueSurveys({ now: new Date(now.getTime() + 60_000) });
    expect(r2).toEqual({ sent: 1, skipped: 0, waiting: 1 });
    // The limit is used up for 24 hours: the third waits.
    expect(await sendDueSurveys({ now: new Date(now.getTime() + 2 * 60_000) })).toEqual({
      sent: 0,
      skipped: 0,
      waiting: 1,
    });
    expect(await sendDueSurveys({ now: new Date(now.getTime() + DAY + 120_000) })).toEqual({
      sent: 1,
      skipped: 0,
      waiting: 0,
    });
    expect((await db.feedbackSurvey.findUniqueOrThrow({ where: { orderId: u.order.id } })).skipReason).toBe(
      'unsubscribed',
    );
    await db.feedbackSettings.update({ where: { id: 1 }, data: { dailySendLimit: 200 } });
  });
});

describe('signed survey links', () => {
  async function sentSurvey(email: string) {
    const { order, shipments } = await shippedOrder(email, ['FB-1', 'FB-2']);
    await Promise.all(shipments.map((s) => deliver(s.id, t0)));
    await sendDueSurveys({ now: new Date(t0.getTime() + 3 * DAY + 1000) });
    const survey = await db.feedbackSurvey.findUniqueOrThrow({ where: { orderId: order.id } });
    const lines = await db.orderLine.findMany({ where: { orderId: order.id }, orderBy: { sku: 'asc' } });
    return { order, survey, lines };
  }
  const counts = async () => ({
    answers: await db.feedbackAnswer.count(),
    items: await db.feedbackAnswerItem.count(),
    deltas: await db.kpiFactDelta.count(),
    audits: await db.auditLog.count(),
  });

  it('a valid link answers once, with per-item ratings; the email carries that link', async () => {
    const { survey, lines, order } = await sentSurvey('valid@example.com');
    const mail = await db.outboxMessage.findFirstOrThrow({
      where: { orderId: order.id, template: 'feedback_order_survey' },
    });
    const token = surveyToken(survey.id);
    expect(mail.textBody).toContain(`/l/feedback/${survey.id}?t=${token}&r=4`);
    expect(mail.textBody).toContain('/l/feedback/unsubscribe/');
    const page = await surveyForLink(survey.id, token, new Date(t0.getTime() + 4 * DAY));
    expect(page).toMatchObject({
      kind: 'order',
      order_number: order.number,
      items: [{ name: expect.any(String) }, {}],
    });
    const answered = await answerSurvey({
      surveyId: survey.id,
      token,
      input: {
        rating: '2',
        comment: '  Too small, the fit is off  ',
        items: { [lines[0].id]: '1', [lines[1].id]: 4 },
      },
      now: new Date(t0.getTime() + 4 * DAY),
    });
    const answer = await db.feedbackAnswer.findUniqueOrThrow({
      where: { id: answered.answer_id },
      include: { items: true },
    });
    expect(answer).toMatchObject({
      kind: 'order',
      rating: 2,
      comment: 'Too small, the fit is off',
      source: 'survey',
    });
    expect(answer.items.map((i) => [i.sku, i.rating]).sort()).toEqual([
      ['FB-1', 1],
      ['FB-2', 4],
    ]);
    expect((await db.feedbackSurvey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe('answered');
  });

  it('a tampered, reused or expired link is a 404 and writes nothing', async () => {
    const { survey } = await sentSurvey('tamper@example.com');
    const token = surveyToken(survey.id);
    const at = new Date(t0.getTime() + 4 * DAY);
    const before = await counts();
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const bad of [flipped, token.slice(0, 21), '', null, linkToken('return-label', survey.id)]) {
      expect(
        await status(answerSurvey({ surveyId: survey.id, token: bad, input: { rating: 5 }, now: at })),
      ).toBe(404);
      expect(await surveyForLink(survey.id, bad, at)).toBeNull();
    }
    // The right token on another survey id opens nothing either.
    expect(
      await status(answerSurvey({ surveyId: crypto.randomUUID(), token, input: { rating: 5 }, now: at })),
    ).toBe(404);
    expect(await counts()).toEqual(before);

    // Expired: the link lives link_valid_days (30) after sending.
    const late = new Date(survey.sentAt!.getTime() + 30 * DAY);
    expect(await surveyForLink(survey.id, token, late)).toBeNull();
    expect(await status(answerSurvey({ surveyId: survey.id, token, input: { rating: 5 }, now: late }))).toBe(
      404,
    );
    expect(await counts()).toEqual(before);

    // Bad input on a good link: 422 naming the field, nothing written.
    const bads: [unknown, string][] = [
      [{ rating: 6 }, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{ rating: 4.5 }, 'rating'],
      [{ rating: 4, comment: 'x'.repeat(2001) }, 'comment'],
      [{ rating: 4, comment: 'nul\u0000byte' }, 'comment'],
      [{ rating: 4, items: { [crypto.randomUUID()]: 3 } }, 'items.'],
    ];
    for (const [input, field] of bads) {
      try {
        await answerSurvey({ surveyId: survey.id, token, input, now: at });
        expect.unreachable();
      } catch (e) {
        const err = toAppError(e);
        expect(err.status).toBe(422);
        expect(JSON.stringify(err.details)).toContain(`"field":"${field}`);
      }
    }
    expect(await counts()).toEqual(before);

    // Two submissions race: one answer, the other a 404.
    const results = await Promise.all([
      status(answerSurvey({ surveyId: survey.id, token, input: { rating: 5 }, now: at })),
      status(answerSurvey({ surveyId: survey.id, token, input: { rating: 1 }, now: at })),
    ]);
    expect(results.sort()).toEqual([200, 404]);
    expect(await db.feedbackAnswer.count({ where: { surveyId: survey.id } })).toBe(1);
    // Reused afterwards: 404, nothing more.
    const after = await counts();
    expect(await status(answerSurvey({ surveyId: survey.id, token, input: { rating: 3 }, now: at }))).toBe(
      404,
    );
    expect(await surveyForLink(survey.id, token, at)).toBeNull();
    expect(await counts()).toEqual(after);
  });
});

describe('support surveys, CSAT and the rollups', () => {
  it('asks once per solved ticket; a bad rating reopens it when the shop wants; CSAT = good ÷ all', async () => {
    await db.feedbackSettings.update({ where: { id: 1 }, data: { reopenOnBadRating: true } });
    const solvedAt = new Date('2026-11-26T10:00:00Z');
    const ratings = ['good', 'good', 'good', 'bad'] as const;
    const tickets = [];
    for (const [i, r] of ratings.entries()) {
      const t = await createTicket({
        input: {
          customer: { email: `csat${i}@example.com`, name: 'Cee Sat' },
          subject: `Question ${i}`,
          body: 'Hello',
        },
        actor,
      });
      await changeTicketStatus({ ticketId: t.id, status: 'solved', actor, now: solvedAt });
      tickets.push({ id: t.id, r });
    }
    // A fifth, solved, reopened and solved again: still one survey.
    const extra = await createTicket({
      input: { customer: { email: 'csat9@example.com', name: 'Cee Sat' }, subject: 'Again', body: 'Hi' },
      actor,
    });
    await changeTicketStatus({ ticketId: extra.id, status: 'solved', actor, now: solvedAt });
    await changeTicketStatus({ ticketId: extra.id, status: 'open', actor, now: solvedAt });
    await changeTicketStatus({ ticketId: extra.id, status: 'solved', actor, now: solvedAt });
    expect(await db.feedbackSurvey.count({ where: { ticketId: extra.id } })).toBe(1);

    const sentAt = new Date('2026-11-26T10:05:00Z');
    await sendDueSurveys({ now: sentAt });
    const answerAt = new Date('2026-11-26T15:00:00Z');
    for (const t of tickets) {
      const s = await db.feedbackSurvey.findUniqueOrThrow({ where: { ticketId: t.id } });
      expect(s.status).toBe('sent');
      await answerSurvey({
        surveyId: s.id,
        token: surveyToken(s.id),
        input: { rating: t.r, comment: t.r === 'bad' ? 'Nobody answered for days' : undefined },
        now: answerAt,
      });
    }
    const bad = await db.ticket.findUniqueOrThrow({
      where: { id: tickets[3].id },
      include: { messages: true },
    });
    expect(bad.status).toBe('open');
    expect(bad.messages.at(-1)).toMatchObject({
      kind: 'customer',
      body: 'Rated our support: bad.\n\nNobody answered for days',
    });
    const good = await db.ticket.findUniqueOrThrow({ where: { id: tickets[0].id } });
    expect(good.status).toBe('solved');

    // The day 2026-11-26 (UTC shop): 4 support ratings, 3 good → CSAT 3 ÷ 4 = 0.75.
    // Surveys sent that day: the 5 ticket surveys; answered: 4 → response rate 4 ÷ 5 = 0.8.
    const report = await kpiReport({ from: '2026-11-26', to: '2026-11-26' });
    expect(report.feedback.csat).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
    expect(report.feedback.response_rate).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    // Under a channel filter the support figures still count (support has no sales channel).
    expect(
      (await kpiReport({ from: '2026-11-26', to: '2026-11-26', channel: 'web' })).feedback.csat.value,
    ).toBe(0.75);
    await db.feedbackSettings.update({ where: { id: 1 }, data: { reopenOnBadRating: false } });
  });

  it('delivery rating: average and share of 4–5 by hand; rollups equal the direct facts', async () => {
    const at = new Date('2026-11-28T09:00:00Z');
    const key = await makeApiKey(['feedback:write', 'feedback:read']);
    const orders = [];
    for (const [i, rating] of [5, 4, 2].entries()) {
      const { order } = await shippedOrder(`avg${i}@example.com`);
      orders.push(order);
      const res = await importFeedback(
        apiRequest('/api/v1/feedback', {
          method: 'POST',
          key: key.key,
          body: { order_id: order.id, channel: 'web', rating, answered_at: at.toISOString() },
        }),
        routeContext(),
      );
      expect(res.status).toBe(201);
    }
    // (5 + 4 + 2) ÷ 3 = 3.666… → 3.67; 4–5: 2 of 3 = 0.6667.
    const report = await kpiReport({ from: '2026-11-28', to: '2026-11-28' });
    expect(report.feedback.delivery_rating).toMatchObject({ average: 3.67, count: 3 });
    expect(report.feedback.delivery_high_share).toMatchObject({
      value: 0.6667,
      numerator: 2,
      denominator: 3,
    });
    // Imports send no survey: the response rate of the day has nothing to count.
    expect(report.feedback.response_rate.value).toBeNull();

    const feedbackMetric = (r: { metric: string }) =>
      r.metric.startsWith('feedback_') || r.metric.startsWith('tickets_csat_');
    expect((await rollupFacts()).filter(feedbackMetric)).toEqual(
      (await directFacts()).filter(feedbackMetric),
    );
  });
});

describe('the feedback API', () => {
  it('imports idempotently, refuses bad fields by name, and lists with filters and cursors', async () => {
    const key = await makeApiKey(['feedback:write', 'feedback:read']);
    const { order } = await shippedOrder('api@example.com', ['FB-2']);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      importFeedback(
        apiRequest('/api/v1/feedback', { method: 'POST', key: key.key, body, headers }),
        routeContext(),
      );
    const body = {
      external_order_id: (await db.order.findUniqueOrThrow({ where: { id: order.id } })).externalId,
      channel: 'web',
      rating: 3,
      comment: 'Packaging was crushed',
      answered_at: '2026-11-29T08:00:00Z',
    };
    const first = await post(body);
    expect(first.status).toBe(201);
    const created = (await first.json()) as {
      id: string;
      order_id: string;
      skus: string[];
      kind: string;
      rating: number;
    };
    expect(created).toMatchObject({
      kind: 'order',
      rating: 3,
      order_id: order.id,
      skus: ['FB-2'],
      themes: [],
    });
    const again = await post(body);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    expect(await db.feedbackAnswer.count({ where: { orderId: order.id } })).toBe(1);
    expect((await post({ ...body, rating: 1 })).status).toBe(409);

    for (const [patch, field] of [
      [{ rating: 6 }, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{ comment: 'x'.repeat(2001) }, 'comment'],
      [{ comment: 'a\u0000b' }, 'comment'],
      [{ channel: 'fax' }, 'channel'],
      [{ answered_at: 'yesterday' }, 'answered_at'],
      [{ order_id: order.id }, 'order_id'],
    ] as const) {
      const res = await post({ ...body, ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(422);
      const err = (await res.json()) as { error: { details: { field: string }[] } };
      expect(err.error.details.map((d) => d.field)).toContain(field);
    }
    const missing = await post({ ...body, external_order_id: 'nope' });
    expect(missing.status).toBe(422);

    const list = async (q: string) => {
      const res = await listFeedback(apiRequest(`/api/v1/feedback?${q}`, { key: key.key }), routeContext());
      expect(res.status).toBe(200);
      return (await res.json()) as {
        data: { id: string; rating: unknown; kind: string }[];
        next_cursor: string | null;
      };
    };
    expect((await list('sku=FB-2&rating=3')).data.map((d) => d.id)).toContain(created.id);
    expect((await list('sku=FB-2&rating=4')).data.map((d) => d.id)).not.toContain(created.id);
    expect((await list('rating=good')).data.every((d) => d.kind === 'ticket' && d.rating === 'good')).toBe(
      true,
    );
    expect((await list('from=2026-11-29&to=2026-11-29')).data.map((d) => d.id)).toEqual([created.id]);
    const page1 = await list('limit=2');
    expect(page1.data).toHaveLength(2);
    const page2 = await list(`limit=2&cursor=${page1.next_cursor}`);
    expect(page2.data.map((d) => d.id)).not.toContain(page1.data[0].id);
    const badRating = await listFeedback(
      apiRequest('/api/v1/feedback?rating=9', { key: key.key }),
      routeContext(),
    );
    expect(badRating.status).toBe(422);
    const forged = await listFeedback(
      apiRequest('/api/v1/feedback?cursor=abc.def', { key: key.key }),
      routeContext(),
    );
    expect(forged.status).toBe(422);
    const noScope = await makeApiKey(['orders:read']);
    expect(
      (await listFeedback(apiRequest('/api/v1/feedback', { key: noScope.key }), routeContext())).status,
    ).toBe(403);
  });
});

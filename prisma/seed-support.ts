import { Faker, en } from '@faker-js/faker';
import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import {
  slaDueTimes,
  type SlaCalendar,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from '@/lib/support/rules';

/** Canned replies of the demo desk; every placeholder in them exists (lib/support/rules.ts PLACEHOLDERS). */
export const SEED_CANNED_REPLIES = [
  {
    name: 'Greeting',
    body:
      'Hi {{customer.first_name}},\n\nThanks for getting in touch about this. I am looking into it now and ' +
      'will get back to you shortly.\n\n{{agent.name}}',
  },
  {
    name: 'Where is my order (shipped)',
    body:
      'Hi {{customer.first_name}},\n\nYour order #{{order.number}} is on its way with {{tracking.carrier}}. ' +
      'You can follow it here: {{tracking.url}}\n\nBest,\n{{agent.name}}',
  },
  {
    name: 'Return instructions',
    body:
      'Hi {{customer.first_name}},\n\nSorry the item did not work out. I have started a return for order ' +
      '#{{order.number}}; you will receive a prepaid label by email. Once the parcel reaches us we refund ' +
      'you within 3 business days.\n\n{{agent.name}}',
  },
  {
    name: 'Refund issued',
    body:
      'Hi {{customer.first_name}},\n\nWe have refunded order #{{order.number}}. Depending on your bank it ' +
      'shows on your statement within 5–10 days.\n\n{{agent.name}}, {{shop.name}}',
  },
  {
    name: 'Closing follow-up',
    body:
      'Hi {{customer.first_name}},\n\nI am marking ticket #{{ticket.number}} as solved. Just reply to this ' +
      'email if anything else comes up.\n\n{{agent.name}}',
  },
];

type Scenario = {
  subject: string;
  body: string;
  tags: string[];
  order: boolean;
  channel: TicketChannel;
  priority: TicketPriority;
};

const SCENARIOS: Scenario[] = [
  {
    subject: 'Where is my order?',
    body: 'Hi, I ordered over a week ago and have not received anything yet. Can you check?',
    tags: ['wismo'],
    order: true,
    channel: 'email',
    priority: 'normal',
  },
  {
    subject: 'Package arrived damaged',
    body: 'The box was crushed and the mug inside is cracked. Photos attached.',
    tags: ['damaged'],
    order: true,
    channel: 'email',
    priority: 'high',
  },
  {
    subject: 'Wrong size sent',
    body: 'I ordered a medium but received a large. How do I exchange it?',
    tags: ['exchange', 'wrong-item'],
    order: true,
    channel: 'web',
    priority: 'normal',
  },
  {
    subject: 'Cancel my order please',
    body: 'I placed an order by mistake this morning, please cancel it before it ships.',
    tags: ['cancellation'],
    order: true,
    channel: 'chat',
    priority: 'urgent',
  },
  {
    subject: 'Refund not received',
    body: 'You said my refund was processed two weeks ago but I do not see it on my card.',
    tags: ['refund'],
    order: true,
    channel: 'email',
    priority: 'high',
  },
  {
    subject: 'Do the hoodies run small?',
    body: 'I am usually a medium, should I size up for the hoodie?',
    tags: ['pre-sale'],
    order: false,
    channel: 'web',
    priority: 'low',
  },
  {
    subject: 'Change shipping address',
    body: 'I moved last week — can you send my order to my new address instead?',
    tags: ['address-change'],
    order: true,
    channel: 'phone',
    priority: 'high',
  },
  {
    subject: 'Missing item in parcel',
    body: 'My parcel only had the tote bag, the notebook was not in it.',
    tags: ['missing-item'],
    order: true,
    channel: 'email',
    priority: 'normal',
  },
  {
    subject: 'Wholesale enquiry',
    body: 'We run a small gift shop and would like to stock your candles. Do you offer wholesale prices?',
    tags: ['wholesale'],
    order: false,
    channel: 'email',
    priority: 'low',
  },
  {
    subject: 'Tracking link does not work',
    body: 'The tracking number in your email says "not found" on the carrier site.',
    tags: ['wismo', 'tracking'],
    order: true,
    channel: 'social',
    priority: 'normal',
  },
  {
    subject: 'Discount code not applied',
    body: 'I used WELCOME10 at checkout but was charged full price.',
    tags: ['billing'],
    order: true,
    channel: 'chat',
    priority: 'normal',
  },
  {
    subject: 'Gift wrapping',
    body: 'Can you gift wrap my order and leave out the packing slip? It is a present.',
    tags: ['gift'],
    order: true,
    channel: 'web',
    priority: 'low',
  },
];

const AGENT_REPLIES = [
  'Thanks for reaching out — I have looked into this and will update you as soon as I hear from the warehouse.',
  'Sorry about that! I have arranged a replacement; you will get a shipping confirmation by email.',
  'I have checked with the carrier: the parcel is moving again and should arrive in 2–3 days.',
  'All sorted — I have updated your order. Let me know if there is anything else.',
];
const CUSTOMER_FOLLOW_UPS = [
  'Thank you, that helps!',
  'Any update on this?',
  'Great, received it today. Thanks!',
  'I still have not heard anything, can you check again?',
];
const NOTES = [
  'Checked with the warehouse: picked and packed on time.',
  'Carrier claim opened.',
  'VIP customer — handle with care.',
  'Offered 10% off the next order as goodwill.',
];

/**
 * Demo support desk: canned replies and a few dozen tickets in realistic states (open, some past their
 * SLA; pending on the customer; solved; closed), with threads of customer messages, agent replies
 * and internal notes, due times from the SLA policies and recorded first-response/resolution times.
 * Written directly (no outbox: demo replies were "sent" in the past). Idempotent: nothing when tickets exist.
 */
export async function seedSupport(
  db: PrismaClient,
  options: { count?: number; seed?: number; now?: Date; log?: (line: string) => void } = {},
): Promise<{ tickets: number; messages: number; cannedReplies: number }> {
  const log = options.log ?? (() => {});
  if ((await db.ticket.count()) > 0) return { tickets: 0, messages: 0, cannedReplies: 0 };
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 6006);
  const now = options.now ?? new Date();
  const count = options.count ?? 36;

  const canned = await db.cannedReply.createMany({ data: SEED_CANNED_REPLIES, skipDuplicates: true });

  const settings = await db.supportSettings.findUnique({ where: { id: 1 } });
  const shop = await db.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  const calendar: SlaCalendar = settings?.businessHoursOnly
    ? {
        mode: 'business',
        timeZone: shop?.timezone ?? 'UTC',
        days: settings.businessDays,
        opensAt: settings.opensAtMinute,
        closesAt: settings.closesAtMinute,
      }
    : { mode: 'always' };
  const policies = new Map((await db.slaPolicy.findMany()).map((p) => [p.priority, p]));
  const agents = await db.user.findMany({
    where: { role: { in: ['support', 'manager'] }, active: true },
    select: { id: true, name: true, email: true },
    orderBy: { email: 'desc' },
  });
  const orders = await db.order.findMany({
    orderBy: { placedAt: 'desc' },
    take: 200,
    select: { id: true, customerId: true, placedAt: true },
  });
  const customers = await db.customer.findMany({
    take: 200,
    orderBy: { email: 'asc' },
    select: { id: true, firstName: true, lastName: true },
  });
  if (!customers.length) return { tickets: 0, messages: 0, cannedReplies: canned.count };
  const customerById = new Map(customers.map((c) => [c.id, c]));
  const orderCustomers = await db.customer.findMany({
    where: { id: { in: [...new Set(orders.map((o) => o.customerId))] } },
    select: { id: true, firstName: true, lastName: true },
  });
  for (const c of orderCustomers) customerById.set(c.id, c);

  // States in a realistic mix, oldest tickets mostly finished.
  const statusPlan: TicketStatus[] = Array.from({ length: count }, (_, i) => {
    const r = i / count;
    return r < 0.35 ? 'open' : r < 0.5 ? 'pending' : r < 0.8 ? 'solved' : 'closed';
  });
  let messages = 0;
  for (let i = 0; i < count; i++) {
    const scenario = SCENARIOS[i % SCENARIOS.length];
    const status = statusPlan[i];
    const order = scenario.order && orders.length ? orders[(i * 7) % orders.length] : null;
    const customer = order ? customerById.get(order.customerId)! : customers[(i * 13) % customers.length];
    // open tickets from the last 3 days, others up to 3 weeks back
    const ageHours =
      status === 'open'
        ? faker.number.float({ min: 0.2, max: 72 })
        : faker.number.float({ min: 24, max: 21 * 24 });
    const createdAt = new Date(now.getTime() - ageHours * 3_600_000);
    const priority: TicketPriority = i % 9 === 4 ? 'urgent' : scenario.priority;
    const policy = policies.get(priority);
    if (!policy) continue;
    const due = slaDueTimes(createdAt, policy, calendar);
    const agent = agents.length && (status !== 'open' || i % 3 === 0) ? agents[i % agents.length] : null;
    const customerName = `${customer.firstName} ${customer.lastName}`.trim();

    const thread: {
      kind: 'customer' | 'reply' | 'note';
      body: string;
      at: Date;
      author: { type: string; id: string | null; label: string };
    }[] = [
      {
        kind: 'customer',
        body: scenario.body,
        at: createdAt,
        author: { type: 'customer', id: customer.id, label: customerName },
      },
    ];
    const span = Math.max(now.getTime() - createdAt.getTime(), 60_000);
    const step = (f: number) => new Date(createdAt.getTime() + span * f);
    const replied = status !== 'open' || i % 4 === 1;
    if (agent && replied) {
      thread.push({
        kind: 'reply',
        body: AGENT_REPLIES[i % AGENT_REPLIES.length],
        at: step(0.25),
        author: { type: 'user', id: agent.id, label: agent.name },
      });
      if (i % 3 === 0)
        thread.push({
          kind: 'note',
          body: NOTES[i % NOTES.length],
          at: step(0.3),
          author: { type: 'user', id: agent.id, label: agent.name },
        });
      if (status === 'solved' || status === 'closed' || i % 2 === 0)
        thread.push({
          kind: 'customer',
          body: CUSTOMER_FOLLOW_UPS[i % CUSTOMER_FOLLOW_UPS.length],
          at: step(0.5),
          author: { type: 'customer', id: customer.id, label: customerName },
        });
      if (status === 'solved' || status === 'closed')
        thread.push({
          kind: 'reply',
          body: 'Glad to hear it — I am marking this as solved. Just reply if anything else comes up.',
          at: step(0.6),
          author: { type: 'user', id: agent.id, label: agent.name },
        });
    }
    const firstReply = thread.find((m) => m.kind === 'reply');
    const solvedAt = status === 'solved' || status === 'closed' ? step(0.65) : null;
    const closedAt = status === 'closed' ? step(0.9) : null;
    const lastMessageAt = thread.filter((m) => m.kind !== 'note').at(-1)!.at;

    const ticket = await db.ticket.create({
      data: {
        subject: scenario.subject,
        customerId: customer.id,
        orderId: order?.id ?? null,
        channel: scenario.channel,
        status,
        priority,
        assigneeId: agent?.id ?? null,
        tags: scenario.tags,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        firstRespondedAt: firstReply?.at ?? null,
        solvedAt,
        closedAt,
        lastMessageAt,
        createdAt,
        updatedAt: closedAt ?? solvedAt ?? lastMessageAt,
      },
      select: { id: true },
    });
    await db.ticketMessage.createMany({
      data: thread.map((m) => ({
        ticketId: ticket.id,
        kind: m.kind,
        body: m.body,
        authorType: m.author.type,
        authorId: m.author.id,
        authorLabel: m.author.label,
        createdAt: m.at,
      })),
    });
    messages += thread.length;
  }
  log(`support: ${count} tickets, ${messages} messages, ${canned.count} canned replies`);
  return { tickets: count, messages, cannedReplies: canned.count };
}

import { Faker, en } from '@faker-js/faker';
import { seedActors } from '@/prisma/seed-actors';
import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { requestReturn } from '@/lib/returns/request-return';
import { approveReturn } from '@/lib/returns/approve-return';
import { rejectReturn } from '@/lib/returns/reject-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { closeReturn } from '@/lib/returns/close-return';
import { exchangeReturn } from '@/lib/returns/exchange-return';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import type { Disposition, ReturnReason } from '@/lib/returns/rules';
import { lookupZone } from '@/lib/shipping/rules';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * What customers send things back for, most often first (lib/returns/rules.ts RETURN_REASONS);
 * "does not fit" only for sized things.
 */
const REASON_WEIGHTS: { value: ReturnReason; weight: number }[] = [
  { value: 'does_not_fit', weight: 45 },
  { value: 'changed_mind', weight: 20 },
  { value: 'defective', weight: 10 },
  { value: 'damaged_in_transit', weight: 7 },
  { value: 'not_as_described', weight: 8 },
  { value: 'wrong_item', weight: 5 },
  { value: 'other', weight: 5 },
];
/** Variant titles with a size ("Navy / M"). */
const SIZED = /\b(XXS|XS|S|M|L|XL|XXL)\b/;
/** The shop's (or the carrier's) fault: the customer also gets the shipping back, and pays no fee. */
const SHOP_FAULT = new Set<ReturnReason>([
  'defective',
  'damaged_in_transit',
  'wrong_item',
  'not_as_described',
]);
const REJECTIONS = [
  'This item was marked final sale, so we cannot take it back. Sorry about that!',
  'Your request reached us after our 30-day return window, so we cannot accept a return this time.',
  'The photos show the item has been worn and washed; we cannot resell it, so we cannot accept this return.',
];
const GOODWILL = [
  'Parcel arrived five days late; 15% back as an apology',
  'Box arrived scuffed; customer kept the item',
  'Discount code was not applied at checkout',
  'Gift note was missing from the parcel',
];

type Step =
  'request' | 'approve' | 'reject' | 'receive_part' | 'receive' | 'inspect' | 'refund' | 'exchange' | 'close';
type PlanLine = { sku: string; quantity: number; reason: ReturnReason; disposition: Disposition };
type Plan = {
  orderId: string;
  orderNumber: number;
  shippingAmount: number;
  lines: PlanLine[];
  resolution: 'refund' | 'exchange';
  label: boolean;
  /** when each step happens; steps later than now have not happened yet */
  at: Partial<Record<Step, Date>>;
  exchangeSkus: string[];
  /** support issues the refund (above its limit it waits for a manager) */
  supportRefund?: boolean;
  returnId?: string;
  refundId?: string;
  exchangeOrderId?: string;
};
type Event = { at: Date; step: Step; plan: Plan } | { at: Date; step: 'goodwill'; goodwill: Goodwill };
type Goodwill = { orderId: string; amount: number; reason: string; refundId?: string };

/**
 * Demo returns and refunds, through the real use cases (lib/returns, lib/refunds): about `rate` of the
 * delivered orders get a return request a few days after delivery, with weighted reasons. Most are
 * approved (many with a prepaid label), travel back, are received (a few in two parcels), inspected
 * (restocked, or damaged/scrapped when defective or broken in transit) and refunded — restocking fee
 * and shipping as the rules apply them; one becomes an exchange; a few are rejected or closed when
 * the parcel never came. Recent ones are still requested, approved or received, so the queues have
 * work, and recent refunds above the support limit wait for a manager. A few goodwill refunds too.
 * Every step runs at "now" and is then dated when it would have happened (backdateReturns); customer
 * emails the steps queue are removed in the step's own transaction (demo history, never sent).
 * Rebuild the KPI rollups afterwards (bootstrap does). Idempotent: nothing when returns or refunds exist.
 */
export async function seedReturns(
  db: PrismaClient,
  options: { rate?: number; seed?: number; now?: Date; log?: (line: string) => void } = {},
): Promise<{ returns: number; refunds: number; goodwill: number; exchanges: number; emailsDropped: number }> {
  const log = options.log ?? (() => {});
  const none = { returns: 0, refunds: 0, goodwill: 0, exchanges: 0, emailsDropped: 0 };
  if ((await db.return.count()) > 0 || (await db.refund.count()) > 0) return none;
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 5005);
  const started = Date.now();
  const now = (options.now ?? new Date()).getTime();
  const rate = options.rate ?? 0.05;

  const orders = await db.$queryRaw<
    {
      id: string;
      number: number;
      shipping_amount: number;
      amount_paid: number;
      delivered_at: Date;
      country: string;
      postal_code: string;
    }[]
  >`
    SELECT o.id::text, o.number, o.shipping_amount, o.amount_paid, max(s.delivered_at) AS delivered_at,
           o.shipping_address->>'country' AS country, o.shipping_address->>'postal_code' AS postal_code
    FROM orders o JOIN shipments s ON s.order_id = o.id
    WHERE o.status = 'delivered' AND o.payment_status = 'paid' AND o.external_id LIKE 'SEED-%' AND
      s.delivered_at IS NOT NULL
    GROUP BY o.id ORDER BY o.placed_at, o.id`;
  if (!orders.length) return none;
  const lineRows = await db.$queryRaw<
    {
      order_id: string;
      sku: string;
      quantity: number;
      unit_price: number;
      title: string;
      product_id: string;
    }[]
  >`
    SELECT ol.order_id::text, ol.sku, ol.quantity_fulfilled AS quantity, ol.unit_price, v.title, v.product_id::text
    FROM order_lines ol JOIN variants v ON v.id = ol.variant_id
    WHERE ol.order_id = ANY(${orders.map((o) => o.id)}::uuid[]) AND ol.quantity_fulfilled > 0
    ORDER BY ol.order_id, ol.sku`;
  const linesByOrder = new Map<string, typeof lineRows>();
  for (const l of lineRows) linesByOrder.set(l.order_id, [...(linesByOrder.get(l.order_id) ?? []), l]);
  const variants = await db.variant.findMany({
    where: { status: 'active' },
    select: { sku: true, productId: true, title: true },
    orderBy: { sku: 'asc' },
  });
  const byProduct = new Map<string, string[]>();
  for (const v of variants) byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v.sku]);
  // A prepaid label only where the carriers route (the demo zone chart leaves a few ZIP prefixes out).
  const zones =
    (await db.carrierService.count()) > 0
      ? (
          await db.shippingZone.findMany({
            select: { country: true, postalFrom: true, postalTo: true, zone: true },
          })
        ).map((z) => ({ country: z.country, postal_from: z.postalFrom, postal_to: z.postalTo, zone: z.zone }))
      : [];

  const actorFor = await seedActors(db);
  const support = actorFor('support');
  const warehouse = actorFor('warehouse');
  const manager = actorFor('manager');

  const jitter = (min: number, max: number) => faker.number.float({ min, max }) * HOUR;
  const routable = (o: (typeof orders)[number]) =>
    !!o.postal_code && lookupZone(zones, o.country, o.postal_code) !== null;
  /**
   * Reason and disposition per line: a weighted reason (only sized things fail to fit); faults are
   * damaged or scrapped.
   */
  const planLines = (chosen: typeof lineRows): PlanLine[] =>
    chosen.map((l) => {
      let reason = faker.helpers.weightedArrayElement(REASON_WEIGHTS);
      if (reason === 'does_not_fit' && !SIZED.test(l.title))
        reason = faker.helpers.weightedArrayElement(REASON_WEIGHTS.filter((r) => r.value !== 'does_not_fit'));
      const d = faker.number.float();
      const disposition: Disposition =
        reason === 'defective'
          ? d < 0.6
            ? 'scrap'
            : 'damaged'
          : reason === 'damaged_in_transit'
            ? d < 0.5
              ? 'damaged'
              : 'scrap'
            : d < 0.92
              ? 'restock'
              : 'damaged';
      return {
        sku: l.sku,
        quantity: l.quantity > 1 && faker.number.float() < 0.4 ? 1 : l.quantity,
        reason,
        disposition,
      };
    });
  /** The steps up to `last`, the last one at `at`, each earlier one a realistic while before the next. */
  const backwards = (
    last: 'request' | 'approve' | 'receive' | 'inspect' | 'refund',
    at: number,
  ): Plan['at'] => {
    const steps = ['request', 'approve', 'receive', 'inspect', 'refund'] as const;
    const before: Record<(typeof steps)[number], [number, number]> = {
      request: [0, 0],
      approve: [2, 24],
      receive: [72, 150],
      inspect: [2, 20],
      refund: [4, 24],
    };
    const out: Plan['at'] = {};
    for (let i = steps.indexOf(last), t = at; i >= 0; i--) {
      out[steps[i]] = new Date(t);
      t -= jitter(...before[steps[i]]);
    }
    return out;
  };

  // Clothes come back about four times as often as mugs and candles, `rate` of the orders overall.
  const hasSized = (o: { id: string }) => (linesByOrder.get(o.id) ?? []).some((l) => SIZED.test(l.title));
  const base = rate / (1 + (3 * orders.filter(hasSized).length) / orders.length);
  const plans: Plan[] = [];
  const returned = new Set<string>();
  for (const o of orders) {
    // Every order draws the same numbers whether or not it is picked, so the picks stay stable.
    const pick = faker.number.float();
    const requestAt = o.delivered_at.getTime() + jitter(20, 12 * 24);
    const fate = faker.number.float();
    const lines = linesByOrder.get(o.id) ?? [];
    const sized = lines.filter((l) => SIZED.test(l.title));
    if (pick >= base * (sized.length ? 4 : 1) || !lines.length || requestAt > now - HOUR) continue;
    const chosen =
      lines.length > 1 && faker.number.float() < 0.75
        ? [faker.helpers.arrayElement(sized.length ? sized : lines)]
        : lines;
    const returnLines = planLines(chosen);
    const at: Plan['at'] = { request: new Date(requestAt) };
    const approveAt = requestAt + jitter(1, 30);
    if (fate < 0.07) {
      at.reject = new Date(approveAt);
    } else {
      at.approve = new Date(approveAt);
      if (fate < 0.11) {
        at.close = new Date(approveAt + 30 * DAY); // the parcel never came
      } else {
        const units = returnLines.reduce((s, l) => s + l.quantity, 0);
        const arrives = approveAt + jitter(3 * 24, 8 * 24);
        if (units > 1 && faker.number.float() < 0.3) {
          at.receive_part = new Date(arrives);
          at.receive = new Date(arrives + jitter(30, 5 * 24));
        } else at.receive = new Date(arrives);
        at.inspect = new Date(at.receive.getTime() + jitter(4, 48));
        at.refund = new Date(at.inspect.getTime() + jitter(12, 72));
      }
    }
    const label = faker.number.float() < 0.7 && routable(o);
    plans.push({
      orderId: o.id,
      orderNumber: o.number,
      shippingAmount: o.shipping_amount,
      lines: returnLines,
      resolution: 'refund',
      label,
      at,
      exchangeSkus: [],
    });
    returned.add(o.id);
  }

  // Work in the queues whatever the draws: the latest deliveries bring two fresh requests, two
  // approved parcels on their way and one received parcel waiting for inspection.
  const latest = [...orders].sort((a, b) => b.delivered_at.getTime() - a.delivered_at.getTime());
  for (const last of ['request', 'request', 'approve', 'approve', 'receive'] as const) {
    const at = backwards(last, now - jitter(1, 20));
    const o = latest.find(
      (x) =>
        !returned.has(x.id) &&
        linesByOrder.has(x.id) &&
        x.delivered_at.getTime() + 12 * HOUR < at.request!.getTime(),
    );
    if (!o) continue;
    const lines = linesByOrder.get(o.id)!;
    plans.push({
      orderId: o.id,
      orderNumber: o.number,
      shippingAmount: o.shipping_amount,
      lines: planLines([faker.helpers.arrayElement(lines)]),
      resolution: 'refund',
      label: routable(o),
      at,
      exchangeSkus: [],
    });
    returned.add(o.id);
  }
  // A couple of returns of expensive things that support refunded in the last day: above the
  // support limit, so they wait for a manager's approval.
  const limit =
    (await db.shopSettings.findUnique({ where: { id: 1 }, select: { supportRefundLimit: true } }))
      ?.supportRefundLimit ?? 10_000;
  const big = orders
    .filter(
      (o) =>
        !returned.has(o.id) &&
        o.delivered_at.getTime() < now - 10 * DAY &&
        o.delivered_at.getTime() > now - 40 * DAY,
    )
    .map((o) => ({
      o,
      line: (linesByOrder.get(o.id) ?? []).find((l) => l.unit_price * l.quantity > limit * 1.15),
    }))
    .filter((x) => !!x.line)
    .slice(-2);
  for (const { o, line } of big) {
    const reason = faker.helpers.arrayElement(['defective', 'not_as_described'] as const);
    plans.push({
      orderId: o.id,
      orderNumber: o.number,
      shippingAmount: o.shipping_amount,
      resolution: 'refund',
      exchangeSkus: [],
      supportRefund: true,
      lines: [
        {
          sku: line!.sku,
          quantity: line!.quantity,
          reason,
          disposition: reason === 'defective' ? 'damaged' : 'restock',
        },
      ],
      label: routable(o),
      at: backwards('refund', now - jitter(2, 20)),
    });
    returned.add(o.id);
  }
  // One customer swaps a garment for another size (the same colour first): exchanged yesterday or
  // so, its replacement order waits to be shipped.
  const swap = orders
    .filter(
      (o) =>
        !returned.has(o.id) &&
        o.delivered_at.getTime() < now - 9 * DAY &&
        o.delivered_at.getTime() > now - 40 * DAY,
    )
    .map((o) => ({
      o,
      line: (linesByOrder.get(o.id) ?? []).find(
        (l) => SIZED.test(l.title) && (byProduct.get(l.product_id) ?? []).length > 1,
      ),
    }))
    .filter((x) => !!x.line)
    .at(-1);
  if (swap) {
    const { o, line } = swap;
    const colour = line!.title.split(' / ')[0];
    const siblings = variants
      .filter((v) => v.productId === line!.product_id && v.sku !== line!.sku)
      .sort((a, b) => Number(!b.title.startsWith(colour)) - Number(!a.title.startsWith(colour)))
      .map((v) => v.sku);
    const at = backwards('refund', now - jitter(6, 30));
    at.exchange = at.refund;
    delete at.refund;
    plans.push({
      orderId: o.id,
      orderNumber: o.number,
      shippingAmount: o.shipping_amount,
      resolution: 'exchange',
      exchangeSkus: siblings,
      lines: [{ sku: line!.sku, quantity: line!.quantity, reason: 'does_not_fit', disposition: 'restock' }],
      label: routable(o),
      at,
    });
    returned.add(o.id);
  }
  // A few goodwill refunds on orders that were not returned.
  const goodwill: { at: Date; goodwill: Goodwill }[] = [];
  const others = orders.filter((o) => !returned.has(o.id) && o.amount_paid > 2_000);
  for (let i = 0; i < 4 && others.length; i++) {
    const o = others[Math.floor((others.length * (i * 2 + 1)) / 8)];
    const at = o.delivered_at.getTime() + jitter(12, 72);
    if (at > now - HOUR) continue;
    goodwill.push({
      at: new Date(at),
      goodwill: {
        orderId: o.id,
        amount: Math.max(500, Math.round((o.amount_paid * 0.15) / 100) * 100),
        reason: GOODWILL[i % GOODWILL.length],
      },
    });
  }

  const events: Event[] = [
    ...plans.flatMap((plan) =>
      (Object.entries(plan.at) as [Step, Date][])
        .filter(([, at]) => at.getTime() <= now)
        .map(([step, at]) => ({ at, step, plan })),
    ),
    ...goodwill.map((g) => ({ at: g.at, step: 'goodwill' as const, goodwill: g.goodwill })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());

  let emailsDropped = 0;
  const BATCH = 60;
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH);
    await db.$transaction(
      async (tx) => {
        for (const e of batch) {
          if (e.step === 'goodwill') {
            const r = await createGoodwillRefund(
              {
                input: { order_id: e.goodwill.orderId, amount: e.goodwill.amount, reason: e.goodwill.reason },
                actor: manager,
              },
              tx,
            );
            e.goodwill.refundId = r.id;
            continue;
          }
          const p = e.plan;
          const id = p.returnId!;
          switch (e.step) {
            case 'request':
              p.returnId = (
                await requestReturn(
                  {
                    input: {
                      order_id: p.orderId,
                      resolution: p.resolution,
                      lines: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reason: l.reason })),
                    },
                    actor: support,
                  },
                  tx,
                )
              ).id;
              break;
            case 'approve':
              await approveReturn({ returnId: id, input: { issue_label: p.label }, actor: support }, tx);
              break;
            case 'reject':
              await rejectReturn(
                { returnId: id, input: { message: faker.helpers.arrayElement(REJECTIONS) }, actor: support },
                tx,
              );
              break;
            case 'receive_part': {
              // The first parcel: everything but one unit of the last line.
              const lines = p.lines
                .map((l, i) => ({
                  sku: l.sku,
                  quantity: i === p.lines.length - 1 ? l.quantity - 1 : l.quantity,
                }))
                .filter((l) => l.quantity > 0);
              await receiveReturn({ returnId: id, input: { lines }, actor: warehouse }, tx);
              break;
            }
            case 'receive': {
              const lines = p.at.receive_part
                ? [{ sku: p.lines.at(-1)!.sku, quantity: 1 }]
                : p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
              await receiveReturn({ returnId: id, input: { lines }, actor: warehouse }, tx);
              break;
            }
            case 'inspect':
              await inspectReturn(
                {
                  returnId: id,
                  input: {
                    lines: p.lines.map((l) => ({
                      sku: l.sku,
                      quantity: l.quantity,
                      disposition: l.disposition,
                    })),
                  },
                  actor: warehouse,
                },
                tx,
              );
              break;
            case 'refund': {
              const shopFault = p.lines.some((l) => SHOP_FAULT.has(l.reason));
              // Support issues recent refunds itself; above its limit they wait for a manager.
              const actor = p.supportRefund || now - e.at.getTime() < 5 * DAY ? support : manager;
              const r = await refundReturn(
                {
                  returnId: id,
                  input: {
                    shipping_amount: shopFault ? p.shippingAmount : 0,
                    waive_restocking_fee: faker.number.float() < 0.1,
                  },
                  actor,
                },
                tx,
              );
              p.refundId = r.id;
              break;
            }
            case 'exchange': {
              const want = p.lines[0].quantity;
              const [sku] = await tx.$queryRaw<{ sku: string }[]>`
                SELECT v.sku FROM variants v JOIN stock_levels l ON l.variant_id = v.id
                WHERE v.sku = ANY(${p.exchangeSkus}) GROUP BY v.sku HAVING sum(l.on_hand -
                  l.reserved) >= ${want} ORDER BY array_position(${p.exchangeSkus}, v.sku) LIMIT 1`;
              if (sku) {
                const r = await exchangeReturn(
                  { returnId: id, input: { lines: [{ sku: sku.sku, quantity: want }] }, actor: support },
                  tx,
                );
                p.exchangeOrderId = (
                  await tx.return.findUniqueOrThrow({ where: { id }, select: { exchangeOrderId: true } })
                ).exchangeOrderId!;
                p.refundId = (
                  await tx.refund.findFirstOrThrow({
                    where: { returnId: r.id, kind: 'exchange' },
                    select: { id: true },
                  })
                ).id;
              } else {
                p.refundId = (await refundReturn({ returnId: id, input: {}, actor: manager }, tx)).id;
                p.at.refund = p.at.exchange;
                delete p.at.exchange;
              }
              break;
            }
            case 'close':
              await closeReturn(
                { returnId: id, note: 'The parcel never arrived; closed after 30 days.', actor: manager },
                tx,
              );
              break;
          }
        }
        // Demo history: its customer emails were never meant to go out (nor to wait in the outbox).
        const orderIds = batch.map((e) => (e.step === 'goodwill' ? e.goodwill.orderId : e.plan.orderId));
        emailsDropped +=
          await tx.$executeRaw`DELETE FROM outbox_messages WHERE order_id = ANY(${orderIds}::uuid[])
            AND status = 'pending'`;
      },
      { timeout: 120_000 },
    );
  }

  await backdateReturns(
    db,
    plans.filter((p) => p.returnId),
    goodwill.filter((g) => g.goodwill.refundId),
    now,
  );
  const refunds = await db.refund.count();
  const exchanges = plans.filter((p) => p.exchangeOrderId).length;
  const done = plans.filter((p) => p.returnId).length;
  log(
    `returns: ${done} returns (${exchanges} exchanged), ${refunds} refunds (${goodwill.length} goodwill); ` +
      `${emailsDropped} demo emails not queued (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return {
    returns: done,
    refunds,
    goodwill: goodwill.filter((g) => g.goodwill.refundId).length,
    exchanges,
    emailsDropped,
  };
}

/**
 * Dates the returns history as it happened (as backdateHistory in seed-orders.ts does for orders):
 * each return's rows, audit rows, label and inspection entries, restock/damaged movements and cost
 * layers, its refund with its entry and audit rows, and an exchange's replacement order, all at the
 * planned time of their step. Append-only guards are lifted for this one transaction only.
 */
async function backdateReturns(
  db: PrismaClient,
  plans: Plan[],
  goodwill: { at: Date; goodwill: Goodwill }[],
  now: number,
) {
  const guarded = ['stock_movements', 'journal_entries', 'journal_lines', 'audit_log'];
  const t = (d: Date | undefined) => d ?? null;
  const ret = plans.map((p) => {
    const settled = p.at.refund ?? p.at.exchange;
    const last = [
      p.at.request,
      p.at.approve,
      p.at.reject,
      p.at.receive_part,
      p.at.receive,
      p.at.inspect,
      settled,
      p.at.close,
    ]
      .filter((d): d is Date => !!d && d.getTime() <= now)
      .sort((a, b) => a.getTime() - b.getTime())
      .at(-1)!;
    return {
      id: p.returnId!,
      requested: p.at.request!,
      approved: t(p.at.approve),
      rejected: t(p.at.reject),
      first: t(p.at.receive_part),
      received: t(p.at.receive),
      inspected: t(p.at.inspect),
      settled: t(settled),
      closed: t(p.at.close),
      last,
    };
  });
  const refunds = [
    ...plans.filter((p) => p.refundId).map((p) => ({ id: p.refundId!, at: (p.at.refund ?? p.at.exchange)! })),
    ...goodwill.map((g) => ({ id: g.goodwill.refundId!, at: g.at })),
  ];
  const exchanges = plans
    .filter((p) => p.exchangeOrderId)
    .map((p) => ({ id: p.exchangeOrderId!, at: p.at.exchange! }));
  const col = <K extends keyof (typeof ret)[number]>(k: K) => ret.map((r) => r[k]);

  await db.$transaction(
    async (tx) => {
      for (const g of guarded) await tx.$executeRawUnsafe(`ALTER TABLE "${g}" DISABLE TRIGGER USER`);
      await tx.$executeRaw`
      CREATE TEMP TABLE seed_return_times (id uuid PRIMARY KEY, requested timestamptz, approved
        timestamptz, rejected timestamptz, first timestamptz,
        received timestamptz, inspected timestamptz, settled timestamptz, closed timestamptz, last
          timestamptz) ON COMMIT DROP`;
      await tx.$executeRaw`
      INSERT INTO seed_return_times SELECT * FROM unnest(${col('id')}::uuid[],
        ${col('requested')}::timestamptz[], ${col('approved')}::timestamptz[],
        ${col('rejected')}::timestamptz[], ${col('first')}::timestamptz[],
          ${col('received')}::timestamptz[], ${col('inspected')}::timestamptz[],
        ${col('settled')}::timestamptz[], ${col('closed')}::timestamptz[], ${col('last')}::timestamptz[])`;
      await tx.$executeRaw`CREATE TEMP TABLE seed_refund_times (id uuid PRIMARY KEY, at timestamptz) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO seed_refund_times SELECT * FROM
        unnest(${refunds.map((r) => r.id)}::uuid[], ${refunds.map((r) => r.at)}::timestamptz[])`;

      // Returns: requested, approved, (latest) received, closed/rejected; the receipt that was not the
      // last is the first parcel of a return that came in two.
      await tx.$executeRaw`
      UPDATE returns r SET created_at = s.requested, updated_at = s.last,
        approved_at = CASE WHEN r.approved_at IS NULL THEN NULL ELSE s.approved END,
        received_at = CASE WHEN r.received_at IS NULL THEN NULL WHEN r.status = 'partially_received'
          THEN s.first ELSE s.received END,
        closed_at = CASE WHEN r.closed_at IS NULL THEN NULL ELSE coalesce(s.rejected, s.closed) END
      FROM seed_return_times s WHERE s.id = r.id`;
      await tx.$executeRaw`
      UPDATE audit_log a SET created_at = CASE a.action
          WHEN 'return.requested' THEN s.requested WHEN 'return.approved' THEN s.approved WHEN
            'return.rejected' THEN s.rejected
          WHEN 'return.received' THEN CASE WHEN a.after->>'complete' = 'true' THEN s.received ELSE s.first END
          WHEN 'return.inspected' THEN s.inspected WHEN 'return.exchanged' THEN s.settled WHEN
            'return.closed' THEN s.closed ELSE a.created_at END
      FROM seed_return_times s WHERE a.entity_type = 'return' AND a.entity_id = s.id::text`;
      // The label is bought on approval; stock and value come back at inspection.
      await tx.$executeRaw`
      UPDATE journal_entries e SET posted_at = x.at, created_at = x.at
      FROM (SELECT e2.id, CASE WHEN e2.memo LIKE 'Return label%' THEN s.approved ELSE s.inspected END AS at
            FROM journal_entries e2 JOIN seed_return_times s ON e2.source_type = 'return' AND
              e2.source_id = s.id::text) x
      WHERE x.id = e.id`;
      await tx.$executeRaw`UPDATE stock_movements m SET created_at = s.inspected FROM
        seed_return_times s WHERE m.reference_type = 'return' AND m.reference_id = s.id::text`;
      await tx.$executeRaw`UPDATE cost_layers l SET received_at = s.inspected FROM seed_return_times
        s WHERE l.source_type = 'return' AND l.source_id = s.id::text`;
      // Refunds: written, issued, posted and audited when they happened (a pending one waits since then).
      await tx.$executeRaw`
      UPDATE refunds f SET created_at = s.at, issued_at = CASE WHEN f.issued_at IS NULL THEN NULL ELSE s.at END
      FROM seed_refund_times s WHERE s.id = f.id`;
      await tx.$executeRaw`UPDATE journal_entries e SET posted_at = s.at, created_at = s.at FROM
        seed_refund_times s WHERE e.source_type = 'refund' AND e.source_id = s.id::text`;
      await tx.$executeRaw`UPDATE audit_log a SET created_at = s.at FROM seed_refund_times s WHERE
        a.entity_type = 'refund' AND a.entity_id = s.id::text`;
      // An exchange's replacement order was placed at the exchange, with its reservation, sale and payment.
      for (const x of exchanges) {
        await tx.$executeRaw`UPDATE orders SET placed_at = ${x.at}, created_at = ${x.at}, updated_at
          = ${x.at}, promised_ship_by = ${x.at}::timestamptz + interval '2 days' WHERE id = ${x.id}::uuid`;
        await tx.$executeRaw`UPDATE payments SET created_at = ${x.at} WHERE order_id = ${x.id}::uuid`;
        await tx.$executeRaw`UPDATE stock_movements SET created_at = ${x.at} WHERE reference_type =
          'order' AND reference_id = ${x.id}`;
        await tx.$executeRaw`UPDATE journal_entries SET posted_at = ${x.at}, created_at = ${x.at}
          WHERE source_type IN ('order', 'payment') AND source_id = ${x.id}`;
        await tx.$executeRaw`UPDATE audit_log SET created_at = ${x.at} WHERE entity_type = 'order'
          AND entity_id = ${x.id}`;
      }
      // The returned orders last changed with their latest return step or refund.
      await tx.$executeRaw`
      UPDATE orders o SET updated_at = x.at FROM (
        SELECT r.order_id, max(s.last) AS at FROM returns r JOIN seed_return_times s ON s.id = r.id GROUP BY r.order_id
        UNION ALL SELECT f.order_id, max(s.at) FROM refunds f JOIN seed_refund_times s ON s.id = f.id
          WHERE f.return_id IS NULL GROUP BY f.order_id) x
      WHERE x.order_id = o.id`;
      for (const g of guarded) await tx.$executeRawUnsafe(`ALTER TABLE "${g}" ENABLE TRIGGER USER`);
    },
    { timeout: 120_000 },
  );
}

import 'server-only';
import { addressText, shipToAddress } from '@/lib/fulfillment/document-address';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import { startOfDayIn, todayIn } from '@/lib/dates';
import type { LabelInput } from '@/lib/documents/label';
import type { CustomsDocumentInput } from '@/lib/documents/customs';
import { lineCustomsValue, type CustomsForm, type DutiesTerms } from '@/lib/shipping/customs';
import { ZFulfillmentQueueQuery, type TFulfillmentQueueQuery } from '@/lib/fulfillment/queue-schemas';
import { isUuid } from '@/lib/boundary';
import { CUSTOMS_LINE_SELECT } from '@/lib/fulfillment/parcel-customs';
import { prismaOrderBy, sortSpec, sqlOrderBy, type ListSort } from '@/lib/list/sort';
import { stockOpenQuantitySql } from '@/lib/orders/open-quantity-sql';

export type QueueRow = {
  id: string;
  number: number;
  channel: string;
  status: string;
  customer: string;
  shipping_method: string | null;
  /** units still to ship: Σ (quantity − fulfilled − cancelled) */
  units_open: number;
  /** the open lines as "2 × SKU", in line order */
  lines_open: string[];
  placed_at: string;
  promised_ship_by: string | null;
  /** promised_ship_by has passed (at `now`) */
  overdue: boolean;
};

/**
 * The queue's header sort. By default the work order (`order`: earliest promised ship-by first,
 * orders without a promise last, then oldest placed); or by when the order was placed, or by the
 * units left to ship (the work order breaking ties), either way. The id breaks every tie.
 */
export const QUEUE_SORT = sortSpec(['order', 'placed', 'items'], { id: 'order', desc: false });
export type QueueSort = ListSort<(typeof QUEUE_SORT.columns)[number]>;

const WORK_ORDER = Prisma.sql`o.promised_ship_by ASC NULLS LAST, o.placed_at ASC, o.id ASC`;
function queueOrderBy(sort: QueueSort): Prisma.Sql {
  if (sort.id === 'placed')
    return sort.desc ? Prisma.sql`o.placed_at DESC, o.id DESC` : Prisma.sql`o.placed_at ASC, o.id ASC`;
  if (sort.id === 'items')
    return sort.desc ? Prisma.sql`l.units DESC, ${WORK_ORDER}` : Prisma.sql`l.units ASC, ${WORK_ORDER}`;
  return sort.desc ? Prisma.sql`o.promised_ship_by DESC NULLS LAST, o.placed_at DESC, o.id DESC` : WORK_ORDER;
}

/**
 * The fulfillment queue: orders that can ship now (open or partially fulfilled, with units left),
 * the most urgent first — earliest promised ship-by, orders without a promise last, then oldest
 * placed, unless `options.sort` says otherwise (QUEUE_SORT). Filters: channel, shipping method,
 * single (exactly one unit left) or multi-item, overdue only. `total` counts every matching order;
 * `data` holds the first `limit`.
 */
export async function fulfillmentQueue(
  query: TFulfillmentQueueQuery = {},
  options: { now?: Date; sort?: QueueSort } = {},
  tx: Tx = db,
): Promise<{ data: QueueRow[]; total: number }> {
  const q = ZFulfillmentQueueQuery.parse(query);
  const now = options.now ?? new Date();
  const where: Prisma.Sql[] = [
    Prisma.sql`o.status IN ('open', 'partially_fulfilled')`,
    Prisma.sql`l.units > 0`,
  ];
  if (q.channel) where.push(Prisma.sql`o.channel = ${q.channel}::sales_channel`);
  if (q.shipping_method) where.push(Prisma.sql`o.shipping_method = ${q.shipping_method}`);
  if (q.size === 'single') where.push(Prisma.sql`l.units = 1`);
  if (q.size === 'multi') where.push(Prisma.sql`l.units > 1`);
  if (q.overdue) where.push(Prisma.sql`o.promised_ship_by < ${now}`);
  const rows = await tx.$queryRaw<
    {
      id: string;
      number: number;
      channel: string;
      status: string;
      first_name: string;
      last_name: string;
      shipping_method: string | null;
      units: number;
      lines: string[] | null;
      placed_at: Date;
      promised_ship_by: Date | null;
      total: bigint;
    }[]
  >`
    SELECT o.id::text, o.number, o.channel::text, o.status::text, c.first_name, c.last_name,
      o.shipping_method, l.units, l.lines,
           o.placed_at, o.promised_ship_by, count(*) OVER () AS total
    FROM orders o
    JOIN customers c ON c.id = o.customer_id
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(${stockOpenQuantitySql}), 0)::int AS units,
             array_agg(${stockOpenQuantitySql}::text || ' × ' || ol.sku ORDER BY ol.id)
               FILTER (WHERE ${stockOpenQuantitySql} > 0) AS lines
      FROM order_lines ol WHERE ol.order_id = o.id
    ) l
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${queueOrderBy(options.sort ?? QUEUE_SORT.default)}
    LIMIT ${q.limit}`;
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    data: rows.map((r) => ({
      id: r.id,
      number: r.number,
      channel: r.channel,
      status: r.status,
      customer: `${r.first_name} ${r.last_name}`.trim(),
      shipping_method: r.shipping_method,
      units_open: r.units,
      lines_open: r.lines ?? [],
      placed_at: r.placed_at.toISOString(),
      promised_ship_by: r.promised_ship_by?.toISOString() ?? null,
      overdue: !!r.promised_ship_by && r.promised_ship_by < now,
    })),
  };
}

/** The shipping methods of orders waiting in the queue (the queue's filter options). */
export async function queueShippingMethods(tx: Tx = db): Promise<string[]> {
  const rows = await tx.order.findMany({
    where: { status: { in: ['open', 'partially_fulfilled'] }, shippingMethod: { not: null } },
    distinct: ['shippingMethod'],
    select: { shippingMethod: true },
    orderBy: { shippingMethod: 'asc' },
  });
  return rows.map((r) => r.shippingMethod!);
}

/** What a row of the shipment lists (exceptions, shipped today) says of its shipment. */
type ShipmentHead = {
  shipment_id: string;
  shipment_number: number;
  order_id: string;
  order_number: number;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  shipped_at: string;
};

export type ExceptionRow = ShipmentHead & {
  /** the shipment's latest tracking event (the exception, as a rule) */
  last_event: {
    status: string;
    description: string | null;
    location: string | null;
    occurred_at: string;
  } | null;
};

/** The exceptions list's header sort: the most recent problem first by default. */
export const EXCEPTION_SORT = sortSpec(['order', 'when'], { id: 'when', desc: true });

/** Shipments whose latest status is exception, the most recent problem first. */
export async function exceptionList(
  options: { limit?: number; sort?: ListSort<(typeof EXCEPTION_SORT.columns)[number]> } = {},
  tx: Tx = db,
): Promise<ExceptionRow[]> {
  const order = sqlOrderBy(options.sort ?? EXCEPTION_SORT.default, {
    order: 'o.number',
    when: 'e.occurred_at',
  });
  const rows = await tx.$queryRaw<
    {
      id: string;
      number: number;
      order_id: string;
      order_number: number;
      carrier: string | null;
      service: string | null;
      tracking_number: string | null;
      shipped_at: Date;
      ev_status: string | null;
      ev_description: string | null;
      ev_location: string | null;
      ev_at: Date | null;
    }[]
  >`
    SELECT s.id::text, s.number, o.id::text AS order_id, o.number AS order_number, s.carrier,
      s.service, s.tracking_number, s.shipped_at,
           e.status AS ev_status, e.description AS ev_description, e.location AS ev_location, e.occurred_at AS ev_at
    FROM shipments s
    JOIN orders o ON o.id = s.order_id
    LEFT JOIN LATERAL (
      SELECT t.status, t.description, t.location, t.occurred_at FROM tracking_events t
      WHERE t.shipment_id = s.id ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1
    ) e ON TRUE
    WHERE s.status = 'exception'
    ORDER BY ${Prisma.raw(order)}, s.number DESC
    LIMIT ${options.limit ?? 200}`;
  return rows.map((r) => ({
    shipment_id: r.id,
    shipment_number: r.number,
    order_id: r.order_id,
    order_number: r.order_number,
    carrier: r.carrier,
    service: r.service,
    tracking_number: r.tracking_number,
    shipped_at: r.shipped_at.toISOString(),
    last_event: r.ev_status
      ? {
          status: r.ev_status,
          description: r.ev_description,
          location: r.ev_location,
          occurred_at: r.ev_at!.toISOString(),
        }
      : null,
  }));
}

export type ShippedRow = ShipmentHead & {
  status: string;
  label_cost: number;
  units: number;
};

/** Shipped today's header sort: the latest first by default. */
export const SHIPPED_SORT = sortSpec(['order', 'time', 'carrier', 'label', 'status'], {
  id: 'time',
  desc: true,
});

/** Shipments that left today (the shop's calendar day in `timeZone`), latest first. */
export async function shippedToday(
  options: {
    timeZone: string;
    now?: Date;
    limit?: number;
    sort?: ListSort<(typeof SHIPPED_SORT.columns)[number]>;
  },
  tx: Tx = db,
): Promise<ShippedRow[]> {
  const from = startOfDayIn(todayIn(options.timeZone, options.now ?? new Date()), options.timeZone);
  const rows = await tx.shipment.findMany({
    where: { shippedAt: { gte: from }, status: { not: 'voided' } },
    orderBy: prismaOrderBy(
      options.sort ?? SHIPPED_SORT.default,
      {
        order: 'order.number',
        time: 'shippedAt',
        carrier: ['carrier', 'service'],
        label: 'labelCost',
        status: 'status',
      },
      [{ shippedAt: 'desc' }, { number: 'desc' }],
    ),
    take: options.limit ?? 200,
    select: {
      id: true,
      number: true,
      carrier: true,
      service: true,
      trackingNumber: true,
      status: true,
      labelCost: true,
      shippedAt: true,
      order: { select: { id: true, number: true } },
      lines: { select: { quantity: true } },
    },
  });
  return rows.map((s) => ({
    shipment_id: s.id,
    shipment_number: s.number,
    order_id: s.order.id,
    order_number: s.order.number,
    carrier: s.carrier,
    service: s.service,
    tracking_number: s.trackingNumber,
    status: s.status,
    label_cost: s.labelCost,
    units: s.lines.reduce((n, l) => n + l.quantity, 0),
    shipped_at: s.shippedAt.toISOString(),
  }));
}

export type OrderShipmentDto = {
  id: string;
  number: number;
  source: string;
  status: string;
  carrier: string | null;
  service: string | null;
  tracking_number: string | null;
  package_type: string | null;
  weight_grams: number | null;
  label_cost: number;
  shipped_at: string;
  /** a label can be printed: bought here, with a tracking number and a weight, not voided */
  has_label: boolean;
  lines: { sku: string; quantity: number }[];
  events: {
    id: string;
    status: string;
    description: string | null;
    location: string | null;
    occurred_at: string;
    actor: string;
  }[];
};

/** An order's shipments, oldest first, each with its lines and tracking events (oldest first). */
export async function orderShipments(orderId: string, tx: Tx = db): Promise<OrderShipmentDto[]> {
  if (!isUuid(orderId)) return [];
  const rows = await tx.shipment.findMany({
    where: { orderId },
    orderBy: { number: 'asc' },
    select: {
      id: true,
      number: true,
      source: true,
      status: true,
      carrier: true,
      service: true,
      trackingNumber: true,
      packageType: true,
      weightGrams: true,
      labelCost: true,
      shippedAt: true,
      lines: { select: { quantity: true, orderLine: { select: { sku: true } } }, orderBy: { id: 'asc' } },
      events: {
        select: {
          id: true,
          status: true,
          description: true,
          location: true,
          occurredAt: true,
          actorLabel: true,
        },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      },
    },
  });
  return rows.map((s) => ({
    id: s.id,
    number: s.number,
    source: s.source,
    status: s.status,
    carrier: s.carrier,
    service: s.service,
    tracking_number: s.trackingNumber,
    package_type: s.packageType,
    weight_grams: s.weightGrams,
    label_cost: s.labelCost,
    shipped_at: s.shippedAt.toISOString(),
    has_label: s.source === 'label' && !!s.trackingNumber && !!s.weightGrams && s.status !== 'voided',
    lines: s.lines.map((l) => ({ sku: l.orderLine.sku, quantity: l.quantity })),
    events: s.events.map((e) => ({
      id: String(e.id),
      status: e.status,
      description: e.description,
      location: e.location,
      occurred_at: e.occurredAt.toISOString(),
      actor: e.actorLabel,
    })),
  }));
}

type Json = Record<string, unknown> | null;
const str = addressText;

/**
 * What the 4×6 label of a stored shipment shows (lib/documents/label.ts renders it): the shop's name,
 * the address of the location the order ships from (else the shop's fulfilling location), the order's
 * ship-to, and the shipment's carrier, service, tracking number and weight as bought. Read from the
 * stored rows only, so a reprint is the same label.
 * Errors: NOT_FOUND; INVALID_STATE for a voided shipment, one recorded elsewhere (no label bought
 * here), or a location without an address.
 */
export async function shipmentLabel(shipmentId: string, tx: Tx = db): Promise<LabelInput> {
  if (!isUuid(shipmentId)) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
  const s = await tx.shipment.findUnique({
    where: { id: shipmentId },
    select: {
      number: true,
      source: true,
      status: true,
      carrier: true,
      service: true,
      trackingNumber: true,
      weightGrams: true,
      shippedAt: true,
      customsForm: true,
      dutiesTerms: true,
      lines: {
        select: {
          quantity: true,
          orderLine: { select: CUSTOMS_LINE_SELECT },
        },
        orderBy: { id: 'asc' },
      },
      order: {
        select: {
          number: true,
          currency: true,
          shippingAddress: true,
          location: { select: { code: true, address: true } },
        },
      },
    },
  });
  if (!s) throw new AppError('NOT_FOUND', 'That shipment does not exist.');
  if (s.status === 'voided')
    throw new AppError('INVALID_STATE', `Shipment #${s.number} was voided; its label must not be used.`);
  if (s.source !== 'label' || !s.trackingNumber || !s.weightGrams) {
    throw new AppError(
      'INVALID_STATE',
      `Shipment #${s.number} was recorded as shipped elsewhere; no label was bought for it in Backroom.`,
    );
  }
  const settings = await tx.shopSettings.findUnique({
    where: { id: 1 },
    select: { shopName: true, timezone: true, fulfillingLocation: { select: { code: true, address: true } } },
  });
  const location = s.order.location ?? settings?.fulfillingLocation ?? null;
  const from = (location?.address ?? null) as Json;
  if (
    !location ||
    !from ||
    !str(from.line1) ||
    !str(from.city) ||
    !str(from.postal_code) ||
    !str(from.country)
  ) {
    throw new AppError(
      'INVALID_STATE',
      `The ship-from address is missing: add an address to location ${location?.code ?? '(none)'} ` +
        `before printing labels.`,
    );
  }
  const to = (s.order.shippingAddress ?? {}) as Record<string, unknown>;
  const fromAddress = {
    line1: str(from.line1)!,
    line2: str(from.line2),
    city: str(from.city)!,
    region: str(from.region),
    postal_code: str(from.postal_code)!,
    country: str(from.country)!,
  };
  const shipTo = shipToAddress(to);
  // The customs papers as bought (decision 040): the form and terms stored on the shipment, its lines.
  const customs: CustomsDocumentInput | null = s.customsForm
    ? {
        form: s.customsForm as CustomsForm,
        duties_terms: (s.dutiesTerms ?? 'DDU') as DutiesTerms,
        currency: s.order.currency,
        sender: { shop_name: settings?.shopName ?? '', address: fromAddress },
        recipient: shipTo,
        items: s.lines.map((l) => ({
          sku: l.orderLine.sku,
          name: l.orderLine.name,
          quantity: l.quantity,
          value: lineCustomsValue(l.orderLine, l.quantity),
          hs_code: l.orderLine.variant.hsCode,
          country_of_origin: l.orderLine.variant.countryOfOrigin,
          unit_weight_grams: l.orderLine.variant.weightGrams,
        })),
        gross_weight_grams: s.weightGrams,
        order_number: s.order.number,
        shipment_number: s.number,
        tracking_number: s.trackingNumber,
        shipped_at: s.shippedAt.toISOString(),
        time_zone: settings?.timezone ?? 'UTC',
      }
    : null;
  return {
    customs,
    ship_from: {
      shop_name: settings?.shopName ?? str(from.name) ?? '',
      address: fromAddress,
      phone: str(from.phone),
    },
    ship_to: shipTo,
    carrier: s.carrier ?? '',
    service: s.service ?? '',
    weight_grams: s.weightGrams,
    tracking_number: s.trackingNumber,
    order_number: s.order.number,
    shipment_number: s.number,
    shipped_at: s.shippedAt.toISOString(),
    time_zone: settings?.timezone ?? 'UTC',
  };
}

/**
 * The labels of many orders for one print job: every label bought in Backroom and not voided, by order
 * (in the order given) then shipment number, each with its customs papers. An order without one is
 * refused by number, so nothing prints half.
 */
export async function orderLabels(orderIds: string[], tx: Tx = db): Promise<LabelInput[]> {
  const shipments = await tx.shipment.findMany({
    where: { orderId: { in: orderIds }, source: 'label', status: { not: 'voided' } },
    select: { id: true, orderId: true },
    orderBy: { number: 'asc' },
  });
  const missing = orderIds.filter((id) => !shipments.some((s) => s.orderId === id));
  if (missing.length) {
    const numbers = await tx.order.findMany({ where: { id: { in: missing } }, select: { number: true } });
    throw new AppError('VALIDATION_FAILED', 'No label bought for some of the orders', [
      {
        field: 'orders',
        message: `No label bought yet for ${numbers.map((o) => `#${o.number}`).join(', ')}: buy labels first`,
      },
    ]);
  }
  const labels: LabelInput[] = [];
  for (const id of orderIds)
    for (const s of shipments.filter((x) => x.orderId === id)) labels.push(await shipmentLabel(s.id, tx));
  return labels;
}

/** One shipment as the API returns it (the shape of orderShipments), or null. */
export async function shipmentDetail(id: string, tx: Tx = db): Promise<OrderShipmentDto | null> {
  if (!isUuid(id)) return null;
  const s = await tx.shipment.findUnique({ where: { id }, select: { orderId: true } });
  return s ? ((await orderShipments(s.orderId, tx)).find((x) => x.id === id) ?? null) : null;
}

import 'server-only';
import { formatInTimeZone } from 'date-fns-tz';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { shopTimezone } from '@/lib/settings/queries';
import {
  LEVEL_LABEL,
  SERVICE_LEVELS,
  normalizeMethod,
  promisedDeliveryDate,
  serviceLevelOf,
  type ServiceLevel,
} from '@/lib/shipping/service-levels';

const asLevel = (v: string): ServiceLevel =>
  (SERVICE_LEVELS as readonly string[]).includes(v) ? (v as ServiceLevel) : 'standard';

/** Every mapping, keyed 'channel:method' (serviceLevelOf reads it). */
export async function serviceLevelMappings(tx: Tx = db): Promise<Map<string, ServiceLevel>> {
  const rows = await tx.shippingServiceLevel.findMany({
    select: { channel: true, method: true, level: true },
  });
  return new Map(rows.map((r) => [`${r.channel}:${r.method}`, asLevel(r.level)]));
}

export type OrderPromise = {
  shipping_method: string | null;
  service_level: ServiceLevel;
  service_label: string;
  /** false: the method has no mapping (counted as standard) */
  mapped: boolean;
  /** the promised ship-by as a day in the shop's time zone */
  ship_by: string | null;
  /** the latest delivery day promised: ship-by + the level's business days */
  promised_by: string | null;
};

/** The service an order was paid for and the delivery date promised (decision 031). */
export async function orderPromise(orderId: string, tx: Tx = db): Promise<OrderPromise> {
  if (!isUuid(orderId)) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: { channel: true, shippingMethod: true, promisedShipBy: true },
  });
  if (!order) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const row = order.shippingMethod
    ? await tx.shippingServiceLevel.findUnique({
        where: { channel_method: { channel: order.channel, method: normalizeMethod(order.shippingMethod) } },
        select: { level: true },
      })
    : null;
  const mappings = new Map<string, ServiceLevel>(
    row && order.shippingMethod
      ? [[`${order.channel}:${normalizeMethod(order.shippingMethod)}`, asLevel(row.level)]]
      : [],
  );
  const { level, mapped } = serviceLevelOf(mappings, order.channel, order.shippingMethod);
  const shipBy = order.promisedShipBy
    ? formatInTimeZone(order.promisedShipBy, await shopTimezone(tx), 'yyyy-MM-dd')
    : null;
  return {
    shipping_method: order.shippingMethod,
    service_level: level,
    service_label: LEVEL_LABEL[level],
    mapped,
    ship_by: shipBy,
    promised_by: shipBy ? promisedDeliveryDate(shipBy, level) : null,
  };
}

export type ServiceLevelSettings = {
  mappings: { channel: string; method: string; level: ServiceLevel }[];
  /** methods on orders still to ship that nobody mapped (they count as standard), with how many orders */
  unmapped: { channel: string; method: string; orders: number }[];
};

/** Settings → Shipping: the mappings, and the unmapped methods of orders still to ship. */
export async function serviceLevelSettings(tx: Tx = db): Promise<ServiceLevelSettings> {
  const mappings = await tx.shippingServiceLevel.findMany({
    select: { channel: true, method: true, level: true },
    orderBy: [{ channel: 'asc' }, { method: 'asc' }],
  });
  const unmapped = await tx.$queryRaw<{ channel: string; method: string; orders: number }[]>`
    SELECT o.channel::text AS channel, lower(regexp_replace(btrim(o.shipping_method), '\\s+', ' ', 'g')) AS method,
           count(*)::int AS orders
      FROM orders o
     WHERE o.status IN ('pending_review', 'open', 'on_hold', 'partially_fulfilled') AND o.shipping_method IS NOT NULL
       AND btrim(o.shipping_method) <> ''
       AND NOT EXISTS (SELECT 1 FROM shipping_service_levels m WHERE m.channel = o.channel
                         AND m.method = lower(regexp_replace(btrim(o.shipping_method), '\\s+', ' ', 'g')))
     GROUP BY 1, 2 ORDER BY 1, 2`;
  return { mappings: mappings.map((m) => ({ ...m, level: asLevel(m.level) })), unmapped };
}

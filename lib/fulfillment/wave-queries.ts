import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { shipmentLabel } from '@/lib/fulfillment/queries';
import type { PickTaskView } from '@/lib/fulfillment/rules';
import { isUuid } from '@/lib/boundary';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { sortSpec, sqlOrderBy, type ListSort } from '@/lib/list/sort';

export type WaveDetail = {
  id: string;
  number: number;
  status: string;
  created_at: string;
  created_by: string;
  orders: {
    id: string;
    number: number;
    tote: string;
    status: string;
    pack: { id: string; status: string; shipment_id: string | null } | null;
  }[];
  tasks: PickTaskView[];
  /** every bin of the wave's locations → the SKUs stored in it (the pick screen tells a wrong bin from an
   * unknown code) */
  bins: Record<string, string[]>;
};

/** A wave with its tasks (the pick screen's state, read again after every scan) or null. */
export async function waveDetail(waveId: string, tx: Tx = db): Promise<WaveDetail | null> {
  if (!isUuid(waveId)) return null;
  const wave = await tx.pickWave.findUnique({
    where: { id: waveId },
    select: {
      id: true,
      number: true,
      status: true,
      createdAt: true,
      actorLabel: true,
      tasks: {
        select: {
          id: true,
          orderId: true,
          tote: true,
          position: true,
          sku: true,
          name: true,
          barcode: true,
          binCode: true,
          pickSequence: true,
          quantity: true,
          picked: true,
          shortQuantity: true,
          order: { select: { number: true, status: true, locationId: true } },
        },
        orderBy: [{ position: 'asc' }, { orderLineId: 'asc' }],
      },
      packs: {
        select: { id: true, orderId: true, status: true, shipmentId: true },
        orderBy: { number: 'desc' },
      },
    },
  });
  if (!wave) return null;
  const orders = new Map<string, WaveDetail['orders'][number]>();
  for (const t of wave.tasks) {
    if (!orders.has(t.orderId)) {
      const pack = wave.packs.find((p) => p.orderId === t.orderId && p.status !== 'voided') ?? null;
      orders.set(t.orderId, {
        id: t.orderId,
        number: t.order.number,
        tote: t.tote,
        status: t.order.status,
        pack: pack && { id: pack.id, status: pack.status, shipment_id: pack.shipmentId },
      });
    }
  }
  const settings = await tx.shopSettings.findUnique({
    where: { id: 1 },
    select: { fulfillingLocationId: true },
  });
  const locationIds = [
    ...new Set(
      wave.tasks
        .map((t) => t.order.locationId ?? settings?.fulfillingLocationId)
        .filter((id): id is string => !!id),
    ),
  ];
  const binRows = locationIds.length
    ? await tx.$queryRaw<{ code: string; skus: string[] }[]>`
        SELECT b.code, coalesce(array_agg(v.sku ORDER BY v.sku) FILTER (WHERE v.sku IS NOT NULL), '{}') AS skus
        FROM bins b LEFT JOIN stock_levels sl ON sl.bin_id = b.id LEFT JOIN variants v ON v.id = sl.variant_id
        WHERE b.location_id = ANY(${locationIds}::uuid[]) GROUP BY b.code`
    : [];
  return {
    id: wave.id,
    number: wave.number,
    status: wave.status,
    created_at: wave.createdAt.toISOString(),
    created_by: wave.actorLabel,
    orders: [...orders.values()],
    tasks: wave.tasks.map((t) => ({
      id: t.id,
      order_id: t.orderId,
      order_number: t.order.number,
      tote: t.tote,
      position: t.position,
      sku: t.sku,
      name: t.name,
      barcode: t.barcode,
      bin_code: t.binCode,
      pick_sequence: t.pickSequence,
      quantity: t.quantity,
      picked: t.picked,
      short_quantity: t.shortQuantity,
    })),
    bins: Object.fromEntries(binRows.map((b) => [b.code, b.skus])),
  };
}

export type WaveRow = {
  id: string;
  number: number;
  status: string;
  created_at: string;
  created_by: string;
  orders: number[];
  units: number;
  picked: number;
  short: number;
  packed: number;
  shipped: number;
};

/** The waves list's header sort: open waves first (state), then the newest. */
export const WAVE_SORT = sortSpec(['wave', 'state', 'started'], { id: 'state', desc: false });

/** Recent waves, open ones first, each with its progress. */
export async function waveList(
  options: { limit?: number; sort?: ListSort<(typeof WAVE_SORT.columns)[number]> } = {},
  tx: Tx = db,
): Promise<WaveRow[]> {
  // state ascending: picking, then picked, then cancelled
  const order = sqlOrderBy(options.sort ?? WAVE_SORT.default, {
    wave: 'w.number',
    state: "array_position(ARRAY['open','done','cancelled'], w.status::text)",
    started: 'w.created_at',
  });
  const rows = await tx.$queryRaw<
    {
      id: string;
      number: number;
      status: string;
      created_at: Date;
      actor_label: string;
      orders: number[];
      units: number;
      picked: number;
      short: number;
      packed: number;
      shipped: number;
    }[]
  >`
    SELECT w.id::text, w.number, w.status, w.created_at, w.actor_label,
           (SELECT array_agg(DISTINCT o.number ORDER BY o.number) FROM pick_tasks pt JOIN orders o
             ON o.id = pt.order_id WHERE pt.wave_id = w.id) AS orders,
           (SELECT coalesce(sum(quantity), 0)::int FROM pick_tasks WHERE wave_id = w.id) AS units,
           (SELECT coalesce(sum(picked), 0)::int FROM pick_tasks WHERE wave_id = w.id) AS picked,
           (SELECT coalesce(sum(short_quantity), 0)::int FROM pick_tasks WHERE wave_id = w.id) AS short,
           (SELECT count(*)::int FROM order_packs p WHERE p.wave_id = w.id AND p.status = 'packed') AS packed,
           (SELECT count(*)::int FROM order_packs p WHERE p.wave_id = w.id AND p.status = 'shipped') AS shipped
    FROM pick_waves w
    ORDER BY ${Prisma.raw(order)}, w.created_at DESC
    LIMIT ${options.limit ?? 50}`;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    created_at: r.created_at.toISOString(),
    created_by: r.actor_label,
    orders: r.orders ?? [],
    units: r.units,
    picked: r.picked,
    short: r.short,
    packed: r.packed,
    shipped: r.shipped,
  }));
}

/** The labels of a wave's shipped parcels (voided ones left out), in tote order, for one merged PDF. */
export async function waveLabels(waveId: string, tx: Tx = db) {
  if (!isUuid(waveId)) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const wave = await tx.pickWave.findUnique({ where: { id: waveId }, select: { number: true } });
  if (!wave) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const rows = await tx.$queryRaw<{ shipment_id: string }[]>`
    SELECT p.shipment_id::text FROM order_packs p
    JOIN shipments s ON s.id = p.shipment_id AND s.status <> 'voided'
    WHERE p.wave_id = ${waveId}::uuid AND p.status = 'shipped'
    ORDER BY (SELECT min(pt.position) FROM pick_tasks pt WHERE pt.wave_id = p.wave_id AND
      pt.order_id = p.order_id), p.number`;
  const labels = [];
  for (const r of rows) labels.push(await shipmentLabel(r.shipment_id, tx));
  return { number: wave.number, labels };
}

/** The batch-label page's rows: each order of the wave (tote order) with its latest parcel of the wave. */
export async function waveLabelRows(waveId: string, tx: Tx = db) {
  if (!isUuid(waveId)) return null;
  const wave = await tx.pickWave.findUnique({ where: { id: waveId }, select: { number: true } });
  if (!wave) return null;
  const rows = await tx.$queryRaw<
    {
      order_id: string;
      order_number: number;
      position: number;
      pack_id: string | null;
      pack_status: string | null;
      tracking_number: string | null;
    }[]
  >`
    SELECT DISTINCT ON (pt.order_id) pt.order_id::text, o.number AS order_number, pt.position,
      p.id::text AS pack_id, p.status AS pack_status, s.tracking_number
    FROM pick_tasks pt JOIN orders o ON o.id = pt.order_id
    LEFT JOIN order_packs p ON p.order_id = pt.order_id AND p.wave_id = pt.wave_id AND p.status <> 'voided'
    LEFT JOIN shipments s ON s.id = p.shipment_id
    WHERE pt.wave_id = ${waveId}::uuid
    ORDER BY pt.order_id, (p.status = 'packed') DESC NULLS LAST, p.number DESC`;
  rows.sort((a, b) => a.position - b.position);
  return { number: wave.number, rows: rows.map(({ position: _p, ...r }) => r) };
}

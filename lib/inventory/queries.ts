import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { zInt } from '@/lib/boundary';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { keysetSql } from '@/lib/list/keyset-sql';

export type ValuationLine = { sku: string; name: string; quantity: number; value: number };
export type Valuation = {
  as_of: string;
  method: 'fifo' | 'average';
  currency: string;
  lines: ValuationLine[];
  total_value: number;
};

/**
 * Inventory value per SKU on a date: the sum of the value every stock movement moved up to then, and
 * the units held (sellable + damaged + quarantined). Its total equals the inventory account's balance
 * on the same date (tests/integration/ledger/property.test.ts, for every random sequence).
 */
export async function inventoryValuation(
  input: { asOf: string; before: Date },
  tx: Tx = db,
): Promise<Valuation> {
  const settings = await tx.shopSettings.findUnique({
    where: { id: 1 },
    select: { inventoryCosting: true, currency: true },
  });
  const rows = await tx.$queryRaw<{ sku: string; name: string; quantity: bigint; value: bigint }[]>`
    SELECT v.sku, p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name,
           sum(m.on_hand_delta + m.damaged_delta + m.quarantine_delta)::bigint AS quantity,
           sum(m.value_delta)::bigint AS value
    FROM stock_movements m JOIN variants v ON v.id = m.variant_id JOIN products p ON p.id = v.product_id
    WHERE m.created_at < ${input.before}
    GROUP BY v.sku, p.name, v.title
    HAVING sum(m.on_hand_delta + m.damaged_delta + m.quarantine_delta) <> 0 OR sum(m.value_delta) <> 0
    ORDER BY v.sku`;
  const lines = rows.map((r) => ({
    sku: r.sku,
    name: r.name,
    quantity: Number(r.quantity),
    value: Number(r.value),
  }));
  return {
    as_of: input.asOf,
    method: settings?.inventoryCosting ?? 'fifo',
    currency: settings?.currency ?? 'USD',
    lines,
    total_value: lines.reduce((s, l) => s + l.value, 0),
  };
}

export type LevelRow = {
  sku: string;
  name: string;
  location: string;
  bin: string | null;
  on_hand: number;
  reserved: number;
  available: number;
  damaged: number;
  quarantine: number;
  reorder_point: number;
  /** open units on sent and partially received purchase orders to this location (lib/purchasing) */
  on_order: number;
  /** the earliest expected date among those POs (YYYY-MM-DD), null when none or undated */
  on_order_expected_at: string | null;
  status: 'in_stock' | 'low' | 'out';
};

export type LevelFilter = {
  sku?: string;
  location?: string;
  search?: string;
  stock?: 'low' | 'out' | 'all';
  cursor?: string;
  limit: number;
  /** the list's header sort (INVENTORY_SORT); the API always pages by SKU */
  sort?: InventorySort;
};

/**
 * The inventory list's header sort: by SKU (then location) by default, the order the API pages in, or
 * by product name, on hand or available, either way, with SKU and location as the tie-break.
 */
export const INVENTORY_SORT = sortSpec(['sku', 'name', 'on_hand', 'available'], { id: 'sku', desc: false });
export type InventorySort = ListSort<(typeof INVENTORY_SORT.columns)[number]>;

// The default sort's cursor is (sku, location), as it always was (the API's); another sort's carries
// the sort, so that it is never read as a position in another order, and the last row's value.
const ZLevelCursor = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([
    z.enum(INVENTORY_SORT.columns),
    z.boolean(),
    z.union([z.string(), zInt()]),
    z.string(),
    z.string(),
  ]),
]);

const isDefaultSort = (sort: InventorySort) =>
  sort.id === INVENTORY_SORT.default.id && sort.desc === INVENTORY_SORT.default.desc;

function levelCursor(sort: InventorySort, row: LevelRow): string {
  if (isDefaultSort(sort)) return encodeCursor([row.sku, row.location]);
  const value = sort.id === 'name' ? row.name : sort.id === 'on_hand' ? row.on_hand : row.available;
  return encodeCursor([sort.id, sort.desc, value, row.sku, row.location]);
}

/** The cursor's position, checked to belong to `sort`: the sort's value (none for SKU), SKU, location. */
function levelAfter(
  cursor: string,
  sort: InventorySort,
): { value: Prisma.Sql | null; sku: string; location: string } {
  const decoded = decodeCursor(cursor, ZLevelCursor);
  if (decoded.length === 2 && isDefaultSort(sort))
    return { value: null, sku: decoded[0], location: decoded[1] };
  if (decoded.length === 5 && decoded[0] === sort.id && decoded[1] === sort.desc) {
    const [, , value, sku, location] = decoded;
    if (sort.id === 'sku') return { value: null, sku, location };
    if ((typeof value === 'string') === (sort.id === 'name'))
      return {
        value: typeof value === 'string' ? Prisma.sql`${value}::text` : Prisma.sql`${value}::int`,
        sku,
        location,
      };
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [
    { field: 'cursor', message: 'This cursor belongs to another sort order; start from the first page' },
  ]);
}

const LEVEL_NAME_SQL = Prisma.sql`(p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END)`;

/**
 * Whether SKU `v` (a `variants` alias) is at or below its reorder point: its available units (on hand −
 * reserved) summed over every location are at most the reorder point, and it has one (> 0). The reorder
 * point is the SKU's, shop-wide (purchasing reorders for the shop), so a SKU is low or not as a whole,
 * never per location. The one definition behind the dashboard's "SKUs at or below reorder point" and the
 * list it opens (/inventory?stock=low): issue 15 item 8, decision 032.
 */
export function skuAtOrBelowReorderPointSql(v: Prisma.Sql = Prisma.raw('v')): Prisma.Sql {
  return Prisma.sql`(${v}.status = 'active' AND ${v}.reorder_point > 0
    AND coalesce((SELECT sum(sl.on_hand - sl.reserved) FROM stock_levels sl WHERE sl.variant_id =
      ${v}.id), 0) <= ${v}.reorder_point)`;
}

/** The location a SKU-wide row names (stock=low lists SKUs, not levels). */
export const ALL_LOCATIONS = 'All locations';

/**
 * Stock levels per SKU × location with keyset pagination on (sku, location); out: available ≤ 0 at the
 * level. Low lists SKUs instead, one row each with its units summed over locations: those at or below
 * their reorder point (skuAtOrBelowReorderPointSql), so the row count is the dashboard's figure.
 */
export async function stockLevels(
  filter: LevelFilter,
  tx: Tx = db,
): Promise<{ data: LevelRow[]; next_cursor: string | null }> {
  if (filter.stock === 'low') return lowStockSkus(filter, tx);
  const conditions: Prisma.Sql[] = [Prisma.sql`v.status = 'active'`];
  if (filter.sku) conditions.push(Prisma.sql`v.sku = ${filter.sku}`);
  if (filter.location) conditions.push(Prisma.sql`loc.code = ${filter.location}`);
  if (filter.search) conditions.push(searchSql(filter.search));
  if (filter.stock === 'out') conditions.push(Prisma.sql`l.on_hand - l.reserved <= 0`);
  const sort = filter.sort ?? INVENTORY_SORT.default;
  const after = filter.cursor ? levelAfter(filter.cursor, sort) : null;
  const key = {
    sku: null,
    name: LEVEL_NAME_SQL,
    on_hand: Prisma.sql`l.on_hand`,
    available: Prisma.sql`(l.on_hand - l.reserved)`,
  }[sort.id];
  const keyset = keysetSql(
    sort.desc,
    [...(key ? [key] : []), Prisma.sql`v.sku`, Prisma.sql`loc.code`],
    after
      ? [
          ...(key && after.value ? [after.value] : []),
          Prisma.sql`${after.sku}`,
          Prisma.sql`${after.location}`,
        ]
      : undefined,
  );
  if (keyset.after) conditions.push(keyset.after);
  const rows = await tx.$queryRaw<RawLevel[]>`
    SELECT v.sku, p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name,
      loc.code AS location, b.code AS bin,
           l.on_hand, l.reserved, l.damaged, l.quarantine, v.reorder_point,
           coalesce(oo.on_order, 0)::int AS on_order, oo.next_expected
    FROM stock_levels l
    JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
    JOIN locations loc ON loc.id = l.location_id LEFT JOIN bins b ON b.id = l.bin_id
    LEFT JOIN LATERAL (
      -- on order: the open quantity (ordered − cancelled − received) of sent and partially received POs
      SELECT sum(pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received) AS on_order,
             min(po.expected_at) AS next_expected
      FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
      WHERE pl.variant_id = l.variant_id AND po.location_id = l.location_id
        AND po.status IN ('sent', 'partially_received') AND po.order_id IS NULL -- not dropship POs
        AND pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received > 0
    ) oo ON true
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY ${keyset.orderBy}
    LIMIT ${filter.limit + 1}`;
  return levelPage(rows, filter.limit, sort);
}

/** A level as the query reads it: the stored columns; available, status and the date are derived. */
type RawLevel = Omit<LevelRow, 'available' | 'on_order_expected_at' | 'status'> & {
  next_expected: Date | null;
};

function searchSql(search: string): Prisma.Sql {
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`(v.sku ILIKE ${like} OR p.name ILIKE ${like} OR v.barcode = ${search})`;
}

function levelPage(
  rows: RawLevel[],
  limit: number,
  sort: InventorySort,
): { data: LevelRow[]; next_cursor: string | null } {
  const page = rows.slice(0, limit).map(({ next_expected, ...r }): LevelRow => {
    const available = r.on_hand - r.reserved;
    return {
      ...r,
      on_order_expected_at: next_expected ? next_expected.toISOString().slice(0, 10) : null,
      available,
      status: available <= 0 ? 'out' : available <= r.reorder_point ? 'low' : 'in_stock',
    };
  });
  const last = page[page.length - 1];
  return {
    data: page,
    next_cursor: rows.length > limit && last ? levelCursor(sort, last) : null,
  };
}

/** SKUs at or below their reorder point, one row each summed over locations (a location filter keeps the SKUs
 * stocked there). */
async function lowStockSkus(
  filter: LevelFilter,
  tx: Tx,
): Promise<{ data: LevelRow[]; next_cursor: string | null }> {
  const conditions: Prisma.Sql[] = [skuAtOrBelowReorderPointSql()];
  if (filter.sku) conditions.push(Prisma.sql`v.sku = ${filter.sku}`);
  if (filter.location)
    conditions.push(
      Prisma.sql`EXISTS (SELECT 1 FROM stock_levels x JOIN locations xl ON xl.id = x.location_id
        WHERE x.variant_id = v.id AND xl.code = ${filter.location})`,
    );
  if (filter.search) conditions.push(searchSql(filter.search));
  const sort = filter.sort ?? INVENTORY_SORT.default;
  const after = filter.cursor ? levelAfter(filter.cursor, sort) : null;
  const key = {
    sku: null,
    name: LEVEL_NAME_SQL,
    on_hand: Prisma.sql`coalesce(l.on_hand, 0)::int`,
    available: Prisma.sql`(coalesce(l.on_hand, 0) - coalesce(l.reserved, 0))::int`,
  }[sort.id];
  const keyset = keysetSql(
    sort.desc,
    [...(key ? [key] : []), Prisma.sql`v.sku`],
    after ? [...(key && after.value ? [after.value] : []), Prisma.sql`${after.sku}`] : undefined,
  );
  if (keyset.after) conditions.push(keyset.after);
  const rows = await tx.$queryRaw<RawLevel[]>`
    SELECT v.sku, p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name,
      ${ALL_LOCATIONS} AS location, NULL AS bin,
           coalesce(l.on_hand, 0)::int AS on_hand, coalesce(l.reserved, 0)::int AS reserved,
           coalesce(l.damaged, 0)::int AS damaged, coalesce(l.quarantine, 0)::int AS quarantine, v.reorder_point,
           coalesce(oo.on_order, 0)::int AS on_order, oo.next_expected
    FROM variants v JOIN products p ON p.id = v.product_id
    LEFT JOIN LATERAL (
      SELECT sum(on_hand) AS on_hand, sum(reserved) AS reserved, sum(damaged) AS damaged, sum(quarantine) AS quarantine
      FROM stock_levels WHERE variant_id = v.id
    ) l ON true
    LEFT JOIN LATERAL (
      SELECT sum(pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received) AS on_order,
             min(po.expected_at) AS next_expected
      FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
      WHERE pl.variant_id = v.id AND po.status IN ('sent', 'partially_received') AND po.order_id IS NULL
        AND pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received > 0
    ) oo ON true
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY ${keyset.orderBy}
    LIMIT ${filter.limit + 1}`;
  return levelPage(rows, filter.limit, sort);
}

export type SkuDetail = {
  variant: {
    id: string;
    sku: string;
    name: string;
    title: string;
    barcode: string | null;
    price: number;
    currency: string;
    reorder_point: number;
    allow_backorder: boolean;
  };
  levels: {
    location: string;
    location_name: string;
    bin: string | null;
    on_hand: number;
    reserved: number;
    available: number;
    damaged: number;
    quarantine: number;
  }[];
  pool: { quantity: number; value: number; last_unit_cost: number | null };
  layers: {
    id: string;
    source_type: string;
    unit_cost: number;
    quantity_received: number;
    quantity_remaining: number;
    received_at: string;
  }[];
  movements: {
    id: string;
    at: string;
    type: string;
    location: string;
    on_hand_delta: number;
    reserved_delta: number;
    damaged_delta: number;
    quarantine_delta: number;
    value_delta: number;
    reason: string | null;
    reference: string | null;
    /** the order, return, count, purchase order or transfer that caused it, with where to open it */
    source: MovementSource | null;
    actor: string;
  }[];
};

export type MovementSource = { label: string; href: string };

type SourceColumns = {
  reference_type: string | null;
  order_id: string | null;
  order_number: number | null;
  shipment_number: number | null;
  return_id: string | null;
  return_number: number | null;
  count_id: string | null;
  count_number: number | null;
  po_id: string | null;
  po_number: number | null;
  receipt_number: number | null;
};

/** A movement as the SQL of skuDetail reads it: the DTO's columns, with the raw id, time and reference. */
type MovementRow = Omit<SkuDetail['movements'][number], 'id' | 'at' | 'reference' | 'source'> & {
  id: bigint;
  created_at: Date;
  reference_type: string | null;
  reference_id: string | null;
} & SourceColumns;

/** What caused a stock movement, in words and as a link (issue 15 item 10); null when nothing links. */
export function movementSource(m: SourceColumns): MovementSource | null {
  if (m.return_id) return { label: `Return #${m.return_number}`, href: `/returns/${m.return_id}` };
  if (m.count_id)
    return { label: `Cycle count #${m.count_number}`, href: `/inventory/cycle-counts/${m.count_id}` };
  if (m.po_id) return { label: `Purchase order #${m.po_number}`, href: `/purchasing/${m.po_id}` };
  if (m.order_id)
    return {
      label:
        m.reference_type === 'shipment'
          ? `Order #${m.order_number}, shipment #${m.shipment_number}`
          : `Order #${m.order_number}`,
      href: `/orders/${m.order_id}`,
    };
  return null;
}

/**
 * A SKU's movement history's header sort: by time, the latest first by default or the earliest first
 * (the id, in the same direction, breaking ties). Not paged: the first 100 in that order.
 */
export const SKU_MOVEMENT_SORT = sortSpec(['when'], { id: 'when', desc: true });
export type SkuMovementSort = ListSort<(typeof SKU_MOVEMENT_SORT.columns)[number]>;

export async function skuDetail(
  sku: string,
  options: { movementsSort?: SkuMovementSort } = {},
  tx: Tx = db,
): Promise<SkuDetail | null> {
  const movementsOrder = (options.movementsSort ?? SKU_MOVEMENT_SORT.default).desc
    ? Prisma.sql`m.created_at DESC, m.id DESC`
    : Prisma.sql`m.created_at ASC, m.id ASC`;
  const v = await tx.variant.findUnique({
    where: { sku },
    select: {
      id: true,
      sku: true,
      title: true,
      barcode: true,
      price: true,
      currency: true,
      reorderPoint: true,
      allowBackorder: true,
      product: { select: { name: true } },
    },
  });
  if (!v) return null;
  const [levels, pool, layers, movements] = await allOn(tx, [
    () =>
      tx.stockLevel.findMany({
        where: { variantId: v.id },
        select: {
          onHand: true,
          reserved: true,
          damaged: true,
          quarantine: true,
          location: { select: { code: true, name: true } },
          bin: { select: { code: true } },
        },
        orderBy: { location: { code: 'asc' } },
      }),
    () => tx.costPool.findUnique({ where: { variantId: v.id } }),
    () =>
      tx.costLayer.findMany({
        where: { variantId: v.id },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: 50,
      }),
    () => tx.$queryRaw<MovementRow[]>`
      SELECT m.id, m.created_at, m.type::text AS type, loc.code AS location, m.on_hand_delta,
        m.reserved_delta, m.damaged_delta,
             m.quarantine_delta, m.value_delta, m.reason, m.reference_type, m.reference_id,
             coalesce(u.email, k.name, m.actor_type) AS actor,
             o.id::text AS order_id, o.number AS order_number, sh.number AS shipment_number,
             r.id::text AS return_id, r.number AS return_number, cc.id::text AS count_id, cc.number AS count_number,
             po.id::text AS po_id, po.number AS po_number, rc.number AS receipt_number
      FROM stock_movements m JOIN locations loc ON loc.id = m.location_id
      LEFT JOIN users u ON m.actor_type = 'user' AND u.id::text = m.actor_id
      LEFT JOIN api_keys k ON m.actor_type = 'api_key' AND k.id::text = m.actor_id
      -- What caused it: the reference, cast only for the types that hold a uuid and only when it is one
      -- (a reference written by a script or an older version may not be).
      LEFT JOIN shipments sh ON sh.id = CASE WHEN m.reference_type = 'shipment' AND m.reference_id
        ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        m.reference_id::uuid END
      LEFT JOIN orders o ON o.id = coalesce(sh.order_id, CASE WHEN m.reference_type = 'order' AND
        m.reference_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
        m.reference_id::uuid END)
      LEFT JOIN returns r ON r.id = CASE WHEN m.reference_type = 'return' AND m.reference_id ~*
        '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN m.reference_id::uuid END
      -- A count's correction is an adjustment; the count line keeps its id (by the SKU's lines: indexed).
      LEFT JOIN cycle_count_lines ccl ON ccl.variant_id = m.variant_id
        AND ccl.adjustment_id = CASE WHEN m.reference_type = 'adjustment' AND m.reference_id ~*
          '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
          m.reference_id::uuid END
      LEFT JOIN cycle_counts cc ON cc.id = ccl.cycle_count_id
      LEFT JOIN receipts rc ON rc.id = CASE WHEN m.reference_type = 'receipt' AND m.reference_id ~*
        '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN m.reference_id::uuid END
      LEFT JOIN purchase_orders po ON po.id = rc.purchase_order_id
      WHERE m.variant_id = ${v.id}::uuid
      ORDER BY ${movementsOrder} LIMIT 100`,
  ]);
  return {
    variant: {
      id: v.id,
      sku: v.sku,
      name: v.product.name,
      title: v.title,
      barcode: v.barcode,
      price: v.price,
      currency: v.currency,
      reorder_point: v.reorderPoint,
      allow_backorder: v.allowBackorder,
    },
    levels: levels.map((l) => ({
      location: l.location.code,
      location_name: l.location.name,
      bin: l.bin?.code ?? null,
      on_hand: l.onHand,
      reserved: l.reserved,
      available: l.onHand - l.reserved,
      damaged: l.damaged,
      quarantine: l.quarantine,
    })),
    pool: {
      quantity: pool?.quantity ?? 0,
      value: pool?.value ?? 0,
      last_unit_cost: pool?.lastUnitCost ?? null,
    },
    layers: layers.map((l) => ({
      id: String(l.id),
      source_type: l.sourceType,
      unit_cost: l.unitCost,
      quantity_received: l.quantityReceived,
      quantity_remaining: l.quantityRemaining,
      received_at: l.receivedAt.toISOString(),
    })),
    movements: movements.map((m) => ({
      id: String(m.id),
      at: m.created_at.toISOString(),
      type: m.type,
      location: m.location,
      on_hand_delta: m.on_hand_delta,
      reserved_delta: m.reserved_delta,
      damaged_delta: m.damaged_delta,
      quarantine_delta: m.quarantine_delta,
      value_delta: m.value_delta,
      reason: m.reason,
      reference: m.reference_type ? `${m.reference_type}${m.reference_id ? `:${m.reference_id}` : ''}` : null,
      source: movementSource(m),
      actor: m.actor,
    })),
  };
}

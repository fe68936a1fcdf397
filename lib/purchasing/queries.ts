import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import {
  ON_ORDER_STATUSES,
  openQuantity,
  poLabel,
  purchaseOrderTotal,
  type PurchaseOrderStatus,
} from './rules';
import type { TPurchaseOrderListQuery } from './schemas';
import { z } from 'zod';
import { decodeCursor, nextCursor } from '@/lib/cursor';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { isUuid, zInt } from '@/lib/boundary';

/** The lists' signed cursors (lib/cursor.ts): a supplier name, a PO number; checked before the query. */
const ZSupplierCursor = z.string().max(200);
const ZPurchaseOrderCursor = zInt({ min: 1, max: 2_147_483_647 });

export type SupplierProductDto = {
  sku: string;
  name: string;
  supplier_sku: string | null;
  unit_cost: number;
  pack_size: number;
  moq: number;
  lead_time_days: number | null;
  preferred: boolean;
};

export type SupplierDto = {
  id: string;
  name: string;
  email: string;
  currency: string;
  payment_terms: string | null;
  lead_time_days: number;
  lead_time_stddev_days: number;
  review_period_days: number;
  minimum_order_value: number;
  over_receipt_tolerance_pct: number;
  active: boolean;
  products: SupplierProductDto[];
  open_purchase_orders: number;
  created_at: string;
};

const supplierSelect = {
  id: true,
  name: true,
  email: true,
  currency: true,
  paymentTerms: true,
  leadTimeDays: true,
  leadTimeStddevDays: true,
  reviewPeriodDays: true,
  minimumOrderValue: true,
  overReceiptTolerancePct: true,
  active: true,
  createdAt: true,
  products: {
    select: {
      supplierSku: true,
      unitCost: true,
      packSize: true,
      moq: true,
      leadTimeDays: true,
      variant: {
        select: { sku: true, title: true, preferredSupplierId: true, product: { select: { name: true } } },
      },
    },
    orderBy: { variant: { sku: 'asc' } },
  },
  _count: { select: { purchaseOrders: { where: { status: { in: [...ON_ORDER_STATUSES, 'draft'] } } } } },
} satisfies Prisma.SupplierSelect;

type SupplierRow = Prisma.SupplierGetPayload<{ select: typeof supplierSelect }>;

function supplierDto(s: SupplierRow): SupplierDto {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    currency: s.currency,
    payment_terms: s.paymentTerms,
    lead_time_days: s.leadTimeDays,
    lead_time_stddev_days: s.leadTimeStddevDays,
    review_period_days: s.reviewPeriodDays,
    minimum_order_value: s.minimumOrderValue,
    over_receipt_tolerance_pct: s.overReceiptTolerancePct,
    active: s.active,
    products: s.products.map((p) => ({
      sku: p.variant.sku,
      name: p.variant.product.name + (p.variant.title ? ` — ${p.variant.title}` : ''),
      supplier_sku: p.supplierSku,
      unit_cost: p.unitCost,
      pack_size: p.packSize,
      moq: p.moq,
      lead_time_days: p.leadTimeDays,
      preferred: p.variant.preferredSupplierId === s.id,
    })),
    open_purchase_orders: s._count.purchaseOrders,
    created_at: s.createdAt.toISOString(),
  };
}

export async function supplierDetail(id: string, tx: Tx = db): Promise<SupplierDto | null> {
  if (!isUuid(id)) return null;
  const row = await tx.supplier.findUnique({ where: { id }, select: supplierSelect });
  return row ? supplierDto(row) : null;
}

/** The suppliers list's header sort: by name either way (the name is the keyset; the cursor follows). */
export const SUPPLIER_SORT = sortSpec(['name'], { id: 'name', desc: false });

/** Suppliers by name, keyset-paginated on the name. */
export async function supplierList(
  query: { cursor?: string; limit: number },
  tx: Tx = db,
  sort: ListSort<(typeof SUPPLIER_SORT.columns)[number]> = SUPPLIER_SORT.default,
): Promise<{ data: SupplierDto[]; next_cursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor, ZSupplierCursor) : undefined;
  const rows = await tx.supplier.findMany({
    where: after !== undefined ? { name: sort.desc ? { lt: after } : { gt: after } } : {},
    select: supplierSelect,
    orderBy: { name: sort.desc ? 'desc' : 'asc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(supplierDto),
    next_cursor: nextCursor(rows, query.limit, (last) => last.name),
  };
}

/** Suppliers for a select box: id, name, currency. */
export async function supplierOptions(tx: Tx = db) {
  return tx.supplier.findMany({
    where: { active: true },
    select: { id: true, name: true, currency: true },
    orderBy: { name: 'asc' },
  });
}

export type PurchaseOrderLineDto = {
  sku: string;
  name: string;
  barcode: string | null;
  supplier_sku: string | null;
  quantity: number;
  received: number;
  cancelled: number;
  open: number;
  billed: number;
  unit_cost: number;
  line_total: number;
};

export type PurchaseOrderDto = {
  id: string;
  number: number;
  label: string;
  status: PurchaseOrderStatus;
  supplier_id: string;
  supplier: { id: string; name: string; email: string; over_receipt_tolerance_pct: number };
  location: string;
  currency: string;
  expected_at: string | null;
  notes: string | null;
  revision: number;
  lines: PurchaseOrderLineDto[];
  total: number;
  received_value: number;
  created_by: string;
  created_at: string;
  sent_at: string | null;
  closed_at: string | null;
  cancelled_at: string | null;
  /** a dropship PO (decision 041): the customer order it ships and the address it ships to */
  dropship: { order_id: string; order_number: number; ship_to: Record<string, unknown> } | null;
};

export type PurchaseOrderEventDto = {
  id: string;
  kind: string;
  message: string;
  data: unknown;
  actor: string;
  at: string;
};

const poSelect = {
  id: true,
  number: true,
  status: true,
  currency: true,
  expectedAt: true,
  notes: true,
  revision: true,
  createdBy: true,
  createdAt: true,
  sentAt: true,
  closedAt: true,
  cancelledAt: true,
  orderId: true,
  shipTo: true,
  order: { select: { number: true } },
  supplierId: true,
  supplier: { select: { id: true, name: true, email: true, overReceiptTolerancePct: true } },
  location: { select: { code: true } },
  lines: {
    select: {
      sku: true,
      quantityOrdered: true,
      quantityReceived: true,
      quantityCancelled: true,
      quantityBilled: true,
      unitCost: true,
      variant: {
        select: {
          barcode: true,
          title: true,
          product: { select: { name: true } },
          supplierProducts: { select: { supplierId: true, supplierSku: true } },
        },
      },
    },
    orderBy: { position: 'asc' },
  },
} satisfies Prisma.PurchaseOrderSelect;

type PoRow = Prisma.PurchaseOrderGetPayload<{ select: typeof poSelect }>;

function poDto(po: PoRow): PurchaseOrderDto {
  const lines = po.lines.map((l) => {
    const q = { ordered: l.quantityOrdered, received: l.quantityReceived, cancelled: l.quantityCancelled };
    return {
      sku: l.sku,
      name: l.variant.product.name + (l.variant.title ? ` — ${l.variant.title}` : ''),
      barcode: l.variant.barcode,
      supplier_sku:
        l.variant.supplierProducts.find((p) => p.supplierId === po.supplierId)?.supplierSku ?? null,
      quantity: l.quantityOrdered,
      received: l.quantityReceived,
      cancelled: l.quantityCancelled,
      open: openQuantity(q),
      billed: l.quantityBilled,
      unit_cost: l.unitCost,
      line_total: (l.quantityOrdered - l.quantityCancelled) * l.unitCost,
    };
  });
  return {
    id: po.id,
    number: po.number,
    label: poLabel(po.number),
    status: po.status,
    supplier_id: po.supplierId,
    supplier: {
      id: po.supplier.id,
      name: po.supplier.name,
      email: po.supplier.email,
      over_receipt_tolerance_pct: po.supplier.overReceiptTolerancePct,
    },
    location: po.location.code,
    currency: po.currency,
    expected_at: po.expectedAt ? po.expectedAt.toISOString().slice(0, 10) : null,
    notes: po.notes,
    revision: po.revision,
    lines,
    total: purchaseOrderTotal(
      lines.map((l) => ({
        ordered: l.quantity,
        received: l.received,
        cancelled: l.cancelled,
        unit_cost: l.unit_cost,
      })),
    ),
    received_value: lines.reduce((s, l) => s + l.received * l.unit_cost, 0),
    created_by: po.createdBy,
    created_at: po.createdAt.toISOString(),
    sent_at: po.sentAt?.toISOString() ?? null,
    closed_at: po.closedAt?.toISOString() ?? null,
    cancelled_at: po.cancelledAt?.toISOString() ?? null,
    dropship:
      po.orderId && po.order
        ? {
            order_id: po.orderId,
            order_number: po.order.number,
            ship_to: (po.shipTo ?? {}) as Record<string, unknown>,
          }
        : null,
  };
}

export async function purchaseOrderDetail(id: string, tx: Tx = db): Promise<PurchaseOrderDto | null> {
  if (!isUuid(id)) return null;
  const row = await tx.purchaseOrder.findUnique({ where: { id }, select: poSelect });
  return row ? poDto(row) : null;
}

export async function purchaseOrderByNumber(number: number, tx: Tx = db): Promise<PurchaseOrderDto | null> {
  const row = await tx.purchaseOrder.findUnique({ where: { number }, select: poSelect });
  return row ? poDto(row) : null;
}

export async function purchaseOrderTimeline(id: string, tx: Tx = db): Promise<PurchaseOrderEventDto[]> {
  if (!isUuid(id)) return [];
  const rows = await tx.purchaseOrderEvent.findMany({
    where: { purchaseOrderId: id },
    select: { id: true, kind: true, message: true, data: true, actorLabel: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    message: r.message,
    data: r.data,
    actor: r.actorLabel,
    at: r.createdAt.toISOString(),
  }));
}

/**
 * The PO lists' header sort: by number, either way (the number is the keyset, so a cursor follows
 * the direction; a sort by total or date would need keysets of its own).
 */
export const PURCHASE_ORDER_SORT = sortSpec(['number'], { id: 'number', desc: true });

/** Newest first, keyset-paginated on the number. */
export async function purchaseOrderList(
  query: TPurchaseOrderListQuery,
  tx: Tx = db,
  sort: ListSort<(typeof PURCHASE_ORDER_SORT.columns)[number]> = PURCHASE_ORDER_SORT.default,
): Promise<{ data: PurchaseOrderDto[]; next_cursor: string | null }> {
  const cursor = query.cursor ? decodeCursor(query.cursor, ZPurchaseOrderCursor) : undefined;
  const rows = await tx.purchaseOrder.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.supplier_id ? { supplierId: query.supplier_id } : {}),
      ...(cursor ? { number: sort.desc ? { lt: cursor } : { gt: cursor } } : {}),
    },
    select: poSelect,
    orderBy: { number: sort.desc ? 'desc' : 'asc' },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(poDto),
    next_cursor: nextCursor(rows, query.limit, (last) => last.number),
  };
}

/** The open POs a SKU is on, for its stock page: number, location, open units, expected date. */
export async function openPurchaseOrdersForSku(sku: string, tx: Tx = db) {
  const rows = await tx.purchaseOrderLine.findMany({
    where: { sku, purchaseOrder: { status: { in: [...ON_ORDER_STATUSES] }, orderId: null } },
    select: {
      quantityOrdered: true,
      quantityReceived: true,
      quantityCancelled: true,
      purchaseOrder: {
        select: {
          id: true,
          number: true,
          expectedAt: true,
          location: { select: { code: true } },
          supplier: { select: { name: true } },
        },
      },
    },
    orderBy: { purchaseOrder: { number: 'asc' } },
  });
  return rows
    .map((r) => ({
      id: r.purchaseOrder.id,
      label: poLabel(r.purchaseOrder.number),
      supplier: r.purchaseOrder.supplier.name,
      location: r.purchaseOrder.location.code,
      open: openQuantity({
        ordered: r.quantityOrdered,
        received: r.quantityReceived,
        cancelled: r.quantityCancelled,
      }),
      expected_at: r.purchaseOrder.expectedAt?.toISOString().slice(0, 10) ?? null,
    }))
    .filter((r) => r.open > 0);
}

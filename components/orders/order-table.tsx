'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
} from '@/components/data-table/data-table';
import { OrderStatusBadge, PaymentStatusBadge, RiskBadge } from '@/components/orders/order-badges';
import { BulkOrderActions } from '@/components/orders/bulk-order-actions';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { formatMoney } from '@/lib/money';
import type { BulkDocument, BulkOrderAction } from '@/lib/orders/bulk-schemas';
import type { OrderRow } from '@/lib/orders/queries';

/** A row of the list, as lib/orders/queries.ts reads it. */
export type OrderTableRow = OrderRow;

/** The orders list: sorted (placed, total) and paged by the server; bulk actions on the selection. */
export function OrderTable({
  rows,
  total,
  sort,
  pagination,
  timeZone,
  filter,
  allowed,
  empty,
}: {
  rows: OrderTableRow[];
  total: number;
  sort: { id: string; desc: boolean };
  pagination: DataTablePagination;
  timeZone: string;
  filter: string;
  allowed: { actions: BulkOrderAction[]; documents: BulkDocument[] };
  empty: React.ReactNode;
}) {
  const columns = useMemo<DataTableColumn<OrderTableRow>[]>(() => {
    const placed = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    return [
      {
        id: 'number',
        header: 'Order',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <Link
            href={`/orders/${row.original.id}`}
            className="whitespace-nowrap font-medium text-brand-700 underline"
          >
            #{row.original.number}
          </Link>
        ),
      },
      {
        id: 'placed',
        header: 'Placed',
        sortDescFirst: true,
        cell: ({ row }) => (
          <span className="whitespace-nowrap">{placed.format(new Date(row.original.placed_at))}</span>
        ),
      },
      {
        id: 'customer',
        header: 'Customer',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="block min-w-0 break-words">
            <span className="block">{row.original.customer}</span>
            <span className="block break-all text-slate-600">{row.original.email}</span>
          </span>
        ),
      },
      {
        id: 'channel',
        header: 'Channel',
        enableSorting: false,
        cell: ({ row }) => CHANNEL_LABEL[row.original.channel] ?? row.original.channel,
      },
      {
        id: 'status',
        header: 'Status / payment',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => (
          <span className="flex flex-col items-start gap-1">
            <OrderStatusBadge status={row.original.status} />
            <PaymentStatusBadge status={row.original.payment_status} />
          </span>
        ),
      },
      {
        id: 'risk',
        header: 'Risk',
        enableSorting: false,
        cell: ({ row }) => <RiskBadge level={row.original.risk_level} score={row.original.risk_score} />,
      },
      {
        id: 'items',
        header: 'Items',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => <span className="tabular-nums">{row.original.items}</span>,
      },
      {
        id: 'total',
        header: 'Total',
        sortDescFirst: true,
        enableHiding: false,
        cell: ({ row }) => (
          <span className="whitespace-nowrap font-medium tabular-nums">
            {formatMoney(row.original.total, row.original.currency)}
          </span>
        ),
      },
    ];
  }, [timeZone]);

  const bulk = allowed.actions.length + allowed.documents.length > 0;
  return (
    <DataTable
      caption="Orders"
      columns={columns}
      data={rows}
      rowCount={total}
      getRowId={(r) => r.id}
      sort={sort}
      pagination={pagination}
      noun={['order', 'orders']}
      empty={empty}
      storageKey="orders"
      columnClassName={{ items: 'lg:text-right', total: 'lg:text-right lg:pr-4' }}
      selection={
        bulk
          ? {
              allMatching: true,
              label: (r) => `Select order #${r.number}`,
              actions: (selection) => (
                <BulkOrderActions selection={selection} filter={filter} allowed={allowed} />
              ),
            }
          : undefined
      }
    />
  );
}

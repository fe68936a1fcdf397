'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataTableColumn } from '@/components/data-table/data-table';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import type { QueueRow } from '@/lib/fulfillment/queries';

/**
 * The fulfillment queue in the server's order: the most urgent first (the work order) unless a header
 * (Order · ship by, Items to ship, Placed) sorted it otherwise into the URL. Each row's checkbox belongs
 * to the surrounding form (`orders`), whose buttons start a pick or print the pick list.
 */
export function QueueTable({
  rows,
  total,
  timeZone,
  empty,
  sort,
}: {
  rows: QueueRow[];
  total: number;
  timeZone: string;
  empty: React.ReactNode;
  /** the server's sort (QUEUE_SORT) */
  sort: { id: string; desc: boolean };
}) {
  const columns = useMemo<DataTableColumn<QueueRow>[]>(() => {
    const shipBy = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    return [
      {
        id: 'order',
        header: 'Order · ship by',
        enableHiding: false,
        cell: ({ row: { original: o } }) => (
          <span className="block whitespace-nowrap">
            <Link
              href={`/fulfillment/orders/${o.id}`}
              className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
              aria-label={`Ship order #${o.number}`}
            >
              #{o.number}
            </Link>
            {o.status !== 'open' && (
              <span className="ml-2">
                <OrderStatusBadge status={o.status} />
              </span>
            )}
            <span className="block pb-1 text-slate-700">
              {o.promised_ship_by ? (
                shipBy.format(new Date(o.promised_ship_by))
              ) : (
                <span className="text-slate-600">No promise</span>
              )}
              {o.overdue && (
                <span className="ml-2 rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                  Overdue
                </span>
              )}
            </span>
          </span>
        ),
      },
      {
        id: 'items',
        header: 'Items to ship',
        cell: ({ row: { original: o } }) => (
          <>
            <span className="font-medium">
              {o.units_open} {o.units_open === 1 ? 'item' : 'items'}
            </span>
            <span className="block text-slate-600">
              {o.lines_open.slice(0, 3).map((l, i) => (
                <span key={i} className="whitespace-nowrap">
                  {i ? ', ' : ''}
                  {l}
                </span>
              ))}
              {o.lines_open.length > 3 ? `, +${o.lines_open.length - 3} more` : ''}
            </span>
          </>
        ),
      },
      {
        id: 'placed',
        header: 'Placed',
        cell: ({ row: { original: o } }) => (
          <span className="whitespace-nowrap">{shipBy.format(new Date(o.placed_at))}</span>
        ),
      },
      {
        id: 'customer',
        header: 'Customer · channel',
        enableSorting: false,
        cell: ({ row: { original: o } }) => (
          <>
            {o.customer}
            <span className="block text-slate-600">
              {CHANNEL_LABEL[o.channel] ?? o.channel}
              {o.shipping_method ? ` · ${o.shipping_method}` : ''}
            </span>
          </>
        ),
      },
    ];
  }, [timeZone]);

  return (
    <DataTable
      caption="Orders to ship"
      columns={columns}
      data={rows}
      rowCount={total}
      getRowId={(r) => r.id}
      sort={sort}
      noun={['order', 'orders']}
      empty={empty}
      rowClassName={(o) => (o.overdue ? 'bg-red-50' : '')}
      columnClassName={{ items: 'lg:min-w-48', customer: 'lg:min-w-36' }}
      selection={{ name: 'orders', label: (o) => `Select order #${o.number}` }}
    />
  );
}

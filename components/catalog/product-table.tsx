'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataTableColumn } from '@/components/data-table/data-table';
import { ProductStatusBadge } from '@/components/catalog/product-status-badge';
import { formatMoney } from '@/lib/money';
import type { ProductListRow } from '@/lib/catalog/schemas';

function priceRange(r: ProductListRow) {
  if (!r.currency) return '—';
  const min = formatMoney(r.min_price, r.currency);
  return r.min_price === r.max_price ? min : `${min}–${formatMoney(r.max_price, r.currency)}`;
}

/** The products list: rows already searched, filtered, sorted and paged by the server. */
export function ProductTable({
  rows,
  total,
  sort,
  page,
  pageSize,
  timezone,
}: {
  rows: ProductListRow[];
  total: number;
  sort: { id: string; desc: boolean };
  page: number;
  pageSize: number;
  timezone: string;
}) {
  const columns = useMemo<DataTableColumn<ProductListRow>[]>(() => {
    const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: timezone });
    return [
      {
        id: 'name',
        accessorKey: 'name',
        header: 'Product',
        cell: ({ row }) => (
          <div className="min-w-40">
            <Link
              href={`/inventory/products/${row.original.id}`}
              className="font-medium text-brand-700 underline"
            >
              {row.original.name}
            </Link>
            {row.original.vendor && <p className="text-slate-600">{row.original.vendor}</p>}
          </div>
        ),
      },
      {
        id: 'sku',
        accessorKey: 'sku',
        header: 'SKU',
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            <span className="font-mono">{row.original.sku || '—'}</span>
            {row.original.variant_count > 1 && (
              <span className="ml-1 text-slate-600">+{row.original.variant_count - 1} more</span>
            )}
          </span>
        ),
      },
      {
        id: 'product_type',
        accessorKey: 'product_type',
        header: 'Type',
        enableSorting: false,
        cell: ({ row }) => row.original.product_type ?? '—',
      },
      {
        id: 'price',
        accessorKey: 'min_price',
        header: 'Price',
        cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{priceRange(row.original)}</span>,
      },
      {
        id: 'stock',
        accessorKey: 'available',
        header: 'Available',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="tabular-nums" title={`${row.original.on_hand} on hand`}>
            {row.original.available}
            <span className="sr-only"> available, {row.original.on_hand} on hand</span>
          </span>
        ),
      },
      {
        id: 'status',
        accessorKey: 'status',
        header: 'Status',
        enableSorting: false,
        cell: ({ row }) => <ProductStatusBadge status={row.original.status} />,
      },
      {
        id: 'updated',
        accessorKey: 'updated_at',
        header: 'Updated',
        sortDescFirst: true,
        cell: ({ row }) => (
          <span className="whitespace-nowrap">{date.format(new Date(row.original.updated_at))}</span>
        ),
      },
    ];
  }, [timezone]);

  return (
    <DataTable
      caption="Products"
      columns={columns}
      data={rows}
      rowCount={total}
      sort={sort}
      pagination={{ kind: 'pages', page, pageSize }}
      getRowId={(r) => r.id}
      noun={['product', 'products']}
      columnClassName={{
        product_type: 'hidden lg:table-cell',
        updated: 'hidden lg:table-cell',
        stock: 'text-right',
      }}
    />
  );
}

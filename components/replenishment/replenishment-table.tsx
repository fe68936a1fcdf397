'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { DataTable, type DataTableColumn } from '@/components/data-table/data-table';
import type { ReplenishmentRowDto } from '@/lib/replenishment/queries';

const METHOD: Record<string, string> = {
  seasonal_naive: 'Seasonal naive',
  moving_average: 'Moving average',
  holt_winters: 'Holt-Winters',
  croston_sba: 'Croston-SBA',
  tsb: 'TSB',
};
const n = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits });

/** The replenishment list: each suggestion with every figure of its arithmetic and its explanation. */
export function ReplenishmentTable({
  rows,
  total,
  sort,
  page,
  pageSize,
  chartHref,
}: {
  rows: ReplenishmentRowDto[];
  total: number;
  sort: { id: string; desc: boolean };
  page: number;
  pageSize: number;
  /** the page's URL with `sku` and `location` set to a row's (opens its chart) */
  chartHref: Record<string, string>;
}) {
  const columns = useMemo<DataTableColumn<ReplenishmentRowDto>[]>(
    () => [
      {
        id: 'sku',
        accessorKey: 'sku',
        header: 'SKU',
        cell: ({ row }) => (
          <div className="min-w-32">
            <Link
              href={chartHref[`${row.original.sku}@${row.original.location}`]}
              className="font-mono text-brand-700 underline"
            >
              {row.original.sku}
            </Link>
            <p className="text-slate-600">
              {row.original.name} · {row.original.location}
            </p>
          </div>
        ),
      },
      {
        // ABC: A (the most revenue) first
        id: 'class',
        header: 'Class',
        cell: ({ row }) => (
          <span className="whitespace-nowrap">
            {row.original.abc_class} · {row.original.demand_class}
          </span>
        ),
      },
      {
        id: 'method',
        header: 'Method',
        enableSorting: false,
        cell: ({ row }) => METHOD[row.original.method] ?? row.original.method,
      },
      {
        id: 'forecast',
        accessorKey: 'forecast_daily',
        header: 'Forecast/day',
        cell: ({ row }) => <span className="tabular-nums">{n(row.original.forecast_daily)}</span>,
      },
      {
        id: 'policy',
        header: 'LT · SS · ROP',
        enableSorting: false,
        cell: ({ row }) => (
          <span className="whitespace-nowrap tabular-nums">
            {row.original.lead_time_days} d · {n(row.original.safety_stock)} · {n(row.original.reorder_point)}
          </span>
        ),
      },
      {
        id: 'position',
        accessorKey: 'position',
        header: 'On hand · order · pos.',
        cell: ({ row }) => (
          <span className="whitespace-nowrap tabular-nums">
            {row.original.on_hand} · {row.original.on_order} · {row.original.position}
          </span>
        ),
      },
      {
        id: 'suggested',
        accessorKey: 'suggested_quantity',
        header: 'Suggested',
        sortDescFirst: true,
        cell: ({ row }) => (
          <div className="min-w-48">
            <p className="font-semibold tabular-nums">{row.original.suggested_quantity}</p>
            <p className="text-xs text-slate-600">{row.original.explanation}</p>
          </div>
        ),
      },
      {
        id: 'supplier',
        accessorKey: 'supplier',
        header: 'Supplier',
        cell: ({ row }) => row.original.supplier ?? '—',
      },
      {
        id: 'accuracy',
        header: 'MASE (naive)',
        enableSorting: false,
        cell: ({ row }) => (
          <span
            className="whitespace-nowrap tabular-nums"
            title="Backtest MASE of the chosen method, seasonal naive's in brackets"
          >
            {n(row.original.accuracy?.mase)} ({n(row.original.seasonal_naive?.mase)})
          </span>
        ),
      },
    ],
    [chartHref],
  );
  return (
    <DataTable
      caption="Replenishment suggestions"
      columns={columns}
      data={rows}
      rowCount={total}
      sort={sort}
      pagination={{ kind: 'pages', page, pageSize }}
      storageKey="replenishment-columns"
      getRowId={(r) => `${r.sku}@${r.location}`}
      noun={['SKU', 'SKUs']}
      columnClassName={{
        class: 'hidden xl:table-cell',
        method: 'hidden lg:table-cell',
        policy: 'hidden lg:table-cell',
        supplier: 'hidden xl:table-cell',
        accuracy: 'hidden xl:table-cell',
      }}
    />
  );
}

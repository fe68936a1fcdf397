'use client';

import { useTransition } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type PaginationState,
  type RowData,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';

/**
 * The one server-paginated table: the server has already filtered, sorted and paged `data`, and the
 * URL holds that state (`sort`, `dir`, `page`). TanStack Table runs in manual mode; clicking a sortable
 * header or a page button changes the URL, and the server component renders the new page.
 */
export const dataTableFeatures = tableFeatures({ rowSortingFeature, rowPaginationFeature });
export type DataTableColumn<TData extends RowData> = ColumnDef<typeof dataTableFeatures, TData>;

type Props<TData extends RowData> = {
  /** what the table lists, for screen readers: "Products" */
  caption: string;
  columns: DataTableColumn<TData>[];
  data: TData[];
  /** rows matching the filters, over all pages */
  rowCount: number;
  sort: { id: string; desc: boolean };
  /** 1-based */
  page: number;
  pageSize: number;
  getRowId: (row: TData) => string;
  /** responsive classes per column id, e.g. hide a column below `lg` */
  columnClassName?: Record<string, string>;
  /** what to say for one row and for several: ['product', 'products'] */
  noun?: [string, string];
};

export function DataTable<TData extends RowData>({
  caption,
  columns,
  data,
  rowCount,
  sort,
  page,
  pageSize,
  getRowId,
  columnClassName = {},
  noun = ['row', 'rows'],
}: Props<TData>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  const sorting: SortingState = [sort];
  const pagination: PaginationState = { pageIndex: page - 1, pageSize };

  function navigate(changes: Record<string, string | undefined>) {
    const params = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) params.delete(k);
      else params.set(k, v);
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    rowCount,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    // A first click sorts ascending (A→Z, cheapest first); a column may set sortDescFirst (newest first).
    sortDescFirst: false,
    state: { sorting, pagination },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (next) navigate({ sort: next.id, dir: next.desc ? 'desc' : 'asc', page: undefined });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === 'function' ? updater(pagination) : updater;
      navigate({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : undefined });
    },
  });

  const pageCount = Math.max(table.getPageCount(), 1);
  const first = rowCount === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, rowCount);
  const buttonClass =
    'min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50';

  return (
    <div aria-busy={pending || undefined}>
      <div className={`relative overflow-x-auto transition-opacity ${pending ? 'opacity-60' : ''}`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            {caption}, sorted by {sort.id} {sort.desc ? 'descending' : 'ascending'}, page {page} of{' '}
            {pageCount}
          </caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const className = `px-3 py-2 font-medium first:pl-4 ${columnClassName[header.column.id] ?? ''}`;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={className}
                      aria-sort={
                        sorted === 'asc'
                          ? 'ascending'
                          : sorted === 'desc'
                            ? 'descending'
                            : header.column.getCanSort()
                              ? 'none'
                              : undefined
                      }
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="-mx-1 inline-flex min-h-8 items-center gap-1 rounded px-1 font-medium hover:text-slate-950 hover:underline"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 align-top">
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={`px-3 py-2 first:pl-4 ${columnClassName[cell.column.id] ?? ''}`}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav
        aria-label="Pages"
        className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
      >
        <p className="text-slate-700" aria-live="polite">
          {rowCount === 0
            ? `No ${noun[1]}`
            : `${first}–${last} of ${rowCount} ${rowCount === 1 ? noun[0] : noun[1]}`}{' '}
          · page {page} of {pageCount}
        </p>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass}
            onClick={() => table.firstPage()}
            disabled={!table.getCanPreviousPage() || pending}
          >
            First
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage() || pending}
          >
            Previous
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => table.nextPage()}
            disabled={!table.getCanNextPage() || pending}
          >
            Next
          </button>
          <button
            type="button"
            className={buttonClass}
            onClick={() => table.lastPage()}
            disabled={!table.getCanLastPage() || pending}
          >
            Last
          </button>
        </div>
      </nav>
    </div>
  );
}

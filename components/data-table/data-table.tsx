'use client';

import { useMemo, useRef, useState, useSyncExternalStore, useTransition, type ReactNode } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import {
  columnVisibilityFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type PaginationState,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { LIST_ROW_ATTR, useListKeys } from '@/components/data-table/use-list-keys';
import { CursorPager } from '@/components/data-table/list-chrome';

/**
 * The one server-driven table (decision 030): the server has already filtered, sorted and paged
 * `data`, and the URL holds that state (`sort`, `dir`, and `page` or `cursor`). TanStack Table runs in
 * manual mode; a sortable header or a page button changes the URL and the server renders the new
 * page. It also selects rows (with "all N matching", where the filter travels rather than the ids),
 * hides columns (remembered in localStorage), keeps its header in view, answers the list keys
 * (lib/list/shortcuts.ts) and, under 1024 px, lays each row out as a compact card so that no list
 * scrolls sideways on a tablet.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
});
export type DataTableColumn<TData extends RowData> = ColumnDef<typeof dataTableFeatures, TData>;

/** What the bulk actions act on: the selected rows of this page, or every row the filter matches. */
export type DataTableSelection = {
  ids: string[];
  allMatching: boolean;
  /** rows acted on: the selected ones, or every match */
  count: number;
  clear: () => void;
};

export type DataTablePagination =
  | { kind: 'pages'; page: number; pageSize: number }
  | { kind: 'cursor'; firstHref?: string; nextHref?: string; summary?: string };

type Props<TData extends RowData> = {
  /** what the table lists, for screen readers: "Products" */
  caption: string;
  columns: DataTableColumn<TData>[];
  data: TData[];
  getRowId: (row: TData) => string;
  /** rows matching the filters, over all pages (for page counts and "select all N matching") */
  rowCount?: number;
  /** the server's sort; sortable columns (enableSorting) write `sort` and `dir` into the URL */
  sort?: { id: string; desc: boolean };
  pagination?: DataTablePagination;
  /** what to say for one row and for several: ['product', 'products'] */
  noun?: [string, string];
  /** shown instead of the table when there are no rows: say what to do next */
  empty?: ReactNode;
  /** responsive classes per column id (cells and header) */
  columnClassName?: Record<string, string>;
  rowClassName?: (row: TData) => string;
  /** a checkbox per row; `name` makes them part of a surrounding form (value = row id) */
  selection?: {
    name?: string;
    /** the bar shown while rows are selected */
    actions?: (selection: DataTableSelection) => ReactNode;
    /** offer "select all N matching" when every row of the page is selected and more match */
    allMatching?: boolean;
    label?: (row: TData) => string;
  };
  /** remember hidden columns under this key (localStorage); columns with enableHiding: false always show */
  storageKey?: string;
  /** the list keys (/, j, k, Enter, x); off for a second table on the same page */
  keys?: boolean;
  /** name the scroll box as a region (unique on the page), for a page whose sections find the table by it */
  regionLabel?: string;
  /** the column whose cells head their rows (`<th scope="row">`): the payout's reference */
  rowHeader?: string;
  /** the list's own heading row (its name and count), sharing the row of the sort select and Columns */
  toolbar?: ReactNode;
};

const ROW_HEADER_CLASS = 'text-left font-normal';
// A cell: padded in a table row, a block with its label in a card under 1024 px.
const CELL_CLASS =
  'px-3 py-2 first:pl-4 max-lg:block max-lg:min-w-0 max-lg:break-words max-lg:p-0 max-lg:first:pl-0 ' +
  'max-lg:[&_*]:whitespace-normal';
const buttonClass =
  'inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-3 text-sm ' +
  'font-medium hover:bg-slate-50 disabled:cursor-not-allowed ' +
  'disabled:opacity-50';

function headerText(header: unknown, id: string): string {
  return typeof header === 'string' ? header : id;
}

// Hidden columns live in localStorage: read after hydration (the server cannot know what this browser
// hid), and every table with the same key follows a change.
const VISIBILITY_EVENT = 'data-table-columns';
function subscribeVisibility(callback: () => void) {
  window.addEventListener('storage', callback);
  window.addEventListener(VISIBILITY_EVENT, callback);
  return () => {
    window.removeEventListener('storage', callback);
    window.removeEventListener(VISIBILITY_EVENT, callback);
  };
}

function parseHidden(raw: string): ColumnVisibilityState {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).filter(([, v]) => v === false),
    ) as ColumnVisibilityState;
  } catch {
    return {};
  }
}

export function DataTable<TData extends RowData>({
  caption,
  columns,
  data,
  getRowId,
  rowCount,
  sort,
  pagination,
  noun = ['row', 'rows'],
  empty,
  columnClassName = {},
  rowClassName,
  selection,
  storageKey,
  keys = true,
  regionLabel,
  rowHeader,
  toolbar,
}: Props<TData>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const root = useRef<HTMLDivElement>(null);
  useListKeys(root, keys);

  // A new page of rows starts with nothing selected.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [seen, setSeen] = useState(data);
  if (seen !== data) {
    setSeen(data);
    setRowSelection({});
    setAllMatching(false);
  }
  const storageName = storageKey ? `data-table:${storageKey}` : null;
  const rawHidden = useSyncExternalStore(
    subscribeVisibility,
    () => (storageName ? (window.localStorage.getItem(storageName) ?? '{}') : '{}'),
    () => '{}',
  );
  const columnVisibility = useMemo(() => parseHidden(rawHidden), [rawHidden]);

  const sorting: SortingState = sort ? [sort] : [];
  const paging: PaginationState =
    pagination?.kind === 'pages'
      ? { pageIndex: pagination.page - 1, pageSize: pagination.pageSize }
      : { pageIndex: 0, pageSize: Math.max(data.length, 1) };

  function navigate(changes: Record<string, string | undefined>) {
    const params = new URLSearchParams(searchParams.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) params.delete(k);
      else params.set(k, v);
    }
    const query = params.toString();
    startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  // A column that renders its cell from the row has no accessor; TanStack only sorts columns with one,
  // and the sorting here is the server's, so a constant accessor is all it needs.
  const withAccessors = columns.map((c) =>
    'accessorFn' in c || 'accessorKey' in c ? c : { ...c, accessorFn: () => null },
  );
  const allColumns: DataTableColumn<TData>[] = selection
    ? [
        {
          id: '_select',
          enableSorting: false,
          enableHiding: false,
          header: ({ table }) => (
            <input
              type="checkbox"
              aria-label={`Select every ${noun[0]} on this page`}
              className="size-5 align-middle"
              checked={table.getIsAllPageRowsSelected()}
              ref={(el) => {
                if (el) el.indeterminate = table.getIsSomePageRowsSelected();
              }}
              onChange={table.getToggleAllPageRowsSelectedHandler()}
            />
          ),
          cell: ({ row }) => (
            <input
              type="checkbox"
              name={selection.name}
              value={row.id}
              aria-label={selection.label ? selection.label(row.original) : `Select ${noun[0]} ${row.id}`}
              className="size-5 align-middle"
              checked={row.getIsSelected()}
              onChange={row.getToggleSelectedHandler()}
            />
          ),
        },
        ...withAccessors,
      ]
    : withAccessors;

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data,
    getRowId,
    rowCount: rowCount ?? data.length,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableRowSelection: !!selection,
    // A first click sorts ascending (A→Z, cheapest first); a column may set sortDescFirst (newest first).
    sortDescFirst: false,
    state: { sorting, pagination: paging, rowSelection, columnVisibility },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === 'function' ? updater(sorting) : updater)[0];
      if (next)
        navigate({ sort: next.id, dir: next.desc ? 'desc' : 'asc', page: undefined, cursor: undefined });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === 'function' ? updater(paging) : updater;
      navigate({ page: next.pageIndex > 0 ? String(next.pageIndex + 1) : undefined });
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      setRowSelection((prev) => (typeof updater === 'function' ? updater(prev) : updater));
      setAllMatching(false);
    },
    onColumnVisibilityChange: (updater: Updater<ColumnVisibilityState>) => {
      if (!storageName) return;
      const next = typeof updater === 'function' ? updater(columnVisibility) : updater;
      window.localStorage.setItem(storageName, JSON.stringify(next));
      window.dispatchEvent(new Event(VISIBILITY_EVENT));
    },
  });

  const total = rowCount ?? data.length;
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const pageAllSelected = data.length > 0 && selectedIds.length === data.length;
  const current: DataTableSelection = {
    ids: selectedIds,
    allMatching,
    count: allMatching ? total : selectedIds.length,
    clear: () => {
      setRowSelection({});
      setAllMatching(false);
    },
  };
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());
  const sortable = table.getAllLeafColumns().filter((c) => c.getCanSort());
  const visible = table.getVisibleLeafColumns();
  const titleColumn = visible.find((c) => c.id !== '_select')?.id;
  const plural = (n: number) => (n === 1 ? noun[0] : noun[1]);

  return (
    <div ref={root} aria-busy={pending || undefined}>
      {toolbar || (hideable.length > 0 && storageKey) || sortable.length > 0 ? (
        <div
          className={
            toolbar
              ? 'flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-2'
              : 'flex flex-wrap items-center justify-end gap-3 px-4 py-2 text-sm'
          }
        >
          {toolbar}
          <div className={toolbar ? 'flex flex-wrap items-center gap-3 text-sm' : 'contents'}>
            {sort && sortable.length > 0 && (
              // The headers sort on a wide screen; the cards have no headers, so a select does it there.
              <label className="flex items-center gap-2 lg:hidden">
                <span className="font-medium">Sort by</span>
                <select
                  className="min-h-10 rounded-md border border-slate-300 bg-white px-2"
                  value={`${sort.id}:${sort.desc ? 'desc' : 'asc'}`}
                  onChange={(e) => {
                    const [id, dir] = e.target.value.split(':');
                    navigate({ sort: id, dir, page: undefined, cursor: undefined });
                  }}
                >
                  {sortable.flatMap((c) => {
                    const label = headerText(c.columnDef.header, c.id);
                    return [
                      <option key={`${c.id}:asc`} value={`${c.id}:asc`}>
                        {label}, ascending
                      </option>,
                      <option key={`${c.id}:desc`} value={`${c.id}:desc`}>
                        {label}, descending
                      </option>,
                    ];
                  })}
                </select>
              </label>
            )}
            {storageKey && hideable.length > 0 && (
              <details className="relative">
                <summary
                  className={
                    'inline-flex min-h-10 cursor-pointer items-center rounded-md ' +
                    'border border-slate-300 bg-white px-3 font-medium hover:bg-slate-50'
                  }
                >
                  Columns
                </summary>
                <fieldset
                  className={
                    'absolute right-0 z-20 mt-1 w-56 rounded-md border ' +
                    'border-slate-200 bg-white p-3 shadow-lg'
                  }
                >
                  <legend className="sr-only">Columns to show</legend>
                  {hideable.map((c) => (
                    <label key={c.id} className="flex min-h-9 items-center gap-2">
                      <input
                        type="checkbox"
                        className="size-4"
                        checked={c.getIsVisible()}
                        onChange={c.getToggleVisibilityHandler()}
                      />
                      {headerText(c.columnDef.header, c.id)}
                    </label>
                  ))}
                </fieldset>
              </details>
            )}
          </div>
        </div>
      ) : null}

      {selection && (selection.actions || selectedIds.length > 0) && (
        <div
          role="region"
          aria-label="Selected rows"
          className="flex flex-wrap items-center gap-3 border-y border-slate-200 bg-slate-50 px-4 py-2 text-sm"
        >
          <p className="font-medium" aria-live="polite">
            {allMatching
              ? `All ${total} matching ${plural(total)} selected`
              : selectedIds.length
                ? `${selectedIds.length} ${plural(selectedIds.length)} selected`
                : `Select ${noun[1]} to act on them`}
          </p>
          {selection.allMatching && pageAllSelected && !allMatching && total > data.length && (
            <button type="button" className={buttonClass} onClick={() => setAllMatching(true)}>
              Select all {total} matching {noun[1]}
            </button>
          )}
          {current.count > 0 && (
            <button type="button" className="min-h-10 px-2 text-brand-700 underline" onClick={current.clear}>
              Clear selection
            </button>
          )}
          {selection.actions?.(current)}
        </div>
      )}

      {data.length === 0 ? (
        <div className="p-6 text-slate-700">{empty ?? `No ${noun[1]}.`}</div>
      ) : (
        // From 1024 px the rows are a table; beside the sidebar a wide one scrolls within this box
        // (focusable, so the keyboard can scroll it), never the page. The box is at most a screen tall
        // and scrolls both ways, so the header row, sticky at its top, stays in view over a long list
        // (a sticky cell sticks to its nearest scrolling box, which a sideways-only box would be).
        <div
          tabIndex={0}
          role={regionLabel ? 'region' : undefined}
          aria-label={regionLabel}
          data-testid="data-table-scroll"
          className={`relative transition-opacity lg:max-h-[calc(100dvh-8rem)] lg:overflow-auto ${
            pending ? 'opacity-60' : ''
          }`}
        >
          {pending && (
            <p role="status" className="absolute right-4 top-2 z-20 rounded bg-white px-2 text-sm">
              Loading…
            </p>
          )}
          <table role="table" className="w-full text-left text-sm max-lg:block">
            <caption className="sr-only">
              {caption}
              {sort ? `, sorted by ${sort.id} ${sort.desc ? 'descending' : 'ascending'}` : ''}
            </caption>
            {/* Under 1024 px the rows are cards: the header stays for screen readers only. */}
            <thead
              role="rowgroup"
              className="border-b border-slate-200 bg-slate-50 text-slate-700 max-lg:sr-only"
            >
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} role="row">
                  {group.headers.map((header) => {
                    const sorted = header.column.getIsSorted();
                    const className = `bg-slate-50 px-3 py-2 font-medium first:pl-4 lg:sticky lg:top-0 lg:z-[1] ${
                      header.column.id === '_select' ? 'w-12' : ''
                    } ${columnClassName[header.column.id] ?? ''}`;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        role="columnheader"
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
                          <>
                            <button
                              type="button"
                              onClick={header.column.getToggleSortingHandler()}
                              className={
                                '-mx-1 inline-flex min-h-8 items-center gap-1 rounded px-1 ' +
                                'font-medium hover:text-slate-950 hover:underline max-lg:hidden'
                              }
                            >
                              <table.FlexRender header={header} />
                              <span aria-hidden="true" className="text-xs">
                                {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                              </span>
                            </button>
                            <span className="lg:hidden">
                              <table.FlexRender header={header} />
                            </span>
                          </>
                        ) : header.column.id === '_select' ? (
                          <span className="max-lg:hidden">
                            <table.FlexRender header={header} />
                          </span>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody role="rowgroup" className="max-lg:block">
              {table.getRowModel().rows.map((row) => (
                <tr
                  key={row.id}
                  role="row"
                  {...{ [LIST_ROW_ATTR]: '' }}
                  tabIndex={-1}
                  aria-selected={selection ? row.getIsSelected() : undefined}
                  className={
                    `border-b border-slate-100 align-top outline-none hover:bg-slate-50 ` +
                    `focus-within:bg-brand-50 focus-within:outline focus-within:outline-2 ` +
                    `focus-within:-outline-offset-2 focus-within:outline-brand-600 focus:bg-brand-50 ` +
                    `max-lg:relative max-lg:grid max-lg:grid-cols-[repeat(2,minmax(0,1fr))] max-lg:gap-x-4 ` +
                    `max-lg:gap-y-2 max-lg:px-4 max-lg:py-3 sm:max-lg:grid-cols-[repeat(3,minmax(0,1fr))] ${
                      row.getIsSelected() ? 'bg-brand-50' : ''
                    } ${rowClassName?.(row.original) ?? ''}`
                  }
                >
                  {row.getVisibleCells().map((cell) => {
                    const id = cell.column.id;
                    const isTitle = id === titleColumn;
                    const place =
                      id === '_select'
                        ? 'max-lg:absolute max-lg:right-3 max-lg:top-3'
                        : isTitle
                          ? `max-lg:col-span-full ${selection ? 'max-lg:pr-10' : ''}`
                          : '';
                    const header = id === rowHeader;
                    const Cell = header ? 'th' : 'td';
                    return (
                      <Cell
                        key={cell.id}
                        role={header ? 'rowheader' : 'cell'}
                        scope={header ? 'row' : undefined}
                        className={`${header ? ROW_HEADER_CLASS : ''} ${CELL_CLASS} ${place} ${
                          columnClassName[id] ?? ''
                        }`}
                      >
                        {/* The card's label, for the eye only: assistive tech reads the column header. */}
                        {!isTitle && id !== '_select' && (
                          <span
                            aria-hidden="true"
                            className="block text-xs font-medium text-slate-600 lg:hidden"
                          >
                            {headerText(cell.column.columnDef.header, id)}
                          </span>
                        )}
                        <table.FlexRender cell={cell} />
                      </Cell>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pagination?.kind === 'pages' && (
        <PageNav table={table} total={total} pagination={pagination} plural={plural} pending={pending} />
      )}
      {pagination?.kind === 'cursor' && (
        <CursorPager
          summary={pagination.summary ?? `${data.length} ${plural(data.length)} shown`}
          firstHref={pagination.firstHref}
          nextHref={pagination.nextHref}
        />
      )}
    </div>
  );
}

function PageNav({
  table,
  total,
  pagination,
  plural,
  pending,
}: {
  table: {
    getPageCount: () => number;
    getCanPreviousPage: () => boolean;
    getCanNextPage: () => boolean;
    getCanLastPage: () => boolean;
    firstPage: () => void;
    previousPage: () => void;
    nextPage: () => void;
    lastPage: () => void;
  };
  total: number;
  pagination: { page: number; pageSize: number };
  plural: (n: number) => string;
  pending: boolean;
}) {
  const { page, pageSize } = pagination;
  const pageCount = Math.max(table.getPageCount(), 1);
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <p className="text-slate-700" aria-live="polite">
        {total === 0 ? `No ${plural(0)}` : `${first}–${last} of ${total} ${plural(total)}`} · page {page} of{' '}
        {pageCount}
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
  );
}

'use client';

import { useMemo, type ReactNode } from 'react';
import {
  DataTable,
  type DataTableColumn,
  type DataTablePagination,
} from '@/components/data-table/data-table';

/** A column of a list whose cells the server renders: header words and how it may be used. */
export type ListColumn = {
  id: string;
  header: string;
  /** the list's query can order by it (its sortSpec whitelists the id) */
  sortable?: boolean;
  sortDescFirst?: boolean;
  /** this column's cells head their rows (`<th scope="row">`) */
  rowHeader?: boolean;
  /** may be hidden from the Columns menu (default: yes, when the list has a storageKey) */
  hideable?: boolean;
  className?: string;
};

/** A row the server rendered: each column's cell as a node, by column id. */
export type ListRow = { id: string; cells: Record<string, ReactNode>; className?: string };

/**
 * The data table for a server component's list: the page renders each cell (links, badges, money)
 * and hands them over as nodes, so moving a hand-written table onto the data table is writing its
 * columns once, with no client-side copy of the row's data or formatting.
 */
export function ListTable({
  caption,
  columns,
  rows,
  rowCount,
  sort,
  pagination,
  noun,
  empty,
  storageKey,
  keys,
  regionLabel,
}: {
  caption: string;
  columns: ListColumn[];
  rows: ListRow[];
  rowCount?: number;
  sort?: { id: string; desc: boolean };
  pagination?: DataTablePagination;
  noun?: [string, string];
  empty?: ReactNode;
  storageKey?: string;
  keys?: boolean;
  /** name the table's scroll box as a region (see DataTable) */
  regionLabel?: string;
}) {
  // Keyed by the columns' content, not the array's identity: a server refresh (revalidatePath) sends a
  // new array, and new cell renderers would remount every cell's component, losing its state (a form's
  // "saved" message, say).
  const columnsKey = JSON.stringify(columns);
  const defs = useMemo<DataTableColumn<ListRow>[]>(
    () =>
      (JSON.parse(columnsKey) as ListColumn[]).map((c) => ({
        id: c.id,
        header: c.header,
        enableSorting: !!c.sortable,
        sortDescFirst: c.sortDescFirst,
        enableHiding: c.hideable ?? true,
        cell: ({ row }) => row.original.cells[c.id] ?? null,
      })),
    [columnsKey],
  );
  const columnClassName = Object.fromEntries(
    columns.filter((c) => c.className).map((c) => [c.id, c.className!]),
  );
  return (
    <DataTable
      caption={caption}
      columns={defs}
      data={rows}
      getRowId={(r) => r.id}
      rowCount={rowCount}
      sort={sort}
      pagination={pagination}
      noun={noun}
      empty={empty}
      storageKey={storageKey}
      keys={keys}
      regionLabel={regionLabel}
      rowHeader={columns.find((c) => c.rowHeader)?.id}
      columnClassName={columnClassName}
      rowClassName={(r) => r.className ?? ''}
    />
  );
}

import type { StaticColumn } from '@/components/data-table/static-table';
import type { ListColumn } from '@/components/data-table/list-table';

/**
 * A table's right-aligned columns (quantities, money: tabular digits), by id and header in order:
 * `endColumns({ ordered: 'Ordered', received: 'Received' })`.
 */
export function endColumns(headers: Record<string, string>, className?: string): StaticColumn[] {
  return Object.entries(headers).map(([id, header]) => ({ id, header, align: 'end', className }));
}

/**
 * A list's number columns (counts, money), right-aligned on wide screens where the table is a grid:
 * `numberColumns({ waiting: 'Waiting', failed: 'Failed' })`.
 */
export function numberColumns(headers: Record<string, string>): ListColumn[] {
  return Object.entries(headers).map(([id, header]) => ({
    id,
    header,
    className: 'lg:text-right tabular-nums',
  }));
}

import type { StaticColumn } from '@/components/data-table/static-table';

/**
 * A table's right-aligned columns (quantities, money: tabular digits), by id and header in order:
 * `endColumns({ ordered: 'Ordered', received: 'Received' })`.
 */
export function endColumns(headers: Record<string, string>, className?: string): StaticColumn[] {
  return Object.entries(headers).map(([id, header]) => ({ id, header, align: 'end', className }));
}

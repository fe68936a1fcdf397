import type { ReactNode } from 'react';

const th = 'px-3 py-2 text-left font-medium';
const td = 'px-3 py-1.5';

/** One row of a chart's table: its heading cell (a day, a stage, a SKU) and its figures. */
export type ChartTableRow = { key: string; head: ReactNode; cells: ReactNode[] };

/**
 * The table beside a dashboard chart, listing the same numbers the chart draws (for screen readers
 * and for reading exact values): a heading column, then right-aligned figures.
 */
export function ChartTable({
  head,
  columns,
  rows,
}: {
  head: ReactNode;
  columns: ReactNode[];
  rows: ChartTableRow[];
}) {
  return (
    <table className="w-full text-sm">
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className={th}>
            {head}
          </th>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={`${th} text-right`}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100">
            <th scope="row" className={`${td} text-left font-normal`}>
              {r.head}
            </th>
            {r.cells.map((c, i) => (
              <td key={i} className={`${td} text-right tabular-nums`}>
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

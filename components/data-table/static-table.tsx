import type { ReactNode } from 'react';

/**
 * The one table for what is not a list of records (decision 048): a statement or report (profit and
 * loss, trial balance, aging) or the lines inside one document (an order's lines, a count's lines, an
 * import's preview). The rows are all there is (no paging, no sort, no selection); what it adds over
 * a bare `<table>` is the same look everywhere, numbers aligned on the right with tabular digits, a
 * caption, footer totals, a header that stays in view, and a scroll region of its own (labelled and
 * focusable, axe: scrollable-region-focusable) so that a wide table never scrolls the page sideways
 * at 820 px. It renders on the server or the client alike (no hooks), and cells may hold inputs.
 */
export type StaticColumn = {
  id: string;
  header: ReactNode;
  /** 'end' for money and quantities (right-aligned, tabular digits) */
  align?: 'start' | 'end' | 'center';
  /** this column's cells are the row's header (`<th scope="row">`): the account name, the SKU */
  rowHeader?: boolean;
  /** extra classes for the column's cells and header (responsive hiding, widths) */
  className?: string;
  /** keep this (first) column in view while a wide table scrolls sideways (months across) */
  stickLeft?: boolean;
};

/** A row: each column's cell by id; or a section heading across every column ("Revenue"). */
export type StaticRow =
  | {
      id: string;
      cells: Record<string, ReactNode>;
      className?: string;
      /** data attributes for the row (`{ 'data-sku': 'TEE-M' }`), for tests and scripts to find it */
      data?: Record<`data-${string}`, string>;
    }
  | { id: string; section: ReactNode; className?: string };

/** A group of rows under a heading, in its own `<tbody>` (a statement's Assets, Liabilities, Equity). */
export type StaticGroup = { id: string; title: ReactNode; rows: StaticRow[]; className?: string };

const FOOT_ROW = 'border-t-2 border-slate-300 font-semibold';
const ALIGN = { start: 'text-left', end: 'text-right tabular-nums', center: 'text-center' } as const;

export function StaticTable({
  label,
  caption,
  showCaption = false,
  columns,
  rows = [],
  groups,
  footer,
  size = 'sm',
  className = '',
  hideHeader = false,
}: {
  /** the scroll region's name, unique on the page: "Order lines table" */
  label: string;
  /** what the table holds, for screen readers (shown above the table with showCaption) */
  caption?: ReactNode;
  showCaption?: boolean;
  columns: StaticColumn[];
  rows?: StaticRow[];
  /** rows in headed groups, each its own `<tbody>` (after `rows`, if both) */
  groups?: StaticGroup[];
  /** totals rows, in a `<tfoot>` */
  footer?: StaticRow[];
  /** 'base' on the floor's big-type screens (pick, pack, labels) */
  size?: 'sm' | 'base';
  /** classes for the scroll region (margins) */
  className?: string;
  /** keep the header row for screen readers only (a two-column key/value table) */
  hideHeader?: boolean;
}) {
  const cellClass = (c: StaticColumn) =>
    `px-3 py-2 first:pl-4 last:pr-4 ${ALIGN[c.align ?? 'start']} ${c.className ?? ''} ${
      c.stickLeft ? 'sticky left-0' : ''
    }`;
  const bodyCellClass = (c: StaticColumn) => `${cellClass(c)} ${c.stickLeft ? 'bg-white' : ''}`;
  const renderRow = (r: StaticRow, part: 'body' | 'foot') =>
    'section' in r ? (
      <tr key={r.id} className={r.className ?? 'border-b border-slate-200 bg-slate-50'}>
        <th scope="colgroup" colSpan={columns.length} className="px-4 py-2 text-left font-semibold">
          {r.section}
        </th>
      </tr>
    ) : (
      <tr
        key={r.id}
        {...r.data}
        className={`align-top ${part === 'foot' ? FOOT_ROW : 'border-b border-slate-100'} ${r.className ?? ''}`}
      >
        {columns.map((c) =>
          c.rowHeader ? (
            <th key={c.id} scope="row" className={`font-normal ${bodyCellClass(c)}`}>
              {r.cells[c.id]}
            </th>
          ) : (
            <td key={c.id} className={bodyCellClass(c)}>
              {r.cells[c.id]}
            </td>
          ),
        )}
      </tr>
    );
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative max-h-[calc(100dvh-8rem)] overflow-auto ${className}`}
    >
      <table className={`w-full text-left ${size === 'base' ? 'text-base' : 'text-sm'}`}>
        {caption && (
          <caption className={showCaption ? 'px-4 pb-2 text-left font-medium text-slate-800' : 'sr-only'}>
            {caption}
          </caption>
        )}
        <thead className={hideHeader ? 'sr-only' : 'text-slate-700'}>
          <tr>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`sticky top-0 border-y border-slate-200 bg-slate-50 font-medium ${cellClass(c)} ${
                  c.stickLeft ? 'z-[2]' : 'z-[1]'
                }`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        {rows.length > 0 && <tbody>{rows.map((r) => renderRow(r, 'body'))}</tbody>}
        {groups?.map((g) => (
          <tbody key={g.id} className={g.className}>
            <tr className="border-b border-slate-200 bg-slate-50">
              <th
                id={g.id}
                scope="rowgroup"
                colSpan={columns.length}
                className="px-4 py-2 text-left font-semibold"
              >
                {g.title}
              </th>
            </tr>
            {g.rows.map((r) => renderRow(r, 'body'))}
          </tbody>
        ))}
        {footer && footer.length > 0 && <tfoot>{footer.map((r) => renderRow(r, 'foot'))}</tfoot>}
      </table>
    </div>
  );
}

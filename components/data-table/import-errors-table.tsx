import { StaticTable } from '@/components/data-table/static-table';

/** One refused cell of an imported file: its row, its column and why. */
export type ImportError = { row: number; column: string; message: string };

/** The errors of an imported CSV by row, scrolling within a fixed height (product and order imports). */
export function ImportErrorsTable({ errors }: { errors: ImportError[] }) {
  return (
    <StaticTable
      label="Errors by row table"
      caption="Errors by row"
      className="max-h-96 rounded-md border border-slate-200"
      columns={[
        { id: 'row', header: 'Row', align: 'end' },
        { id: 'column', header: 'Column', className: 'font-mono' },
        { id: 'message', header: 'Problem', className: 'break-words' },
      ]}
      rows={errors.map((e, i) => ({
        id: String(i),
        cells: { row: e.row, column: e.column, message: e.message },
      }))}
    />
  );
}

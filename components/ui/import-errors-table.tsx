/** One refused cell of an imported file: its row, its column and why. */
export type ImportError = { row: number; column: string; message: string };

/** The errors of an imported CSV by row, scrolling within a fixed height (product and order imports). */
export function ImportErrorsTable({ errors }: { errors: ImportError[] }) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Errors by row</caption>
        <thead className="sticky top-0 bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Row
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Column
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Problem
            </th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i} className="border-t border-slate-100 align-top">
              <td className="px-3 py-2 tabular-nums">{e.row}</td>
              <td className="px-3 py-2 font-mono">{e.column}</td>
              <td className="px-3 py-2 break-words">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

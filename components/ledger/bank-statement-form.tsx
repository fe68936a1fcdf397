'use client';

import { FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { StaticTable } from '@/components/data-table/static-table';
import type { BankMatch } from '@/lib/ledger/match-bank-statement';
import { confirmBankStatementAction, previewBankStatementAction } from '@/lib/ledger/actions';
import { formatMoney } from '@/lib/money';
import { DATE_FORMAT_OPTIONS } from '@/components/ledger/payout-import-form';
import { CsvFileField } from '@/components/ledger/csv-file-field';

/** What a statement line matched: a payout, nothing (what to do), or money out. */
function BankLineMatch({ line: l }: { line: BankMatch }) {
  if (l.status === 'matched' && l.payout)
    return (
      <span className="font-medium text-emerald-800">
        Payout <span className="font-mono">{l.payout.reference}</span> of {l.payout.paid_on}
        {l.payout.bank_confirmed_on && (
          <span className="block text-xs font-normal text-slate-600">
            confirmed before ({l.payout.bank_confirmed_on})
          </span>
        )}
      </span>
    );
  if (l.status === 'unmatched')
    return (
      <span className="font-medium text-amber-800">
        No payout
        <span className="block text-xs font-normal text-slate-600">
          Record or import the payout, or explain it with a manual entry
        </span>
      </span>
    );
  return <span className="text-slate-600">Money out, not a payout</span>;
}

/**
 * Upload a bank statement CSV, see which deposits match a recorded payout, then confirm (decision 047).
 * The preview carries the file's text forward, so confirming matches exactly what was previewed.
 */
export function BankStatementForm() {
  const preview = useActionForm(previewBankStatementAction, null);
  const confirm = useActionForm(confirmBankStatementAction, null);
  const errors = preview.state && !preview.state.ok ? (preview.state.fieldErrors ?? {}) : {};
  const data = preview.state?.ok ? preview.state.data : undefined;
  const p = data?.preview;
  const money = (n: number) => (p ? formatMoney(n, p.currency) : String(n));
  return (
    <div className="space-y-4">
      <form
        onSubmit={preview.onSubmit}
        aria-labelledby="bank-statement-title"
        className="@container rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
      >
        <h2 id="bank-statement-title" className="mb-2 text-lg font-semibold">
          Match a bank statement
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          Export the account&rsquo;s transactions from your bank as CSV. Columns are found by name: a date
          (Date, Booking date, Value date …), a description, and either one signed Amount column or separate
          money-in and money-out columns (In/Out, Credit/Debit, Paid in/Paid out). Nothing is posted: each
          payout already posted Dr Bank; confirming records that the bank shows it.
        </p>
        <div className="grid gap-4 @lg:grid-cols-2">
          <SelectField
            label="Date format"
            name="date_format"
            defaultValue=""
            error={errors.date_format}
            options={[{ value: '', label: 'Detect from the file' }, ...DATE_FORMAT_OPTIONS]}
          />
          <CsvFileField id="bank-file" label="Bank statement (CSV)" error={errors.file ?? errors.csv} />
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <SubmitButton pending={preview.pending} pendingText="Reading the statement…">
            Preview matches
          </SubmitButton>
          <FormMessage state={preview.state} />
        </div>
      </form>

      {p && data && (
        <section
          aria-labelledby="bank-preview-title"
          className="@container rounded-xl border border-slate-200 bg-white"
        >
          <h2 id="bank-preview-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            {p.lines.length} statement line(s): {p.matched} matched a payout, {p.unmatched} deposit(s) did not
          </h2>
          {p.lines.length === 0 ? (
            <p className="px-4 py-4 text-slate-700 sm:px-6">
              The file has a header but no transactions. Export a date range that includes the payouts.
            </p>
          ) : (
            <StaticTable
              label="Bank statement lines table"
              className="mt-3"
              caption="Each line of the bank statement and the payout it matched"
              columns={[
                { id: 'row', header: 'Row' },
                { id: 'line', header: 'Line', rowHeader: true, className: 'font-normal' },
                { id: 'amount', header: 'Amount', align: 'end', className: 'whitespace-nowrap' },
                { id: 'match', header: 'Match' },
              ]}
              rows={p.lines.map((l) => ({
                id: String(l.row),
                cells: {
                  row: l.row,
                  line: (
                    <>
                      {l.date}
                      <span className="block text-xs break-words text-slate-600">{l.description || '—'}</span>
                    </>
                  ),
                  amount: money(l.amount),
                  match: <BankLineMatch line={l} />,
                },
              }))}
            />
          )}
          {p.matched > 0 ? (
            <form onSubmit={confirm.onSubmit} className="flex flex-wrap items-center gap-3 px-4 py-4 sm:px-6">
              <input type="hidden" name="csv" value={data.csv} />
              <input type="hidden" name="date_format" value={data.date_format} />
              <SubmitButton pending={confirm.pending} pendingText="Confirming…">
                Confirm {p.matched} matched payout(s)
              </SubmitButton>
              <FormMessage state={confirm.state} />
            </form>
          ) : (
            <p className="px-4 py-4 text-sm text-slate-700 sm:px-6">
              Nothing to confirm: no deposit matched a payout by amount within 5 days after its payout date.
            </p>
          )}
        </section>
      )}
    </div>
  );
}

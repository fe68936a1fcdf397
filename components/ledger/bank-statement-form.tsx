'use client';

import { StaticTable } from '@/components/data-table/static-table';
import type { BankMatch } from '@/lib/ledger/match-bank-statement';
import { confirmBankStatementAction, previewBankStatementAction } from '@/lib/ledger/actions';
import { formatMoney } from '@/lib/money';
import { CsvFileField } from '@/components/form/file-field';
import { FormCard, SubmitRow } from '@/components/form/form-card';
import {
  ConfirmForm,
  DateFormatField,
  PreviewSection,
  useUploadPreview,
} from '@/components/form/upload-preview';

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
  const { preview, confirm, errors, data } = useUploadPreview(
    previewBankStatementAction,
    confirmBankStatementAction,
  );
  const p = data?.preview;
  const money = (n: number) => (p ? formatMoney(n, p.currency) : String(n));
  return (
    <div className="space-y-4">
      <FormCard
        id="bank-statement"
        title="Match a bank statement"
        container
        onSubmit={preview.onSubmit}
        intro={
          <>
            Export the account&rsquo;s transactions from your bank as CSV. Columns are found by name: a date
            (Date, Booking date, Value date …), a description, and either one signed Amount column or separate
            money-in and money-out columns (In/Out, Credit/Debit, Paid in/Paid out). Nothing is posted: each
            payout already posted Dr Bank; confirming records that the bank shows it.
          </>
        }
      >
        <div className="grid gap-4 @lg:grid-cols-2">
          <DateFormatField error={errors.date_format} />
          <CsvFileField id="bank-file" label="Bank statement (CSV)" error={errors.file ?? errors.csv} />
        </div>
        <SubmitRow
          spaced
          pending={preview.pending}
          pendingText="Reading the statement…"
          state={preview.state}
        >
          Preview matches
        </SubmitRow>
      </FormCard>

      {p && data && (
        <PreviewSection
          id="bank-preview"
          title={
            `${p.lines.length} statement line(s): ${p.matched} matched a payout, ` +
            `${p.unmatched} deposit(s) did not`
          }
        >
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
            <ConfirmForm
              onSubmit={confirm.onSubmit}
              fields={{ csv: data.csv, date_format: data.date_format }}
              pending={confirm.pending}
              pendingText="Confirming…"
              state={confirm.state}
            >
              Confirm {p.matched} matched payout(s)
            </ConfirmForm>
          ) : (
            <p className="px-4 py-4 text-sm text-slate-700 sm:px-6">
              Nothing to confirm: no deposit matched a payout by amount within 5 days after its payout date.
            </p>
          )}
        </PreviewSection>
      )}
    </div>
  );
}

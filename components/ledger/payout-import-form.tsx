'use client';

import { Field, SelectField } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { FormCard, SubmitRow } from '@/components/form/form-card';
import {
  ConfirmForm,
  DateFormatField,
  PreviewSection,
  useUploadPreview,
} from '@/components/form/upload-preview';
import { StaticTable } from '@/components/data-table/static-table';
import { closeFiscalYearAction, importPayoutAction, previewPayoutImportAction } from '@/lib/ledger/actions';
import { formatMoney } from '@/lib/money';
import { CsvFileField } from '@/components/form/file-field';

/**
 * Upload a payout report, look at how each line matched, then post it (decision 043). The preview
 * carries the file's text forward, so posting imports exactly what was previewed.
 */
export function PayoutImportForm({ canPost }: { canPost: boolean }) {
  const {
    preview,
    confirm: post,
    errors,
    data,
  } = useUploadPreview(previewPayoutImportAction, importPayoutAction);
  const p = data?.preview;
  const money = (n: number) => (p ? formatMoney(n, p.currency) : String(n));
  return (
    <div className="space-y-4">
      <FormCard
        id="payout-import"
        title="Import a payout report"
        container
        onSubmit={preview.onSubmit}
        intro={
          <>
            Export one payout from Stripe (Balance → Payouts → a payout → Export, balance transactions) or
            Shopify Payments (Payouts → a payout → Export). Each charge, refund and fee is matched to the
            orders here before anything is posted.
          </>
        }
      >
        <div className="grid gap-4 @lg:grid-cols-3">
          <SelectField
            label="Processor"
            name="format"
            defaultValue="stripe"
            error={errors.format}
            options={[
              { value: 'stripe', label: 'Stripe (balance transactions)' },
              { value: 'shopify', label: 'Shopify Payments (payout transactions)' },
            ]}
          />
          <DateFormatField error={errors.date_format} />
          <CsvFileField id="payout-file" label="CSV file" error={errors.file ?? errors.csv} />
        </div>
        <SubmitRow spaced pending={preview.pending} pendingText="Reading the file…" state={preview.state}>
          Preview
        </SubmitRow>
      </FormCard>

      {p && data && (
        <PreviewSection id="payout-preview" title={`Payout ${p.reference}, paid ${p.paid_on}`}>
          <dl className="grid gap-2 px-4 pt-3 text-sm sm:px-6 @lg:grid-cols-4">
            <div>
              <dt className="text-slate-600">Paid out</dt>
              <dd className="font-medium tabular-nums" data-testid="preview-net">
                {money(p.net)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Our books carry</dt>
              <dd className="font-medium tabular-nums">{money(p.expected)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Difference (to 1090)</dt>
              <dd className="font-medium tabular-nums" data-testid="preview-residual">
                {money(p.residual)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Lines</dt>
              <dd className="font-medium">
                {p.matched} matched, {p.unmatched} not matched
              </dd>
            </div>
          </dl>
          {p.fx && (
            <p className="px-4 pt-3 text-sm text-slate-700 sm:px-6" data-testid="preview-fx">
              In {p.fx.base} at {p.fx.rate} (rate of {p.fx.rate_date}):{' '}
              <span className="font-medium tabular-nums">{formatMoney(p.fx.bank_amount, p.fx.base)}</span> to
              the bank; the difference to what clearing carries is a realized exchange gain or loss (7100).
            </p>
          )}
          {p.already_imported && (
            <p className="px-4 pt-3 text-sm text-slate-700 sm:px-6" role="status">
              This payout was imported before; posting it again changes nothing.
            </p>
          )}
          {p.locked_through && (
            <p className="px-4 pt-3 text-sm text-red-700 sm:px-6" role="alert">
              The books are locked through {p.locked_through}: posting on {p.paid_on} will be refused. Ask an
              admin to move the lock date, or import a later payout.
            </p>
          )}
          <StaticTable
            label="Payout lines table"
            className="mt-3"
            caption="Each line of the payout report and what it matched"
            columns={[
              { id: 'row', header: 'Row', align: 'end' },
              { id: 'line', header: 'Line', rowHeader: true },
              { id: 'net', header: 'Net', align: 'end', className: 'whitespace-nowrap' },
              { id: 'match', header: 'Match' },
            ]}
            rows={p.lines.map((l) => ({
              id: String(l.row),
              cells: {
                row: l.row,
                line: (
                  <>
                    <span className="font-medium">{l.type || 'line'}</span> {l.date}
                    <span className="block text-xs text-slate-600">
                      {l.description || l.reference || '—'} · {money(l.amount)}
                      {l.fee ? `, fee ${money(l.fee)}` : ''}
                    </span>
                  </>
                ),
                net: money(l.net),
                match: (
                  <>
                    {l.status === 'matched' ? (
                      <span className="font-medium text-emerald-800">
                        {l.match?.kind === 'refund' ? 'Refund' : 'Payment'}, order #{l.match?.order_number}
                      </span>
                    ) : (
                      <span className="font-medium text-amber-800">Not matched</span>
                    )}
                    {l.note && <span className="block text-xs text-slate-600">{l.note}</span>}
                  </>
                ),
              },
            }))}
          />
          {canPost ? (
            <ConfirmForm
              onSubmit={post.onSubmit}
              fields={{ format: p.format, csv: data.csv }}
              pending={post.pending}
              pendingText="Posting…"
              state={post.state}
            >
              Post payout
            </ConfirmForm>
          ) : (
            <p className="px-4 py-4 text-sm text-slate-600 sm:px-6">
              Posting needs the ledger:write permission.
            </p>
          )}
        </PreviewSection>
      )}
    </div>
  );
}

/** Close a fiscal year into retained earnings (then locked for everyone). */
export function CloseYearForm({ defaultYear }: { defaultYear: number }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(closeFiscalYearAction, null, () =>
    window.confirm('Close this fiscal year? Its dates are locked for everyone afterwards.'),
  );
  return (
    <FormCard
      id="close-year"
      title="Close a fiscal year"
      onSubmit={onSubmit}
      intro={
        <>
          Posts one entry on the year&apos;s last day that moves every revenue and expense balance of the year
          into 3200 Retained earnings, then locks the year. The P&amp;L and balance sheet read the same before
          and after.
        </>
      }
    >
      <div className="max-w-xs">
        <Field
          label="Fiscal year (the year it ends in)"
          name="fiscal_year"
          inputMode="numeric"
          required
          defaultValue={String(defaultYear)}
          error={errors.fiscal_year}
        />
      </div>
      <SubmitRow spaced pending={pending} pendingText="Closing…" state={state}>
        Close the year
      </SubmitRow>
    </FormCard>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { todayIn } from '@/lib/dates';
import { fieldIssues } from '@/lib/errors';
import { ZProfitAndLossQuery } from '@/lib/ledger/statements';
import { salesTaxReport, type SalesTaxLine } from '@/lib/ledger/sales-tax';
import { taxFilings } from '@/lib/ledger/file-sales-tax-period';
import { ratePercent } from '@/lib/ledger/tax-rules';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { DateRangeForm } from '@/components/ledger/date-range-form';
import { FileTaxPeriodForm } from '@/components/ledger/file-tax-period-form';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';
import { DownloadLink } from '@/components/page/download-link';

export const metadata: Metadata = { title: 'Sales tax · Ledger' };

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The calendar month before the one `today` is in: the period a shop usually files next. */
function previousMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  const month = `${py}-${String(pm).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function lineLabel(l: SalesTaxLine): string {
  if (l.jurisdiction === null) return 'Other postings (no tax line)';
  return `${l.jurisdiction}, ${ratePercent(l.rate)}`;
}

export default async function SalesTaxPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('ledger:read', '/ledger/sales-tax');
  const canFile = roleHas(user.role, 'ledger:write');
  const params = await searchParams;
  const settings = await shopSettings();
  const today = todayIn(settings.timezone);
  const fallback = previousMonth(today);
  const requested = { from: single(params.from) ?? fallback.from, to: single(params.to) ?? fallback.to };
  const parsed = ZProfitAndLossQuery.safeParse(requested);
  const error = parsed.success
    ? undefined
    : `${fieldIssues(parsed.error)
        .map((i) => `${i.field}: ${i.message}`)
        .join('; ')}. Pick two dates, the first on or before the second.`;
  const [report, filings] = await Promise.all([
    parsed.success ? salesTaxReport(parsed.data) : null,
    taxFilings(),
  ]);
  const money = (amount: number) => formatMoney(amount, settings.currency);
  const cell = (amount: number) => (amount === 0 ? <span className="text-slate-600">—</span> : money(amount));

  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          'Sales tax: taxable sales, tax collected and refunded, input tax on supplier bills and the ' +
          'net payable, by jurisdiction and rate, equal to the movement of the tax accounts.'
        }
      />
      <LedgerTabs current="/ledger/sales-tax" />
      <DateRangeForm
        action="/ledger/sales-tax"
        from={requested.from.slice(0, 10)}
        to={requested.to.slice(0, 10)}
        error={error}
        hint={`Whole days in the shop's time zone (${settings.timezone}), in ${settings.currency}.`}
      />
      {report && (
        <div className="space-y-6">
          <section
            aria-labelledby="tax-title"
            className="@container rounded-xl border border-slate-200 bg-white"
          >
            <div className="flex flex-wrap items-center justify-between gap-3 px-4 pt-5 sm:px-6">
              <h2 id="tax-title" className="text-lg font-semibold">
                Sales tax, {report.from} to {report.to}
              </h2>
              <DownloadLink href={`/ledger/export/sales-tax?from=${report.from}&to=${report.to}`}>
                Export CSV
              </DownloadLink>
            </div>
            {report.lines.length === 0 ? (
              <p className="px-4 pt-3 pb-5 text-slate-700 sm:px-6">
                No tax moved in this range. Pick a range in which taxed orders, refunds or supplier bills with
                input tax were posted, or{' '}
                <Link href="/ledger/journal?account=2100" className="text-brand-700 underline">
                  look at the sales-tax account&apos;s journal
                </Link>
                .
              </p>
            ) : (
              <StaticTable
                label="Sales tax table"
                className="mt-3"
                caption={`Sales tax in ${settings.currency} by jurisdiction and rate, ${report.from} to ${report.to}`}
                columns={[
                  { id: 'line', header: 'Jurisdiction and rate', rowHeader: true },
                  {
                    id: 'taxable',
                    header: 'Taxable',
                    align: 'end',
                    className: 'whitespace-nowrap max-md:hidden',
                  },
                  { id: 'collected', header: 'Collected', align: 'end', className: 'whitespace-nowrap' },
                  { id: 'refunded', header: 'Refunded', align: 'end', className: 'whitespace-nowrap' },
                  { id: 'input', header: 'Input tax', align: 'end', className: 'whitespace-nowrap' },
                  { id: 'net', header: 'Net', align: 'end', className: 'whitespace-nowrap' },
                ]}
                rows={report.lines.map((l) => ({
                  id: `${l.jurisdiction}-${l.rate}`,
                  cells: {
                    line: lineLabel(l),
                    taxable: cell(l.taxable),
                    collected: cell(l.tax_collected),
                    refunded: cell(l.tax_refunded),
                    input: cell(l.input_tax),
                    net: cell(l.net),
                  },
                }))}
                footer={[
                  {
                    id: 'total',
                    className: 'bg-slate-50',
                    cells: {
                      line: 'Total',
                      taxable: money(report.total.taxable),
                      collected: money(report.total.tax_collected),
                      refunded: money(report.total.tax_refunded),
                      input: money(report.total.input_tax),
                      net: <span data-testid="tax-net">{money(report.total.net)}</span>,
                    },
                  },
                ]}
              />
            )}
            <div className="border-t border-slate-200 px-4 py-4 sm:px-6">
              {report.filing ? (
                <p className="text-slate-700">
                  Filed on {report.filing.filed_at.slice(0, 10)}
                  {report.filing.entry_number ? `, settlement entry #${report.filing.entry_number}` : ''}. Tax
                  in this period is locked; post corrections in the next open period.
                </p>
              ) : report.to >= today ? (
                <p className="text-slate-700">
                  This period has not ended yet: file it from the day after {report.to}.
                </p>
              ) : canFile ? (
                <FileTaxPeriodForm from={report.from} to={report.to} />
              ) : (
                <p className="text-slate-700">Not filed yet. A manager files a period.</p>
              )}
            </div>
          </section>

          <Card
            id="filings-title"
            title={`Filed periods (${filings.length})`}
            padding="none"
            titleClassName="px-4 pt-5 sm:px-6"
          >
            {filings.length === 0 ? (
              <p className="px-4 pt-2 pb-5 text-slate-700 sm:px-6">
                No period filed yet. Pick a period that has ended above and file it.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 px-4 pb-4 sm:px-6">
                {filings.map((f) => (
                  <li key={f.id} className="flex flex-wrap justify-between gap-2 py-2">
                    <Link
                      href={`/ledger/sales-tax?from=${f.from}&to=${f.to}`}
                      className="text-brand-700 underline"
                    >
                      {f.from} to {f.to}
                    </Link>
                    <span className="text-sm text-slate-700">
                      Net {money(f.report.total.net)} · filed {f.filed_at.slice(0, 10)} by {f.filed_by}
                      {f.entry_number ? ` · entry #${f.entry_number}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </>
  );
}

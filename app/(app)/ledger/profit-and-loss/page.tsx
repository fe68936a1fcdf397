import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { todayIn } from '@/lib/dates';
import { fieldIssues } from '@/lib/errors';
import { profitAndLossReport } from '@/lib/ledger/queries';
import {
  fiscalYearStart,
  PL_SECTION_LABELS,
  profitAndLossTable,
  ZProfitAndLossQuery,
  type PlTableRow,
} from '@/lib/ledger/statements';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { DateRangeForm } from '@/components/ledger/date-range-form';
import { FilterChoice } from '@/components/page/filter-fields';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';
import { ExportLinks } from '@/components/page/download-link';

export const metadata: Metadata = { title: 'Profit and loss · Ledger' };

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const selectClass = 'mt-1 block w-48 rounded-md border border-slate-300 bg-white px-3 py-2 text-base';
/** A row's look: accounts plain, section totals and the profit lines bold with a rule above. */
function rowClass(r: PlTableRow) {
  if (r.kind === 'account') return 'border-b border-slate-100';
  if (r.kind === 'section_total') return 'border-b border-slate-200 font-medium';
  return 'border-y-2 border-slate-300 bg-slate-50 font-semibold';
}

export default async function ProfitAndLossPage({ searchParams }: ListPageProps) {
  await requirePagePermission('ledger:read', '/ledger/profit-and-loss');
  const params = await searchParams;
  const settings = await shopSettings();
  const today = todayIn(settings.timezone);
  const requested = {
    from: single(params.from) ?? fiscalYearStart(today, settings.fiscal_year_start_month),
    to: single(params.to) ?? today,
    columns: single(params.columns),
    compare: single(params.compare),
  };
  const parsed = ZProfitAndLossQuery.safeParse(requested);
  const error = parsed.success
    ? undefined
    : `${fieldIssues(parsed.error)
        .map((i) => `${i.field}: ${i.message}`)
        .join('; ')}. Pick two dates, the first on or before the second, at most five years apart.`;
  const report = parsed.success ? await profitAndLossReport(parsed.data) : null;
  const money = (amount: number) => formatMoney(amount, settings.currency);
  const fiscalHint =
    settings.fiscal_year_start_month === 1
      ? 'The fiscal year is the calendar year.'
      : `The fiscal year starts on ${fiscalYearStart(today, settings.fiscal_year_start_month).slice(5)}.`;
  const cell = (amount: number) => (amount === 0 ? <span className="text-slate-600">—</span> : money(amount));
  const journal = (code: string, from: string, to: string) =>
    `/ledger/journal?account=${encodeURIComponent(code)}&from=${from}&to=${to}`;

  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          'Profit and loss: what the shop earned and spent over a range of days, by ' +
          'month, against the period before.'
        }
      />
      <LedgerTabs current="/ledger/profit-and-loss" />
      <DateRangeForm
        action="/ledger/profit-and-loss"
        from={requested.from.slice(0, 10)}
        to={requested.to.slice(0, 10)}
        error={error}
        hint={`Whole days in the shop's time zone (${settings.timezone}), in ${settings.currency}. ${fiscalHint}`}
      >
        <FilterChoice
          id="pl-columns"
          name="columns"
          label="Columns"
          value={requested.columns ?? 'month'}
          options={[
            { value: 'month', label: 'By month' },
            { value: 'quarter', label: 'By quarter' },
          ]}
          fieldClassName={selectClass}
        />
        <FilterChoice
          id="pl-compare"
          name="compare"
          label="Compare with"
          value={requested.compare ?? 'previous_period'}
          options={[
            { value: 'previous_period', label: 'The period before' },
            { value: 'previous_year', label: 'The same days a year earlier' },
          ]}
          fieldClassName={selectClass}
        />
      </DateRangeForm>
      {report &&
        (() => {
          const { total, months, previous, step } = report;
          const compare = requested.compare ?? 'previous_period';
          const query = `from=${total.from}&to=${total.to}&columns=${step}&compare=${compare}`;
          const rows = profitAndLossTable(total, months, previous);
          const empty = total.sections.every((s) => s.accounts.length === 0);
          return (
            <div className="space-y-6">
              <section
                aria-labelledby="pl-title"
                className="@container rounded-xl border border-slate-200 bg-white"
              >
                <div className="flex flex-wrap items-center justify-between gap-3 px-4 pt-5 sm:px-6">
                  <h2 id="pl-title" className="text-lg font-semibold">
                    Profit and loss, {total.from} to {total.to}
                  </h2>
                  <div className="flex flex-wrap gap-2">
                    <ExportLinks href={(f) => `/ledger/export/profit-and-loss?${query}&format=${f}`} />
                  </div>
                </div>
                <p className="px-4 text-sm text-slate-600 sm:px-6">
                  Compared with {previous.from} to {previous.to}
                  {requested.compare === 'previous_year'
                    ? ', the same days a year earlier'
                    : ', the period of equal length before'}
                  . Each figure opens its journal lines.
                </p>
                {empty && (
                  <p className="px-4 pt-3 text-slate-700 sm:px-6">
                    Nothing was earned or spent in this range. Pick a range in which orders shipped or costs
                    were posted, or{' '}
                    <Link href="/ledger/journal" className="text-brand-700 underline">
                      look at the journal
                    </Link>
                    .
                  </p>
                )}
                <StaticTable
                  label="Profit and loss table"
                  className="mt-3"
                  caption={`Profit and loss in ${settings.currency}: this period, the previous period and the change`}
                  columns={[
                    { id: 'account', header: 'Account', rowHeader: true },
                    { id: 'total', header: 'This period', align: 'end', className: 'whitespace-nowrap' },
                    {
                      id: 'previous',
                      header: 'Previous period',
                      align: 'end',
                      className: 'whitespace-nowrap',
                    },
                    { id: 'change', header: 'Change', align: 'end', className: 'whitespace-nowrap' },
                  ]}
                  rows={rows.map((r) => ({
                    id: `${r.kind}-${r.section}-${r.code}`,
                    className: rowClass(r),
                    cells: {
                      account: (
                        <span className={r.kind === 'account' ? 'block pl-4 sm:pl-6' : 'font-semibold'}>
                          {r.code && <span className="mr-1 font-mono">{r.code}</span>}
                          {r.label}
                          {r.kind === 'section_total' && r.section && (
                            <span className="sr-only"> ({PL_SECTION_LABELS[r.section]})</span>
                          )}
                        </span>
                      ),
                      total:
                        r.code && r.total !== 0 ? (
                          <Link
                            href={journal(r.code, total.from, total.to)}
                            className="text-brand-700 underline"
                          >
                            {money(r.total)}
                          </Link>
                        ) : (
                          <span data-testid={r.kind === 'net_income' ? 'net-income' : undefined}>
                            {cell(r.total)}
                          </span>
                        ),
                      previous:
                        r.code && r.previous !== 0 ? (
                          <Link
                            href={journal(r.code, previous.from, previous.to)}
                            className="text-brand-700 underline"
                          >
                            {money(r.previous)}
                          </Link>
                        ) : (
                          cell(r.previous)
                        ),
                      change: cell(r.total - r.previous),
                    },
                  }))}
                />
              </section>

              <Card
                id="pl-months-title"
                title={step === 'quarter' ? 'By quarter' : 'By month'}
                padding="none"
                titleClassName="px-4 pt-5 sm:px-6"
              >
                <p className="px-4 text-sm text-slate-600 sm:px-6">
                  One column per {step === 'quarter' ? 'fiscal quarter' : 'calendar month'} of the range;
                  scroll the table sideways for more columns.
                </p>
                <StaticTable
                  label="Profit and loss by month table"
                  className="mt-3"
                  caption={`Profit and loss in ${settings.currency} by ${step === 'quarter' ? 'quarter' : 'month'}`}
                  columns={[
                    {
                      id: 'account',
                      header: 'Account',
                      rowHeader: true,
                      stickLeft: true,
                      className: 'whitespace-nowrap',
                    },
                    ...months.map((m) => ({
                      id: m.from,
                      header: m.label,
                      align: 'end' as const,
                      className: 'whitespace-nowrap',
                    })),
                  ]}
                  rows={rows.map((r) => ({
                    id: `${r.kind}-${r.section}-${r.code}`,
                    className: rowClass(r),
                    cells: {
                      account: (
                        <span className={r.kind === 'account' ? '' : 'font-semibold'}>
                          {r.code && <span className="mr-1 font-mono">{r.code}</span>}
                          {r.label}
                        </span>
                      ),
                      ...Object.fromEntries(
                        r.months.map((amount, i) => [
                          months[i].from,
                          r.code && amount !== 0 ? (
                            <Link
                              href={journal(r.code, months[i].from, months[i].to)}
                              className="text-brand-700 underline"
                            >
                              {money(amount)}
                            </Link>
                          ) : (
                            cell(amount)
                          ),
                        ]),
                      ),
                    },
                  }))}
                />
              </Card>
            </div>
          );
        })()}
    </>
  );
}

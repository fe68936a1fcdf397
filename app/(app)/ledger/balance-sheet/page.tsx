import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { asOfFromSearchParam } from '@/lib/ledger/as-of';
import { balanceSheet } from '@/lib/ledger/queries';
import type { BsSectionDto } from '@/lib/ledger/statements';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable, type StaticGroup, type StaticRow } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AsOfForm } from '@/components/ledger/as-of-form';
import type { ListPageProps } from '@/components/page/props';
import { ExportLinks } from '@/components/page/download-link';

export const metadata: Metadata = { title: 'Balance sheet · Ledger' };

/** One side of the balance sheet: its accounts (each linking to its journal lines up to the date) and total. */
function side(
  id: string,
  title: string,
  group: BsSectionDto,
  asOf: string,
  money: (amount: number) => string,
  extra: StaticRow[] = [],
): StaticGroup {
  return {
    id,
    title,
    rows: [
      ...group.accounts.map((a) => ({
        id: a.code,
        cells: {
          account: (
            <span className="block pl-4 sm:pl-6">
              <span className="mr-1 font-mono">{a.code}</span>
              {a.name}
            </span>
          ),
          amount: (
            <Link
              href={`/ledger/journal?account=${encodeURIComponent(a.code)}&to=${asOf}`}
              className="text-brand-700 underline"
            >
              {money(a.amount)}
            </Link>
          ),
        },
      })),
      ...extra,
      {
        id: `total-${id}`,
        className: 'border-b-2 border-slate-300 font-medium',
        cells: {
          account: `Total ${title.toLowerCase()}`,
          amount: <span data-testid={`total-${id}`}>{money(group.total)}</span>,
        },
      },
    ],
  };
}

/** The profit and loss of the five calendar years before the fiscal year's start. */
function fiveYearsBefore(fiscalYearStart: string): string {
  const year = Number(fiscalYearStart.slice(0, 4));
  return `/ledger/profit-and-loss?from=${year - 5}-01-01&to=${year - 1}-12-31`;
}

export default async function BalanceSheetPage({ searchParams }: ListPageProps) {
  await requirePagePermission('ledger:read', '/ledger/balance-sheet');
  const params = await searchParams;
  const [asOf, settings] = await Promise.all([asOfFromSearchParam(params.as_of), shopSettings()]);
  const bs = asOf.ok ? await balanceSheet(asOf) : null;
  const money = (amount: number) => formatMoney(amount, settings.currency);

  return (
    <>
      <PageHeader
        title="Ledger"
        description="Balance sheet: what the shop owns, owes and is worth at the end of a day."
      />
      <LedgerTabs current="/ledger/balance-sheet" />
      <AsOfForm
        action="/ledger/balance-sheet"
        asOf={asOf}
        hint={
          `Balances at the end of the day in the shop's time zone (${settings.timezone}), ` +
          `in ${settings.currency}. Earnings are derived from the profit and loss ` +
          `accounts; no closing entry is needed.`
        }
      />
      {bs && (
        <section aria-labelledby="bs-title" className="rounded-xl border border-slate-200 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-3 px-4 pt-5 sm:px-6">
            <h2 id="bs-title" className="text-lg font-semibold">
              Balance sheet as of {bs.as_of}
            </h2>
            <div className="flex flex-wrap items-center gap-3">
              <span
                className={
                  `rounded-full px-2 py-0.5 text-xs ` +
                  `font-medium ${bs.difference === 0 ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`
                }
              >
                {bs.difference === 0
                  ? 'Balanced: assets = liabilities + equity'
                  : `Out of balance by ${money(bs.difference)}`}
              </span>
              <div className="flex flex-wrap gap-2">
                <ExportLinks href={(f) => `/ledger/export/balance-sheet?as_of=${bs.as_of}&format=${f}`} />
              </div>
            </div>
          </div>
          {bs.assets.accounts.length === 0 && bs.liabilities.accounts.length === 0 && (
            <p className="px-4 pt-3 text-slate-700 sm:px-6">
              Nothing has been posted up to this date. Balances appear when stock is received and orders are
              taken; pick a later date or{' '}
              <Link href="/ledger/journal" className="text-brand-700 underline">
                look at the journal
              </Link>
              .
            </p>
          )}
          <StaticTable
            label="Balance sheet table"
            className="mt-3"
            caption={`Balance sheet as of ${bs.as_of} in ${settings.currency}; each figure opens its journal lines`}
            hideHeader
            columns={[
              { id: 'account', header: 'Account', rowHeader: true },
              { id: 'amount', header: 'Amount', align: 'end', className: 'whitespace-nowrap' },
            ]}
            groups={[
              side('assets', 'Assets', bs.assets, bs.as_of, money),
              side('liabilities', 'Liabilities', bs.liabilities, bs.as_of, money),
              side('equity', 'Equity', bs.equity, bs.as_of, money, [
                {
                  id: 'retained',
                  cells: {
                    account: (
                      <span className="block pl-4 sm:pl-6">
                        Retained earnings (before {bs.fiscal_year_start})
                      </span>
                    ),
                    amount: (
                      <Link
                        href={fiveYearsBefore(bs.fiscal_year_start)}
                        className="text-brand-700 underline"
                        aria-label={
                          `Retained earnings ${money(bs.retained_earnings)}: open the ` +
                          `profit and loss of the five years before`
                        }
                      >
                        {money(bs.retained_earnings)}
                      </Link>
                    ),
                  },
                },
                {
                  id: 'current',
                  cells: {
                    account: (
                      <span className="block pl-4 sm:pl-6">
                        Current-year earnings ({bs.fiscal_year_start} to {bs.as_of})
                      </span>
                    ),
                    amount: (
                      <Link
                        href={`/ledger/profit-and-loss?from=${bs.fiscal_year_start}&to=${bs.as_of}`}
                        className="text-brand-700 underline"
                        data-testid="current-year-earnings"
                      >
                        {money(bs.current_year_earnings)}
                      </Link>
                    ),
                  },
                },
              ]),
            ]}
            footer={[
              {
                id: 'total',
                cells: {
                  account: 'Total liabilities and equity',
                  amount: money(bs.liabilities.total + bs.equity.total),
                },
              },
            ]}
          />
        </section>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { asOfFromSearchParam } from '@/lib/ledger/as-of';
import { balanceSheet } from '@/lib/ledger/queries';
import type { BsSectionDto } from '@/lib/ledger/statements';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AsOfForm } from '@/components/ledger/as-of-form';

export const metadata: Metadata = { title: 'Balance sheet · Ledger' };

/** One side of the balance sheet: its accounts (each linking to its journal lines up to the date) and total. */
function Side({
  id,
  title,
  side,
  asOf,
  money,
  children,
}: {
  id: string;
  title: string;
  side: BsSectionDto;
  asOf: string;
  money: (amount: number) => string;
  children?: React.ReactNode;
}) {
  return (
    <tbody>
      <tr className="border-b border-slate-200 bg-slate-50">
        <th id={id} scope="rowgroup" colSpan={2} className="px-4 py-2 text-left font-semibold sm:px-6">
          {title}
        </th>
      </tr>
      {side.accounts.map((a) => (
        <tr key={a.code} className="border-b border-slate-100">
          <th scope="row" className="py-2 pr-3 pl-8 text-left font-normal sm:pl-10">
            <span className="mr-1 font-mono">{a.code}</span>
            {a.name}
          </th>
          <td className="px-4 py-2 whitespace-nowrap text-right tabular-nums sm:px-6">
            <Link
              href={`/ledger/journal?account=${encodeURIComponent(a.code)}&to=${asOf}`}
              className="text-brand-700 underline"
            >
              {money(a.amount)}
            </Link>
          </td>
        </tr>
      ))}
      {children}
      <tr className="border-b-2 border-slate-300 font-medium">
        <th scope="row" className="px-4 py-2 text-left sm:px-6">
          Total {title.toLowerCase()}
        </th>
        <td
          className="px-4 py-2 whitespace-nowrap text-right tabular-nums sm:px-6"
          data-testid={`total-${id}`}
        >
          {money(side.total)}
        </td>
      </tr>
    </tbody>
  );
}

export default async function BalanceSheetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
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
        value={asOf.ok ? asOf.asOf : asOf.today}
        error={asOf.ok ? undefined : asOf.error}
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
                {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
                  <a
                    key={f}
                    href={`/ledger/export/balance-sheet?as_of=${bs.as_of}&format=${f}`}
                    download
                    className={
                      'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                      'bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50'
                    }
                  >
                    Export {f.toUpperCase()}
                  </a>
                ))}
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
          <ScrollRegion label="Balance sheet table" className="mt-3">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                Balance sheet as of {bs.as_of} in {settings.currency}; each figure opens its journal lines
              </caption>
              <thead className="sr-only">
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <Side id="assets" title="Assets" side={bs.assets} asOf={bs.as_of} money={money} />
              <Side
                id="liabilities"
                title="Liabilities"
                side={bs.liabilities}
                asOf={bs.as_of}
                money={money}
              />
              <Side id="equity" title="Equity" side={bs.equity} asOf={bs.as_of} money={money}>
                <tr className="border-b border-slate-100">
                  <th scope="row" className="py-2 pr-3 pl-8 text-left font-normal sm:pl-10">
                    Retained earnings (before {bs.fiscal_year_start})
                  </th>
                  <td className="px-4 py-2 whitespace-nowrap text-right tabular-nums sm:px-6">
                    <Link
                      href={
                        `/ledger/profit-and-loss?from=${Number(bs.fiscal_year_start.slice(0, 4)) - 5}` +
                        `-01-01&to=${Number(bs.fiscal_year_start.slice(0, 4)) - 1}-12-31`
                      }
                      className="text-brand-700 underline"
                      aria-label={
                        `Retained earnings ${money(bs.retained_earnings)}: open the ` +
                        `profit and loss of the five years before`
                      }
                    >
                      {money(bs.retained_earnings)}
                    </Link>
                  </td>
                </tr>
                <tr className="border-b border-slate-100">
                  <th scope="row" className="py-2 pr-3 pl-8 text-left font-normal sm:pl-10">
                    Current-year earnings ({bs.fiscal_year_start} to {bs.as_of})
                  </th>
                  <td className="px-4 py-2 whitespace-nowrap text-right tabular-nums sm:px-6">
                    <Link
                      href={`/ledger/profit-and-loss?from=${bs.fiscal_year_start}&to=${bs.as_of}`}
                      className="text-brand-700 underline"
                      data-testid="current-year-earnings"
                    >
                      {money(bs.current_year_earnings)}
                    </Link>
                  </td>
                </tr>
              </Side>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row" className="px-4 py-3 text-left sm:px-6">
                    Total liabilities and equity
                  </th>
                  <td className="px-4 py-3 whitespace-nowrap text-right tabular-nums sm:px-6">
                    {money(bs.liabilities.total + bs.equity.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}

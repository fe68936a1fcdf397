import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { todayIn } from '@/lib/dates';
import { clearingDifferences, PAYOUT_IMPORT_SORT, payoutImports } from '@/lib/ledger/payout-import-queries';
import { readSort } from '@/lib/list/sort';
import { fiscalYearCloses } from '@/lib/ledger/close-fiscal-year';
import { fiscalYearStart } from '@/lib/ledger/statements';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { ReconcileTabs } from '@/components/ledger/reconcile-tabs';
import { CloseYearForm, PayoutImportForm } from '@/components/ledger/payout-import-form';

export const metadata: Metadata = { title: 'Reconcile and close · Ledger' };

export default async function ReconcilePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('ledger:read', '/ledger/reconcile');
  const { sort } = readSort(await searchParams, PAYOUT_IMPORT_SORT);
  const canPost = roleHas(user.role, 'ledger:write');
  const settings = await shopSettings();
  const today = todayIn(settings.timezone);
  const [imports, differences, closes] = await Promise.all([
    payoutImports({ sort }),
    clearingDifferences({ from: '1970-01-01', to: today }),
    fiscalYearCloses(),
  ]);
  const money = (n: number) => formatMoney(n, settings.currency);
  // The last fiscal year that is over: the one before today's.
  const lastEnded =
    Number(fiscalYearStart(today, settings.fiscal_year_start_month).slice(0, 4)) -
    (settings.fiscal_year_start_month === 1 ? 1 : 0);
  return (
    <>
      <PageHeader
        title="Ledger"
        description="Reconcile processor payouts with the orders they pay for, and close the fiscal year."
      />
      <LedgerTabs current="/ledger/reconcile" />
      <ReconcileTabs current="/ledger/reconcile" />
      <div className="space-y-6">
        {canPost && <PayoutImportForm canPost={canPost} />}

        <section aria-labelledby="imports-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="imports-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            Imported payouts ({imports.length})
          </h2>
          {imports.length === 0 ? (
            <p className="px-4 py-4 text-slate-700 sm:px-6">
              No payout report imported yet. Export a payout from Stripe or Shopify Payments and import it
              above.
            </p>
          ) : (
            <div className="mt-3">
              <ListTable
                caption={`Imported payout reports in ${settings.currency}`}
                regionLabel="Imported payouts table"
                noun={['payout', 'payouts']}
                sort={sort}
                columns={[
                  { id: 'payout', header: 'Payout', rowHeader: true },
                  // the latest, the largest first
                  { id: 'paid', header: 'Paid', sortable: true, sortDescFirst: true },
                  {
                    id: 'net',
                    header: 'Net',
                    className: 'lg:text-right tabular-nums',
                    sortable: true,
                    sortDescFirst: true,
                  },
                  {
                    id: 'difference',
                    header: 'Difference',
                    className: 'lg:text-right tabular-nums',
                    sortable: true,
                    sortDescFirst: true,
                  },
                  { id: 'lines', header: 'Lines' },
                ]}
                rows={imports.map((i) => ({
                  id: i.id,
                  cells: {
                    payout: (
                      <>
                        <span className="font-mono">{i.reference}</span>
                        <span className="block text-xs text-slate-600">
                          {i.format === 'stripe' ? 'Stripe' : 'Shopify'}
                        </span>
                      </>
                    ),
                    paid: i.paid_on,
                    net: money(i.net),
                    difference: i.residual ? money(i.residual) : '—',
                    lines: `${i.matched} matched, ${i.unmatched} not`,
                  },
                }))}
              />
            </div>
          )}
        </section>

        <section
          aria-labelledby="differences-title"
          className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
        >
          <h2 id="differences-title" className="text-lg font-semibold">
            Clearing differences
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            What processors paid beyond or short of what the books carried (unmatched lines, other fees), held
            in 1090 Processor clearing differences until an accountant explains each with a{' '}
            <Link href="/ledger/entries/new" className="text-brand-700 underline">
              manual entry
            </Link>
            .
          </p>
          <p className="mt-3 text-sm">
            Balance of 1090 today:{' '}
            <span className="font-semibold tabular-nums" data-testid="clearing-differences-balance">
              {money(differences.account_balance)}
            </span>{' '}
            · {differences.imports.length} payout(s) with a difference, together{' '}
            {money(differences.total_residual)}.{' '}
            <Link
              href={`/ledger/journal?account=1090&from=1970-01-01&to=${today}`}
              className="text-brand-700 underline"
            >
              Journal lines of 1090
            </Link>
          </p>
        </section>

        <section aria-labelledby="closes-title" className="space-y-4">
          <h2 id="closes-title" className="sr-only">
            Year-end close
          </h2>
          {canPost && <CloseYearForm defaultYear={lastEnded} />}
          <div className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
            <h3 className="text-base font-semibold">Closed fiscal years</h3>
            {closes.length === 0 ? (
              <p className="mt-2 text-slate-700">
                No year closed yet. Statements never need a close; close a year when the accountant has signed
                it off, so its dates are locked.
              </p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {closes.map((c) => (
                  <li key={c.year_start}>
                    {c.year_start} to {c.year_end}: {money(c.net_income)} to retained earnings
                    {c.entry_number ? ` (entry #${c.entry_number})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
    </>
  );
}

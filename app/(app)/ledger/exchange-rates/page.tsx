import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { FX_RATE_SORT, fxRates } from '@/lib/ledger/fx-queries';
import { ZFxRatesQuery } from '@/lib/ledger/fx-schemas';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { EcbImportForm, FxRateForm } from '@/components/ledger/fx-rate-forms';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Exchange rates · Ledger' };

const SOURCE_LABEL: Record<string, string> = { manual: 'Entered', api: 'API', ecb: 'ECB file' };

export default async function ExchangeRatesPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('ledger:read', '/ledger/exchange-rates');
  const canPost = roleHas(user.role, 'ledger:write');
  const raw = await searchParams;
  const parsed = ZFxRatesQuery.safeParse({
    currency: typeof raw.currency === 'string' && raw.currency ? raw.currency.toUpperCase() : undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const { sort } = readSort(raw, FX_RATE_SORT);
  const [settings, { rates }] = await Promise.all([shopSettings(), fxRates(query, undefined, sort)]);
  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          `Exchange rates to ${settings.currency}: the rate for a day is that day's or ` +
          `the last one before it.`
        }
      />
      <LedgerTabs current="/ledger/exchange-rates" />
      <div className="space-y-6">
        <section aria-labelledby="rates-title" className="rounded-xl border border-slate-200 bg-white">
          <div className="flex flex-wrap items-end justify-between gap-3 px-4 pt-5 sm:px-6">
            <h2 id="rates-title" className="text-lg font-semibold">
              Rates{query.currency ? ` for ${query.currency}` : ''} ({rates.length})
            </h2>
            <form className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter rates">
              <div>
                <label htmlFor="rates-currency" className="block text-sm font-medium">
                  Currency
                </label>
                <input
                  id="rates-currency"
                  name="currency"
                  defaultValue={query.currency ?? ''}
                  maxLength={3}
                  placeholder="EUR"
                  className="mt-1 min-h-10 w-24 rounded-md border border-slate-300 px-3 text-sm"
                />
              </div>
              <button
                type="submit"
                className={
                  'min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm ' +
                  'font-medium hover:bg-slate-50'
                }
              >
                Filter
              </button>
            </form>
          </div>
          {!parsed.success && (
            <p className="px-4 pt-2 text-sm text-red-700 sm:px-6">
              That is not a currency code; showing every currency.
            </p>
          )}
          {rates.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">
              No rates yet{query.currency ? ` for ${query.currency}` : ''}.{' '}
              {canPost
                ? 'Enter one below or import the ECB reference-rate CSV.'
                : 'A manager can enter them or import the ECB reference-rate CSV.'}
            </p>
          ) : (
            <div className="mt-3">
              <ListTable
                caption="Exchange rates table"
                regionLabel="Exchange rates table"
                noun={['rate', 'rates']}
                sort={sort}
                columns={[
                  { id: 'date', header: 'Date', sortable: true, sortDescFirst: true },
                  { id: 'currency', header: 'Currency', sortable: true, className: 'font-mono' },
                  {
                    id: 'rate',
                    header: `${settings.currency} per unit`,
                    sortable: true,
                    className: 'font-mono lg:text-right tabular-nums',
                  },
                  { id: 'source', header: 'Source', sortable: true },
                ]}
                rows={rates.map((r) => ({
                  id: `${r.currency}-${r.date}`,
                  cells: {
                    date: <span className="whitespace-nowrap">{r.date}</span>,
                    currency: r.currency,
                    rate: r.rate,
                    source: SOURCE_LABEL[r.source] ?? r.source,
                  },
                }))}
              />
            </div>
          )}
        </section>
        {canPost && (
          <div className="grid gap-6 lg:grid-cols-2">
            <FxRateForm currency={settings.currency} today={todayIn(settings.timezone)} />
            <EcbImportForm currency={settings.currency} />
          </div>
        )}
      </div>
    </>
  );
}

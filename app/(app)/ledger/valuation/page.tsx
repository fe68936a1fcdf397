import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { asOfFromSearchParam } from '@/lib/ledger/as-of';
import { accountBalance } from '@/lib/ledger/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { inventoryValuation } from '@/lib/inventory/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AsOfForm } from '@/components/ledger/as-of-form';
import type { ListPageProps } from '@/components/page/props';
import { DownloadLink } from '@/components/page/download-link';

export const metadata: Metadata = { title: 'Inventory valuation · Ledger' };

/** Rows rendered on the page; the CSV export always has every SKU. */
const MAX_ROWS = 500;
const METHOD_LABEL = { fifo: 'FIFO (first in, first out)', average: 'Moving weighted average' } as const;

export default async function ValuationPage({ searchParams }: ListPageProps) {
  await requirePagePermission(['ledger:read', 'reports:read'], '/ledger/valuation');
  const params = await searchParams;
  const asOf = await asOfFromSearchParam(params.as_of);
  const [valuation, ledger] = asOf.ok
    ? await Promise.all([inventoryValuation(asOf), accountBalance(ACCOUNTS.inventory, asOf.before)])
    : [null, null];
  return (
    <>
      <PageHeader
        title="Ledger"
        description="What the stock on hand is worth at cost, checked against the inventory account."
      />
      <LedgerTabs current="/ledger/valuation" />
      <AsOfForm
        action="/ledger/valuation"
        asOf={asOf}
        hint="Stock and value at the end of the day in the shop's time zone, including damaged and quarantined units."
      />
      {valuation &&
        ledger !== null &&
        (() => {
          const money = (amount: number) => formatMoney(amount, valuation.currency);
          const difference = valuation.total_value - ledger;
          const units = valuation.lines.reduce((s, l) => s + l.quantity, 0);
          const shown = valuation.lines.slice(0, MAX_ROWS);
          return (
            <section
              aria-labelledby="valuation-title"
              className="rounded-xl border border-slate-200 bg-white"
            >
              <div className="flex flex-wrap items-start justify-between gap-3 px-4 pt-5 sm:px-6">
                <div>
                  <h2 id="valuation-title" className="text-lg font-semibold">
                    Inventory valuation as of {valuation.as_of}
                  </h2>
                  <p className="text-sm text-slate-700">Costing method: {METHOD_LABEL[valuation.method]}</p>
                </div>
                <DownloadLink href={`/ledger/export/valuation?as_of=${valuation.as_of}`}>
                  Export CSV
                </DownloadLink>
              </div>
              <dl className="mx-4 mt-4 grid grid-cols-[repeat(auto-fit,minmax(11rem,1fr))] gap-3 sm:mx-6">
                <div className="rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-sm text-slate-700">Total value</dt>
                  <dd className="text-xl font-semibold tabular-nums" data-testid="valuation-total">
                    {money(valuation.total_value)}
                  </dd>
                </div>
                <div className="rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-sm text-slate-700">SKUs held</dt>
                  <dd className="text-xl font-semibold tabular-nums">
                    {valuation.lines.length.toLocaleString('en-US')}
                  </dd>
                </div>
                <div className="rounded-md bg-slate-50 px-3 py-2">
                  <dt className="text-sm text-slate-700">Units</dt>
                  <dd className="text-xl font-semibold tabular-nums">{units.toLocaleString('en-US')}</dd>
                </div>
              </dl>
              <p
                role="status"
                data-testid="valuation-vs-ledger"
                className={
                  `mx-4 mt-3 rounded-md px-3 py-2 text-sm ` +
                  (`sm:mx-6 ` +
                    (difference === 0
                      ? 'border border-green-200 bg-green-50 text-green-900'
                      : 'border border-amber-300 bg-amber-50 text-amber-900'))
                }
              >
                {difference === 0 ? (
                  <>
                    ✓ Matches the ledger: the inventory account ({ACCOUNTS.inventory}) balance is also{' '}
                    {money(ledger)}.
                  </>
                ) : (
                  <>
                    Differs from the ledger: the inventory account ({ACCOUNTS.inventory}) balance is{' '}
                    {money(ledger)}, {money(Math.abs(difference))} {difference > 0 ? 'less' : 'more'} than the
                    valuation. This usually means a manual entry was posted to account {ACCOUNTS.inventory};
                    check the{' '}
                    <Link href="/ledger/journal?source=manual" className="underline">
                      manual entries in the journal
                    </Link>
                    .
                  </>
                )}
              </p>
              {valuation.lines.length === 0 ? (
                <p className="px-4 py-6 text-slate-700 sm:px-6">
                  No stock was held on this date. Receive stock in Inventory and it is valued here at cost.
                </p>
              ) : (
                <>
                  <StaticTable
                    label="Inventory valuation table"
                    className="mt-4"
                    caption="Stock on hand by SKU, at cost"
                    columns={[
                      { id: 'sku', header: 'SKU', rowHeader: true, className: 'whitespace-nowrap font-mono' },
                      { id: 'item', header: 'Item' },
                      { id: 'quantity', header: 'Quantity', align: 'end', className: 'whitespace-nowrap' },
                      { id: 'value', header: 'Value', align: 'end', className: 'whitespace-nowrap' },
                    ]}
                    rows={shown.map((l) => ({
                      id: l.sku,
                      cells: {
                        sku: l.sku,
                        item: l.name,
                        quantity: l.quantity.toLocaleString('en-US'),
                        value: money(l.value),
                      },
                    }))}
                    footer={[
                      {
                        id: 'total',
                        cells: {
                          sku: `Total${
                            shown.length < valuation.lines.length
                              ? ` (all ${valuation.lines.length.toLocaleString('en-US')} SKUs)`
                              : ''
                          }`,
                          quantity: units.toLocaleString('en-US'),
                          value: money(valuation.total_value),
                        },
                      },
                    ]}
                  />
                  {shown.length < valuation.lines.length && (
                    <p className="px-4 py-3 text-sm text-slate-700 sm:px-6">
                      Showing the first {shown.length.toLocaleString('en-US')} of{' '}
                      {valuation.lines.length.toLocaleString('en-US')} SKUs by SKU code. Export CSV for every
                      SKU.
                    </p>
                  )}
                </>
              )}
            </section>
          );
        })()}
    </>
  );
}

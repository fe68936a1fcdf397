import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { asOfFromSearchParam } from '@/lib/ledger/as-of';
import { trialBalance } from '@/lib/ledger/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AsOfForm } from '@/components/ledger/as-of-form';
import { AccountTypeLabel, BalanceIndicator } from '@/components/ledger/ledger-bits';
import type { ListPageProps } from '@/components/page/props';
import { DownloadLink } from '@/components/page/download-link';

export const metadata: Metadata = { title: 'Trial balance · Ledger' };

export default async function TrialBalancePage({ searchParams }: ListPageProps) {
  await requirePagePermission('ledger:read', '/ledger');
  const params = await searchParams;
  const [asOf, settings] = await Promise.all([asOfFromSearchParam(params.as_of), shopSettings()]);
  const tb = asOf.ok ? await trialBalance(asOf) : null;
  const money = (amount: number) => formatMoney(amount, settings.currency);
  const empty = tb !== null && tb.total_debit === 0 && tb.total_credit === 0;
  return (
    <>
      <PageHeader
        title="Ledger"
        description="The books: every money event posts a balanced journal entry here."
      />
      <LedgerTabs current="/ledger" />
      <AsOfForm
        action="/ledger"
        asOf={asOf}
        hint={`Balances at the end of the day in the shop's time zone (${settings.timezone}).`}
      />
      {tb && (
        <section
          aria-labelledby="tb-title"
          className="@container rounded-xl border border-slate-200 bg-white"
        >
          <div className="flex flex-wrap items-center justify-between gap-3 px-4 pt-5 sm:px-6">
            <h2 id="tb-title" className="text-lg font-semibold">
              Trial balance as of {tb.as_of}
            </h2>
            <div className="flex flex-wrap items-center gap-3">
              <BalanceIndicator debit={tb.total_debit} credit={tb.total_credit} format={money} />
              <DownloadLink href={`/ledger/export/trial-balance?as_of=${tb.as_of}`}>Export CSV</DownloadLink>
            </div>
          </div>
          {empty && (
            <p className="px-4 pt-3 text-slate-700 sm:px-6">
              Nothing has been posted up to this date, so every balance is zero. Entries appear when stock is
              received, counted or adjusted, and when orders ship.
            </p>
          )}
          <StaticTable
            label="Trial balance table"
            className="mt-3"
            caption={
              <>
                Each account&apos;s balance as of {tb.as_of}, in the debit or credit column, in{' '}
                {settings.currency}
              </>
            }
            columns={[
              { id: 'code', header: 'Code', className: 'font-mono' },
              { id: 'account', header: 'Account', rowHeader: true },
              { id: 'type', header: 'Type', className: 'max-sm:hidden' },
              { id: 'debit', header: 'Debit', align: 'end', className: 'whitespace-nowrap' },
              { id: 'credit', header: 'Credit', align: 'end', className: 'whitespace-nowrap' },
            ]}
            rows={tb.accounts.map((a) => ({
              id: a.code,
              cells: {
                code: a.code,
                account: (
                  <>
                    {a.name}
                    <span className="block text-xs text-slate-600 sm:hidden">
                      <AccountTypeLabel type={a.type} />
                    </span>
                  </>
                ),
                type: <AccountTypeLabel type={a.type} />,
                debit: a.debit ? money(a.debit) : <span className="text-slate-600">—</span>,
                credit: a.credit ? money(a.credit) : <span className="text-slate-600">—</span>,
              },
            }))}
            footer={[
              {
                id: 'total',
                cells: {
                  account: 'Total',
                  debit: <span data-testid="total-debit">{money(tb.total_debit)}</span>,
                  credit: <span data-testid="total-credit">{money(tb.total_credit)}</span>,
                },
              },
            ]}
          />
        </section>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { ACCOUNT_SORT, chartOfAccounts } from '@/lib/ledger/queries';
import { readSort } from '@/lib/list/sort';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AccountTypeLabel } from '@/components/ledger/ledger-bits';
import { CreateAccountForm } from '@/components/ledger/create-account-form';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Accounts · Ledger' };

function AccountKind({ system, active }: { system: boolean; active: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {system ? (
        <span
          className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900"
          title="Used by the posting rules"
        >
          System
        </span>
      ) : (
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">
          Custom
        </span>
      )}
      {!active && (
        <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
          Inactive
        </span>
      )}
    </span>
  );
}

export default async function AccountsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('ledger:read', '/ledger/accounts');
  const { sort } = readSort(await searchParams, ACCOUNT_SORT);
  const canPost = roleHas(user.role, 'ledger:write');
  const today = await resolveAsOf();
  const [accounts, settings] = await Promise.all([chartOfAccounts(today.before, sort), shopSettings()]);
  const money = (amount: number) => formatMoney(amount, settings.currency);
  return (
    <>
      <PageHeader
        title="Ledger"
        description="The chart of accounts. System accounts are the ones stock and order events post to."
      />
      <LedgerTabs current="/ledger/accounts" />
      <div className="space-y-6">
        <Card
          id="accounts-title"
          title={`Chart of accounts (${accounts.length})`}
          padding="none"
          className="@container"
          titleClassName="px-4 pt-5 sm:px-6"
        >
          <p className="px-4 text-sm text-slate-600 sm:px-6">
            Balances as of today, {today.asOf} ({settings.timezone}). Dr = debit balance, Cr = credit balance.
          </p>
          <div className="mt-3">
            <ListTable
              caption="Chart of accounts table"
              regionLabel="Chart of accounts table"
              noun={['account', 'accounts']}
              sort={sort}
              columns={[
                { id: 'code', header: 'Code', sortable: true, className: 'font-mono' },
                { id: 'name', header: 'Name', sortable: true },
                { id: 'type', header: 'Type', sortable: true },
                { id: 'kind', header: 'Kind' },
                { id: 'balance', header: 'Balance today', sortable: true, className: 'lg:text-right' },
              ]}
              rows={accounts.map((a) => ({
                id: a.code,
                cells: {
                  code: a.code,
                  name: a.name,
                  type: <AccountTypeLabel type={a.type} />,
                  kind: <AccountKind system={a.system} active={a.active} />,
                  balance: (
                    <span className="whitespace-nowrap tabular-nums">
                      {a.balance === 0 ? (
                        <span className="text-slate-600">—</span>
                      ) : (
                        <>
                          {money(Math.abs(a.balance))}{' '}
                          <abbr
                            title={a.balance > 0 ? 'debit balance' : 'credit balance'}
                            className="text-slate-600 no-underline"
                          >
                            {a.balance > 0 ? 'Dr' : 'Cr'}
                          </abbr>
                        </>
                      )}
                    </span>
                  ),
                },
              }))}
              empty="No accounts yet. Add the first one below."
            />
          </div>
        </Card>
        {canPost && <CreateAccountForm />}
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { resolveAsOf } from '@/lib/ledger/as-of';
import { chartOfAccounts } from '@/lib/ledger/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { AccountTypeLabel } from '@/components/ledger/ledger-bits';
import { CreateAccountForm } from '@/components/ledger/create-account-form';

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

export default async function AccountsPage() {
  const user = await requirePagePermission('ledger:read', '/ledger/accounts');
  const canPost = roleHas(user.role, 'ledger:write');
  const today = await resolveAsOf();
  const [accounts, settings] = await Promise.all([chartOfAccounts(today.before), shopSettings()]);
  const money = (amount: number) => formatMoney(amount, settings.currency);
  return (
    <>
      <PageHeader
        title="Ledger"
        description="The chart of accounts. System accounts are the ones stock and order events post to."
      />
      <LedgerTabs current="/ledger/accounts" />
      <div className="space-y-6">
        <section
          aria-labelledby="accounts-title"
          className="@container rounded-xl border border-slate-200 bg-white"
        >
          <h2 id="accounts-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            Chart of accounts ({accounts.length})
          </h2>
          <p className="px-4 text-sm text-slate-600 sm:px-6">
            Balances as of today, {today.asOf} ({settings.timezone}). Dr = debit balance, Cr = credit balance.
          </p>
          <ScrollRegion label="Chart of accounts table" className="mt-3">
            <table className="w-full text-left text-sm">
              <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-6">
                    Code
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Name
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium @2xl:table-cell">
                    Type
                  </th>
                  <th scope="col" className="hidden px-3 py-2 font-medium @2xl:table-cell">
                    Kind
                  </th>
                  <th scope="col" className="px-4 py-2 text-right font-medium sm:px-6">
                    Balance today
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.code} className="border-b border-slate-100">
                    <td className="px-4 py-2 font-mono sm:px-6">{a.code}</td>
                    <th scope="row" className="px-3 py-2 font-normal">
                      {a.name}
                      <span className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-600 @2xl:hidden">
                        <AccountTypeLabel type={a.type} /> <AccountKind system={a.system} active={a.active} />
                      </span>
                    </th>
                    <td className="hidden px-3 py-2 @2xl:table-cell">
                      <AccountTypeLabel type={a.type} />
                    </td>
                    <td className="hidden px-3 py-2 @2xl:table-cell">
                      <AccountKind system={a.system} active={a.active} />
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap text-right tabular-nums sm:px-6">
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
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
        {canPost && <CreateAccountForm />}
      </div>
    </>
  );
}

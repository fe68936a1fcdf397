import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { payoutBankChecks } from '@/lib/ledger/payout-import-queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { ReconcileTabs } from '@/components/ledger/reconcile-tabs';
import { BankStatementForm } from '@/components/ledger/bank-statement-form';

export const metadata: Metadata = { title: 'Bank statement · Reconcile · Ledger' };

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 whitespace-nowrap';

export default async function BankStatementPage() {
  const user = await requirePagePermission('ledger:read', '/ledger/reconcile/bank');
  const canPost = roleHas(user.role, 'ledger:write');
  const checks = await payoutBankChecks();
  const money = (n: number) => formatMoney(n, checks.currency);
  return (
    <>
      <PageHeader
        title="Ledger"
        description="Match the bank's statement to the payouts the books recorded, and confirm what the bank shows."
      />
      <LedgerTabs current="/ledger/reconcile" />
      <ReconcileTabs current="/ledger/reconcile/bank" />
      <div className="space-y-6">
        {canPost ? (
          <BankStatementForm />
        ) : (
          <p className="text-sm text-slate-700">
            Matching a bank statement needs the ledger:write permission.
          </p>
        )}
        <section aria-labelledby="bank-checks-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="bank-checks-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            Payouts and the bank ({checks.awaiting} not yet seen on a statement)
          </h2>
          {checks.rows.length === 0 ? (
            <p className="px-4 py-4 text-slate-700 sm:px-6">
              No payout recorded yet. Import a processor&rsquo;s payout report under Payouts first; its
              deposit can then be matched here.
            </p>
          ) : (
            <ScrollRegion label="Payouts and bank confirmations table" className="mt-3">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">
                  The latest payouts and whether a bank statement confirmed them
                </caption>
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className={`${th} pl-4 sm:pl-6`}>
                      Payout
                    </th>
                    <th scope="col" className={th}>
                      Paid
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      To the bank
                    </th>
                    <th scope="col" className={`${th} pr-4 sm:pr-6`}>
                      Bank statement
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {checks.rows.map((r) => (
                    <tr key={r.reference} className="border-b border-slate-100">
                      <th scope="row" className={`${td} pl-4 font-normal sm:pl-6`}>
                        <span className="font-mono">{r.reference}</span>
                        <span className="block text-xs text-slate-600">{r.source}</span>
                      </th>
                      <td className={td}>{r.paid_on}</td>
                      <td className={`${td} text-right tabular-nums`}>{money(r.bank_amount)}</td>
                      <td className={`${td} pr-4 sm:pr-6`}>
                        {r.bank_confirmed_on ? (
                          <span className="text-emerald-800">Seen {r.bank_confirmed_on}</span>
                        ) : (
                          <span className="text-amber-800">Not yet</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      </div>
    </>
  );
}

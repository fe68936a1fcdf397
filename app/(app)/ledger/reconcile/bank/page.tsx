import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { payoutBankChecks } from '@/lib/ledger/payout-import-queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { ReconcileTabs } from '@/components/ledger/reconcile-tabs';
import { BankStatementForm } from '@/components/ledger/bank-statement-form';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Bank statement · Reconcile · Ledger' };

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
        <Card
          id="bank-checks-title"
          title={`Payouts and the bank (${checks.awaiting} not yet seen on a statement)`}
          padding="none"
          titleClassName="px-4 pt-5 sm:px-6"
        >
          {checks.rows.length === 0 ? (
            <p className="px-4 py-4 text-slate-700 sm:px-6">
              No payout recorded yet. Import a processor&rsquo;s payout report under Payouts first; its
              deposit can then be matched here.
            </p>
          ) : (
            <StaticTable
              label="Payouts and bank confirmations table"
              className="mt-3"
              caption="The latest payouts and whether a bank statement confirmed them"
              columns={[
                { id: 'payout', header: 'Payout', rowHeader: true, className: 'font-normal' },
                { id: 'paid', header: 'Paid' },
                { id: 'bank', header: 'To the bank', align: 'end' },
                { id: 'statement', header: 'Bank statement' },
              ]}
              rows={checks.rows.map((r) => ({
                id: r.reference,
                cells: {
                  payout: (
                    <>
                      <span className="font-mono">{r.reference}</span>
                      <span className="block text-xs text-slate-600">{r.source}</span>
                    </>
                  ),
                  paid: r.paid_on,
                  bank: money(r.bank_amount),
                  statement: r.bank_confirmed_on ? (
                    <span className="text-emerald-800">Seen {r.bank_confirmed_on}</span>
                  ) : (
                    <span className="text-amber-800">Not yet</span>
                  ),
                },
              }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}

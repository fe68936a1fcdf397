import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Ledger' };

export default async function LedgerPage() {
  await requirePagePermission('ledger:read', '/ledger');
  return (
    <>
      <PageHeader title="Ledger" description="Double-entry books." />
      <ComingSoon
        what="the ledger"
        planned={[
          'Chart of accounts and journal entries posted by every money event',
          'Trial balance, P&L, balance sheet and sales tax reports',
          'CSV export of every report',
        ]}
      />
    </>
  );
}

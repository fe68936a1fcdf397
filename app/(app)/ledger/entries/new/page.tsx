import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { accountList } from '@/lib/ledger/queries';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { ManualEntryForm } from '@/components/ledger/manual-entry-form';

export const metadata: Metadata = { title: 'New manual entry · Ledger' };

export default async function NewManualEntryPage() {
  await requirePagePermission('ledger:write', '/ledger/entries/new');
  const [accounts, settings] = await Promise.all([accountList(), shopSettings()]);
  const active = accounts.filter((a) => a.active).map((a) => ({ code: a.code, name: a.name, type: a.type }));
  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          'Post a manual journal entry: accruals, owner contributions, corrections. Stock ' +
          'and order events post their own entries.'
        }
      />
      <LedgerTabs current="/ledger/journal" />
      <p className="mb-4 text-sm">
        <Link href="/ledger/journal" className="text-brand-700 underline">
          ← Back to the journal
        </Link>
      </p>
      <div className="max-w-4xl">
        <ManualEntryForm accounts={active} currency={settings.currency} />
      </div>
    </>
  );
}

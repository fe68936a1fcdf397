import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { TransferForm } from '@/components/inventory/transfer-form';

export const metadata: Metadata = { title: 'Transfer stock' };

export default async function TransferPage() {
  await requirePagePermission('inventory:adjust', '/inventory/transfer');
  const locations = (await locationList()).filter((l) => l.active);
  return (
    <>
      <PageHeader title="Inventory" description="Move stock between your locations." />
      <InventoryTabs current="/inventory/transfer" canWrite />
      {locations.length < 2 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6">
          You need two active locations to transfer stock.
        </p>
      ) : (
        <TransferForm locations={locations} />
      )}
    </>
  );
}

import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { locationList } from '@/lib/locations/queries';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { ReceiveForm } from '@/components/inventory/receive-form';

export const metadata: Metadata = { title: 'Receive stock' };

export default async function ReceivePage() {
  await requirePagePermission('inventory:adjust', '/inventory/receive');
  const [locations, settings] = await Promise.all([locationList(), shopSettings()]);
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Record a delivery: what arrived, how many, and what each unit cost."
      />
      <InventoryTabs current="/inventory/receive" canWrite />
      <ReceiveForm
        locations={locations.filter((l) => l.active)}
        currency={settings.currency}
        defaultLocation={settings.fulfilling_location ?? undefined}
      />
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { NewCountForm } from '@/components/cycle-counts/new-count-form';

export const metadata: Metadata = { title: 'New cycle count' };

export default async function NewCycleCountPage() {
  await requirePagePermission('inventory:adjust', '/inventory/cycle-counts/new');
  const locations = (await locationList()).filter((l) => l.active);
  return (
    <>
      <PageHeader
        title="New cycle count"
        description={
          'A count sheet lists every stock level in scope. Counters see bins and items, ' +
          'never the expected quantities.'
        }
      />
      <InventoryTabs current="/inventory/cycle-counts" canWrite />
      {locations.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-6">
          There is no active location to count. Add one under{' '}
          <Link href="/settings/locations" className="text-brand-700 underline">
            Settings → Locations
          </Link>
          .
        </p>
      ) : (
        <NewCountForm locations={locations.map((l) => ({ code: l.code, name: l.name }))} />
      )}
    </>
  );
}

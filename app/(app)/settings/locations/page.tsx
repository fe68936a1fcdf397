import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { locationsWithAddress } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { LocationForm } from '@/components/settings/location-form';

export const metadata: Metadata = { title: 'Locations' };

export default async function LocationsPage() {
  await requirePagePermission('settings:write', '/settings/locations');
  const locations = await locationsWithAddress();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your warehouses and stores. The address is the ship-from printed on labels and packing slips."
      />
      <SettingsTabs current="/settings/locations" />
      <div className="space-y-6">
        {locations.length === 0 ? (
          <p className="rounded-xl border border-slate-200 bg-white p-6">No locations yet.</p>
        ) : (
          locations.map((l) => <LocationForm key={l.code} location={l} />)
        )}
      </div>
    </>
  );
}

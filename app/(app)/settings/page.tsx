import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shopSettings } from '@/lib/settings/queries';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ShopSettingsForm } from '@/components/settings/shop-settings-form';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requirePagePermission('settings:write', '/settings');
  const [settings, locations] = await Promise.all([shopSettings(), locationList()]);
  return (
    <>
      <PageHeader
        title="Settings"
        description="How your shop works: currency, time zone, costing and limits."
      />
      <SettingsTabs current="/settings" />
      <ShopSettingsForm
        settings={settings}
        locations={locations.filter((l) => l.active).map((l) => ({ code: l.code, name: l.name }))}
      />
    </>
  );
}

import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shopSettings } from '@/lib/settings/queries';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ShopSettingsForm } from '@/components/settings/shop-settings-form';
import { OperationsForm } from '@/components/settings/operations-form';
import { roleHas } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requirePagePermission(['settings:write', 'settings:operations'], '/settings');
  // A manager holds only the operational limits (settings:operations, decision 032): just those.
  if (!roleHas(user.role, 'settings:write')) {
    const limits = await shopSettings();
    return (
      <>
        <PageHeader
          title="Settings"
          description={
            'Operational limits: when a refund waits for a manager, when a cycle count ' +
            'needs approval, and when an order is held for fraud review. Every ' +
            'change is in the audit log.'
          }
        />
        <OperationsForm
          limits={{
            support_refund_limit: limits.support_refund_limit,
            count_approval_limit: limits.count_approval_limit,
            fraud_review_threshold: limits.fraud_review_threshold,
          }}
        />
      </>
    );
  }
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

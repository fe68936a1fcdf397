import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { OperationsForm } from '@/components/settings/operations-form';

export const metadata: Metadata = { title: 'Operational limits' };

/** The limits a manager may change without the rest of Settings (settings:operations). */
export default async function OperationsSettingsPage() {
  const user = await requirePagePermission('settings:operations', '/settings/operations');
  const settings = await shopSettings();
  return (
    <>
      <PageHeader
        title="Operational limits"
        description={
          'When a refund waits for a manager, when a cycle count needs approval, and when ' +
          'an order is held for fraud review. Every change is in the audit log.'
        }
      />
      {roleHas(user.role, 'settings:write') && <SettingsTabs current="/settings/operations" />}
      <OperationsForm
        limits={{
          support_refund_limit: settings.support_refund_limit,
          count_approval_limit: settings.count_approval_limit,
          fraud_review_threshold: settings.fraud_review_threshold,
        }}
      />
    </>
  );
}

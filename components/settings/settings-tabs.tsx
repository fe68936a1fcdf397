import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/settings', label: 'Shop' },
  { href: '/settings/users', label: 'Users' },
  { href: '/settings/locations', label: 'Locations' },
  { href: '/settings/api-keys', label: 'API keys' },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/shipping', label: 'Shipping' },
  { href: '/settings/outbox', label: 'Outbox' },
  { href: '/settings/jobs', label: 'Jobs' },
  { href: '/settings/audit', label: 'Audit log' },
  { href: '/settings/operations', label: 'Operational limits' },
];

export function SettingsTabs({ current }: { current: string }) {
  return <SectionTabs label="Settings" tabs={TABS} current={current} />;
}

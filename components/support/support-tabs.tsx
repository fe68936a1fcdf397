import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/support', label: 'Inbox' },
  { href: '/support/canned-replies', label: 'Canned replies' },
  { href: '/support/sla', label: 'SLA settings' },
];

/** The Support section's sub-navigation. */
export function SupportTabs({ current }: { current: string }) {
  return <SectionTabs label="Support" tabs={TABS} current={current} />;
}

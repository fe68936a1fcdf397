import { SectionTabs } from '@/components/ui/section-tabs';

/** The Returns section's sub-navigation. */
export function ReturnsTabs({ current }: { current: string }) {
  return <SectionTabs label="Returns" tabs={[{ href: '/returns', label: 'Returns' }, { href: '/returns/refunds', label: 'Refunds' }]} current={current} />;
}

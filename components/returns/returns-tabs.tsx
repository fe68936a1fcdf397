import { SectionTabs } from '@/components/ui/section-tabs';

/** The Returns section's sub-navigation; "Refunds" only for roles that issue refunds. */
export function ReturnsTabs({ current, showRefunds }: { current: string; showRefunds: boolean }) {
  return (
    <SectionTabs
      label="Returns"
      tabs={[
        { href: '/returns', label: 'Returns' },
        ...(showRefunds ? [{ href: '/returns/refunds', label: 'Refunds' }] : []),
      ]}
      current={current}
    />
  );
}

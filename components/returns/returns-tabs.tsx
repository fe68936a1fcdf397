import { SectionTabs } from '@/components/ui/section-tabs';

/** The Returns section's sub-navigation; "Refunds" for roles that issue refunds, "Receive" for the warehouse. */
export function ReturnsTabs({
  current,
  showRefunds,
  showReceive = false,
}: {
  current: string;
  showRefunds: boolean;
  showReceive?: boolean;
}) {
  return (
    <SectionTabs
      label="Returns"
      tabs={[
        { href: '/returns', label: 'Returns' },
        ...(showRefunds ? [{ href: '/returns/refunds', label: 'Refunds' }] : []),
        ...(showReceive ? [{ href: '/returns/receive', label: 'Receive' }] : []),
      ]}
      current={current}
    />
  );
}

import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/orders', label: 'All orders' },
  { href: '/orders?status=pending_review', label: 'Review queue' },
  { href: '/orders/customers', label: 'Customers' },
  { href: '/orders/new', label: 'New order', create: true },
];

/** The Orders section's sub-navigation; "New order" only for roles that may take orders. */
export function OrdersTabs({ current, canCreate }: { current: string; canCreate: boolean }) {
  return <SectionTabs label="Orders" tabs={TABS.filter((t) => canCreate || !t.create)} current={current} />;
}

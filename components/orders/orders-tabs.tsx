import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/orders', label: 'All orders' },
  { href: '/orders?status=pending_review', label: 'Review queue' },
  { href: '/orders/customers', label: 'Customers' },
  { href: '/orders/imports', label: 'Imports', importer: true },
  { href: '/orders/new', label: 'New order', create: true },
];

/** The Orders section's sub-navigation; "New order" and "Imports" only for roles that may do them. */
export function OrdersTabs({
  current,
  canCreate,
  canImport = false,
}: {
  current: string;
  canCreate: boolean;
  canImport?: boolean;
}) {
  return (
    <SectionTabs
      label="Orders"
      tabs={TABS.filter((t) => (canCreate || !t.create) && (canImport || !t.importer))}
      current={current}
    />
  );
}

import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/purchasing', label: 'Purchase orders', read: true },
  { href: '/purchasing/suppliers', label: 'Suppliers', read: true },
  { href: '/purchasing/receive', label: 'Receive', read: false },
  { href: '/purchasing/bills', label: 'Bills', read: true },
  { href: '/purchasing/aging', label: 'AP aging', read: true },
  { href: '/purchasing/replenishment', label: 'Replenishment', read: true },
];

/** Purchasing's sub-navigation; a receive-only role (warehouse) sees only Receive. */
export function PurchasingTabs({ current, canRead }: { current: string; canRead: boolean }) {
  return <SectionTabs label="Purchasing" tabs={TABS.filter((t) => canRead || !t.read)} current={current} />;
}

import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/inventory', label: 'Stock levels' },
  { href: '/inventory/products', label: 'Products' },
  { href: '/inventory/receive', label: 'Receive stock', write: true },
  { href: '/inventory/transfer', label: 'Transfer', write: true },
  { href: '/inventory/cycle-counts', label: 'Cycle counts', write: true },
  { href: '/inventory/channels', label: 'Channel listings' },
];

/** Inventory's sub-navigation; the write tabs only for roles that may change stock. */
export function InventoryTabs({ current, canWrite }: { current: string; canWrite: boolean }) {
  return <SectionTabs label="Inventory" tabs={TABS.filter((t) => canWrite || !t.write)} current={current} />;
}

import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/fulfillment', label: 'Queue' },
  { href: '/fulfillment/waves', label: 'Pick waves' },
  { href: '/fulfillment/pack', label: 'Pack station' },
  { href: '/fulfillment/exceptions', label: 'Exceptions' },
  { href: '/fulfillment/shipped-today', label: 'Shipped today' },
];

/** The Fulfillment section's sub-navigation. */
export function FulfillmentTabs({ current }: { current: string }) {
  return <SectionTabs label="Fulfillment" tabs={TABS} current={current} />;
}

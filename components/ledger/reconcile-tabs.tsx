import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/ledger/reconcile', label: 'Payouts and close' },
  { href: '/ledger/reconcile/bank', label: 'Bank statement' },
];

/** The tabs of Ledger → Reconcile; `current` is the tab's href. */
export function ReconcileTabs({ current }: { current: string }) {
  return <SectionTabs label="Reconcile" tabs={TABS} current={current} />;
}

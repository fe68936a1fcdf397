import { SectionTabs } from '@/components/ui/section-tabs';

const TABS = [
  { href: '/ledger', label: 'Trial balance' },
  { href: '/ledger/profit-and-loss', label: 'Profit and loss' },
  { href: '/ledger/balance-sheet', label: 'Balance sheet' },
  { href: '/ledger/sales-tax', label: 'Sales tax' },
  { href: '/ledger/journal', label: 'Journal' },
  { href: '/ledger/accounts', label: 'Accounts' },
  { href: '/ledger/valuation', label: 'Inventory valuation' },
  { href: '/ledger/exchange-rates', label: 'Exchange rates' },
  { href: '/ledger/fx', label: 'Payouts and FX' },
  { href: '/ledger/reconcile', label: 'Reconcile and close' },
];

/** The Ledger section's sub-navigation; `current` is the tab's href. */
export function LedgerTabs({ current }: { current: string }) {
  return <SectionTabs label="Ledger" tabs={TABS} current={current} />;
}

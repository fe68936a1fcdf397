import Link from 'next/link';

const TABS = [
  { href: '/ledger', label: 'Trial balance' },
  { href: '/ledger/journal', label: 'Journal' },
  { href: '/ledger/accounts', label: 'Accounts' },
  { href: '/ledger/valuation', label: 'Inventory valuation' },
];

/** The Ledger section's sub-navigation; `current` is the tab's href. */
export function LedgerTabs({ current }: { current: string }) {
  return (
    <nav aria-label="Ledger" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {TABS.map((t) => (
          <li key={t.href}>
            <Link href={t.href} aria-current={current === t.href ? 'page' : undefined}
              className={`inline-block whitespace-nowrap border-b-2 px-1 pb-2 text-sm font-medium ${current === t.href ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

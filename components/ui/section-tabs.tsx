import Link from 'next/link';

export type Tab = { href: string; label: string };

/** A section's sub-navigation (Settings, Inventory, Ledger, …); `current` is the active tab's href. */
export function SectionTabs({ label, tabs, current }: { label: string; tabs: Tab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={current === t.href ? 'page' : undefined}
              className={
                `inline-block whitespace-nowrap border-b-2 px-1 pb-2 text-sm ` +
                (`font-medium ` +
                  (current === t.href
                    ? 'border-brand-700 text-brand-800'
                    : 'border-transparent text-slate-700 hover:text-slate-900'))
              }
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

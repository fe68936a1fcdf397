import Link from 'next/link';

export type Tab = { href: string; label: string };

/**
 * A section's sub-navigation (Settings, Inventory, Ledger, …); `current` is the active tab's href. The
 * tabs wrap onto a second row where they do not fit (Ledger's ten at 1366 px, most sections' at tablet
 * width) rather than scroll sideways, so no tab — and not the current one — is hidden off the edge.
 */
export function SectionTabs({ label, tabs, current }: { label: string; tabs: Tab[]; current: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-4 gap-y-1">
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

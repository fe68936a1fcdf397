import Link from 'next/link';

const TABS = [
  { href: '/inventory', label: 'Stock levels' },
  { href: '/inventory/products', label: 'Products' },
  { href: '/inventory/receive', label: 'Receive stock', write: true },
  { href: '/inventory/transfer', label: 'Transfer', write: true },
];

export function InventoryTabs({ current, canWrite }: { current: string; canWrite: boolean }) {
  return (
    <nav aria-label="Inventory" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-4">
        {TABS.filter((t) => canWrite || !t.write).map((t) => (
          <li key={t.href}>
            <Link href={t.href} aria-current={current === t.href ? 'page' : undefined}
              className={`inline-block border-b-2 px-1 pb-2 text-sm font-medium ${current === t.href ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700 hover:text-slate-900'}`}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import Link from 'next/link';

const TABS = [
  { href: '/settings', label: 'Shop' },
  { href: '/settings/users', label: 'Users' },
  { href: '/settings/api-keys', label: 'API keys' },
];

export function SettingsTabs({ current }: { current: string }) {
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-4">
        {TABS.map((t) => (
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

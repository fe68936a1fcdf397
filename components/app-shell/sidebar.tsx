'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';

type NavSection = { key: string; label: string; href: string };

const ROLE_LABEL: Record<string, string> = {
  admin: 'Admin',
  manager: 'Manager',
  warehouse: 'Warehouse',
  support: 'Support',
};

export function Sidebar({
  sections,
  user,
}: {
  sections: NavSection[];
  user: { name: string; email: string; role: string };
}) {
  const pathname = usePathname();
  return (
    <aside className="flex shrink-0 flex-col bg-slate-900 text-slate-100 md:min-h-screen md:w-56">
      <div className="flex items-center justify-between px-4 py-4 md:block">
        <Link href="/" className="text-lg font-bold tracking-tight text-white">
          Backroom
        </Link>
      </div>
      <nav aria-label="Sections" className="overflow-x-auto md:flex-1">
        <ul className="flex gap-1 px-2 pb-2 md:flex-col md:pb-0">
          {sections.map((s) => {
            const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
            return (
              <li key={s.key}>
                <Link
                  href={s.href}
                  aria-current={active ? 'page' : undefined}
                  className={`block whitespace-nowrap rounded-md px-3 py-2.5 text-sm font-medium ${active ? 'bg-slate-700 text-white' : 'text-slate-200 hover:bg-slate-800 hover:text-white'}`}
                >
                  {s.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="flex items-center justify-between gap-2 border-t border-slate-700 px-4 py-3 md:block">
        <div className="min-w-0 text-sm">
          <p className="truncate font-medium text-white">{user.name}</p>
          <p className="truncate text-slate-300" title={user.email}>
            {ROLE_LABEL[user.role] ?? user.role} · {user.email}
          </p>
        </div>
        <button
          type="button"
          onClick={() => void signOut({ callbackUrl: '/login' })}
          className="rounded-md border border-slate-500 px-3 py-1.5 text-sm text-slate-100 hover:bg-slate-800 md:mt-3"
        >
          Sign out
        </button>
      </div>
    </aside>
  );
}

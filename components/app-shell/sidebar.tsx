'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useEffect, useRef, useState } from 'react';

type NavSection = { key: string; label: string; href: string };

const ROLE_LABEL: Record<string, string> = {
  admin: 'Admin',
  manager: 'Manager',
  warehouse: 'Warehouse',
  support: 'Support',
};

/** Below this width (Tailwind's `lg`) the sidebar is a drawer behind a Menu button (decision 032). */
const DRAWER_QUERY = '(max-width: 1023.98px)';

/**
 * The sections, the signed-in user and Sign out. At 1024 px and wider it is a 224 px column; narrower,
 * a top bar with a Menu button opens it as a drawer over the page: focus moves into it, Escape or a
 * click outside closes it and focus goes back to the button, and the page behind is inert meanwhile.
 */
export function Sidebar({
  sections,
  user,
}: {
  sections: NavSection[];
  user: { name: string; email: string; role: string };
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  // A followed link closes the drawer (the page changes under it).
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    const main = document.getElementById('main');
    if (!open) {
      main?.removeAttribute('inert');
      return;
    }
    main?.setAttribute('inert', '');
    drawer.current?.querySelector<HTMLElement>('a[href], button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        menuButton.current?.focus();
      }
    };
    // Widening the window past the breakpoint leaves the drawer mode: nothing stays inert.
    const wide = window.matchMedia(DRAWER_QUERY);
    const onWide = () => !wide.matches && setOpen(false);
    document.addEventListener('keydown', onKey);
    wide.addEventListener('change', onWide);
    return () => {
      document.removeEventListener('keydown', onKey);
      wide.removeEventListener('change', onWide);
      main?.removeAttribute('inert');
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    menuButton.current?.focus();
  };

  return (
    <>
      <header
        className={
          'sticky top-0 z-30 flex items-center justify-between gap-3 bg-slate-900 ' +
          'px-4 py-2 text-slate-100 lg:hidden'
        }
      >
        <Link href="/" className="text-lg font-bold tracking-tight text-white">
          Backroom
        </Link>
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls="app-drawer"
          onClick={() => setOpen((o) => !o)}
          className={
            'inline-flex min-h-10 items-center gap-2 rounded-md border border-slate-500 ' +
            'px-3 text-sm font-medium hover:bg-slate-800'
          }
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
            <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
          </svg>
          Menu
        </button>
      </header>
      {open && (
        <div aria-hidden="true" className="fixed inset-0 z-40 bg-slate-900/50 lg:hidden" onClick={close} />
      )}
      <aside
        id="app-drawer"
        ref={drawer}
        className={
          `${open ? 'flex' : 'hidden'} fixed inset-y-0 left-0 z-50 w-64 max-w-[85vw] ` +
          `flex-col overflow-y-auto bg-slate-900 text-slate-100 shadow-xl ` +
          `lg:sticky lg:top-0 lg:flex lg:h-screen lg:w-56 lg:max-w-none ` +
          `lg:shrink-0 lg:shadow-none`
        }
      >
        <div className="flex items-center justify-between px-4 py-4">
          <Link href="/" className="text-lg font-bold tracking-tight text-white">
            Backroom
          </Link>
          <button
            type="button"
            onClick={close}
            className="rounded-md border border-slate-500 px-2 py-1 text-sm lg:hidden"
          >
            Close<span className="sr-only"> menu</span>
          </button>
        </div>
        <nav aria-label="Sections" className="flex-1">
          <ul className="flex flex-col gap-1 px-2">
            {sections.map((s) => {
              const active = pathname === s.href || pathname.startsWith(`${s.href}/`);
              return (
                <li key={s.key}>
                  <Link
                    href={s.href}
                    aria-current={active ? 'page' : undefined}
                    className={
                      `block whitespace-nowrap rounded-md px-3 py-2.5 text-sm ` +
                      (`font-medium ` +
                        `${active ? 'bg-slate-700 text-white' : 'text-slate-200 hover:bg-slate-800 hover:text-white'}`)
                    }
                  >
                    {s.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="border-t border-slate-700 px-4 py-3">
          <div className="min-w-0 text-sm">
            <p className="truncate font-medium text-white">{user.name}</p>
            <p className="truncate text-slate-300" title={user.email}>
              {ROLE_LABEL[user.role] ?? user.role} · {user.email}
            </p>
          </div>
          <div className="mt-3 flex flex-wrap gap-2">
            <Link
              href="/profile"
              className="rounded-md border border-slate-500 px-3 py-1.5 text-sm text-slate-100 hover:bg-slate-800"
            >
              Your profile
            </Link>
            <button
              type="button"
              onClick={() => void signOut({ callbackUrl: '/login' })}
              className="rounded-md border border-slate-500 px-3 py-1.5 text-sm text-slate-100 hover:bg-slate-800"
            >
              Sign out
            </button>
          </div>
          <p className="mt-3 text-xs text-slate-300">
            Press <kbd className="rounded border border-slate-500 px-1">?</kbd> for keyboard shortcuts
          </p>
        </div>
      </aside>
    </>
  );
}

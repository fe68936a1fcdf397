import { currentUser } from '@/lib/auth/session';
import { sectionsFor } from '@/lib/auth/permissions';
import { Sidebar } from '@/components/app-shell/sidebar';
import { KeyboardShortcuts } from '@/components/app-shell/keyboard-shortcuts';

export const dynamic = 'force-dynamic';

/**
 * The app shell. It shows each role only the sections it may open; it is not the protection:
 * every page checks its own permission (lib/auth/require-permission.ts).
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  // Not signed in: the page itself redirects to /login with the way back (see requirePagePermission).
  if (!user) return <>{children}</>;
  const sections = sectionsFor(user.role).map(({ key, label, href }) => ({ key, label, href }));
  return (
    <div className="flex min-h-screen flex-col lg:flex-row">
      <a
        href="#main"
        className={
          'sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 ' +
          'focus:rounded focus:bg-white focus:px-3 focus:py-2'
        }
      >
        Skip to content
      </a>
      <Sidebar sections={sections} user={{ name: user.name, email: user.email, role: user.role }} />
      <main id="main" className="min-w-0 flex-1 p-4 md:p-6 xl:p-8">
        {children}
      </main>
      <KeyboardShortcuts sections={sections} />
    </div>
  );
}

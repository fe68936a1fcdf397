import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { homeFor } from '@/lib/auth/permissions';
import { LoginForm } from '@/components/auth/login-form';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** Only a safe, same-site path may be a post-login destination. */
function safeCallback(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith('/') && !v.startsWith('//') ? v : null;
}

export default async function LoginPage({ searchParams }: ListPageProps) {
  const params = await searchParams;
  const user = await currentUser();
  if (user) redirect(safeCallback(params.callbackUrl) ?? homeFor(user.role, user.startPage));
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold">Backroom</h1>
        <p className="mt-1 text-slate-600">Sign in to your shop&apos;s back office.</p>
        <LoginForm callbackUrl={safeCallback(params.callbackUrl)} />
      </div>
    </main>
  );
}

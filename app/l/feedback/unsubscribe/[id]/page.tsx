import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isUnsubscribeToken } from '@/lib/feedback/links';
import { UnsubscribeForm } from '@/components/feedback/unsubscribe-form';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = {
  title: 'No more feedback emails',
  robots: { index: false, follow: false },
};
export const dynamic = 'force-dynamic';

/** The survey email's unsubscribe link: a signed link to one button (opening it changes nothing). */
export default async function UnsubscribePage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const t = (await searchParams).t;
  const token = typeof t === 'string' ? t : null;
  if (!token || !isUnsubscribeToken(id, token)) notFound();
  return (
    <main className="mx-auto max-w-lg px-4 py-8" aria-labelledby="unsub-title">
      <h1 id="unsub-title" className="text-2xl font-bold">
        No more feedback emails?
      </h1>
      <p className="mt-2 text-slate-700">
        We ask after a delivery and after we answer a question. Press the button and we will not ask again;
        order and shipping emails still reach you.
      </p>
      <div className="mt-6">
        <UnsubscribeForm customerId={id} token={token} />
      </div>
    </main>
  );
}

import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

/**
 * A page that starts from an order (a return, a refund) opened without one: where to find it. The
 * order page's button that opens it bears the page's title.
 */
export function NoOrderChosen({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
        No order was chosen, or it does not exist. Open the order in{' '}
        <Link href="/orders" className="text-brand-700 underline">
          Orders
        </Link>{' '}
        and choose “{title}”.
      </p>
    </>
  );
}

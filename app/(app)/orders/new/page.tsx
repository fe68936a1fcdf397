import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { OrdersTabs } from '@/components/orders/orders-tabs';
import { NewOrderForm } from '@/components/orders/new-order-form';

export const metadata: Metadata = { title: 'New order' };

/** Manual order entry for phone and email orders (channel "manual"). */
export default async function NewOrderPage() {
  await requirePagePermission('orders:create', '/orders/new');
  const settings = await shopSettings();
  return (
    <>
      <PageHeader
        title="New order"
        description={
          `A phone or email order. Stock is reserved at once; the order goes through the ` +
          `same fraud screening as every other channel. Amounts ` +
          `in ${settings.currency}.`
        }
      />
      <OrdersTabs current="/orders/new" canCreate />
      {settings.fulfilling_location ? (
        <NewOrderForm currency={settings.currency} location={settings.fulfilling_location} />
      ) : (
        <p className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-amber-950">
          The shop has no fulfilling location yet, so orders cannot reserve stock. An admin sets it in{' '}
          <Link href="/settings" className="underline">
            Settings
          </Link>
          .
        </p>
      )}
    </>
  );
}

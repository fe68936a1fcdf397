import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { supplierList } from '@/lib/purchasing/queries';
import { locationList } from '@/lib/locations/queries';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { NewPurchaseOrderForm } from '@/components/purchasing/new-po-form';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'New purchase order' };

export default async function NewPurchaseOrderPage() {
  await requirePagePermission('purchasing:write', '/purchasing/new');
  const [suppliers, locations, settings] = await Promise.all([
    supplierList({ limit: 200 }),
    locationList(),
    shopSettings(),
  ]);
  const active = suppliers.data.filter((s) => s.active);
  return (
    <>
      <BackLink href="/purchasing" tall>
        Purchase orders
      </BackLink>
      <PageHeader title="New purchase order" description="Saved as a draft; you send it from its page." />
      {active.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          There is no supplier to order from yet.{' '}
          <Link href="/purchasing/suppliers/new" className="text-brand-700 underline">
            Add a supplier
          </Link>{' '}
          first.
        </p>
      ) : (
        <NewPurchaseOrderForm
          suppliers={active.map((s) => ({
            id: s.id,
            name: s.name,
            currency: s.currency,
            products: s.products.map((p) => ({
              sku: p.sku,
              name: p.name,
              unit_cost: p.unit_cost,
              pack_size: p.pack_size,
              moq: p.moq,
            })),
          }))}
          locations={locations.filter((l) => l.active).map((l) => ({ code: l.code, name: l.name }))}
          shopCurrency={settings.currency}
        />
      )}
    </>
  );
}

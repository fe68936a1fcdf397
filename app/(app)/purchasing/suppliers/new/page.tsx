import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SupplierForm } from '@/components/purchasing/supplier-form';

export const metadata: Metadata = { title: 'New supplier' };

export default async function NewSupplierPage() {
  await requirePagePermission('purchasing:write', '/purchasing/suppliers/new');
  const settings = await shopSettings();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href="/purchasing/suppliers"
          className="inline-flex min-h-11 items-center text-brand-700 underline"
        >
          ← Suppliers
        </Link>
      </p>
      <PageHeader title="New supplier" />
      <SupplierForm
        initial={{
          id: null,
          name: '',
          email: '',
          currency: settings.currency,
          payment_terms: '',
          lead_time_days: 7,
          lead_time_stddev_days: 0,
          review_period_days: 7,
          minimum_order_value: 0,
          over_receipt_tolerance_pct: 0,
          products: [],
        }}
      />
    </>
  );
}

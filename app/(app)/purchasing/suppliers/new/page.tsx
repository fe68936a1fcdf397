import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SupplierForm } from '@/components/purchasing/supplier-form';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'New supplier' };

export default async function NewSupplierPage() {
  await requirePagePermission('purchasing:write', '/purchasing/suppliers/new');
  const settings = await shopSettings();
  return (
    <>
      <BackLink href="/purchasing/suppliers" tall>
        Suppliers
      </BackLink>
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

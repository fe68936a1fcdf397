import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage() {
  await requirePagePermission('orders:read', '/orders');
  return (
    <>
      <PageHeader title="Orders" description="Orders from every sales channel." />
      <ComingSoon
        what="order management"
        planned={[
          'Order intake from the API and manual entry, with stock reservation and fraud screening',
          'Order list with filters, saved views and CSV export',
          'Order detail with timeline, holds, cancellation and notes',
        ]}
      />
    </>
  );
}

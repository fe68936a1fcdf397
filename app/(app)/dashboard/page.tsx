import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  await requirePagePermission('reports:read', '/dashboard');
  return (
    <>
      <PageHeader title="Dashboard" description="Key figures for your shop at a glance." />
      <ComingSoon
        what="the operations dashboard"
        planned={[
          'KPI cards: fulfillment rate, on-time shipping, stockouts, refunds, returns, support times',
          'Charts of orders and net sales per channel, with drill-down to the records behind each number',
          'A “needs attention” panel: held orders, late shipments, low stock, tickets about to breach SLA',
        ]}
      />
    </>
  );
}

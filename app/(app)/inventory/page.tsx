import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Inventory' };

export default async function InventoryPage() {
  await requirePagePermission('inventory:read', '/inventory');
  return (
    <>
      <PageHeader title="Inventory" description="Stock per location, movements and valuation." />
      <ComingSoon
        what="inventory"
        planned={[
          'Stock levels per SKU and location, with low-stock and out-of-stock filters',
          'Receipts, adjustments and transfers, each recorded as a stock movement',
          'FIFO or moving-average costing and an inventory valuation report',
        ]}
      />
    </>
  );
}

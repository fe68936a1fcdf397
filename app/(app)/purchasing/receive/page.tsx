import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { purchaseOrderByNumber } from '@/lib/purchasing/queries';
import { canMovePurchaseOrder, parsePoNumber } from '@/lib/purchasing/rules';
import { PageHeader } from '@/components/ui/page-header';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { PurchaseOrderReceiver } from '@/components/purchasing/po-receiver';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Receive goods' };

export default async function ReceivePage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('purchasing:receive', '/purchasing/receive');
  const raw = await searchParams;
  const number = typeof raw.po === 'string' ? parsePoNumber(raw.po) : null;
  const po = number !== null ? await purchaseOrderByNumber(number) : null;
  const initial = po && canMovePurchaseOrder(po.status, 'receive') ? po : null;
  return (
    <>
      <PageHeader
        title="Purchasing"
        description={
          'Receive a delivery against its purchase order: scan the PO, then the units. ' +
          'Stock and the books move when you press Receive.'
        }
      />
      <PurchasingTabs current="/purchasing/receive" canRead={roleHas(user.role, 'purchasing:read')} />
      <PurchaseOrderReceiver initial={initial} />
    </>
  );
}

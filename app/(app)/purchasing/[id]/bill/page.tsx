import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { purchaseOrderDetail, supplierDetail } from '@/lib/purchasing/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { PageHeader } from '@/components/ui/page-header';
import { BillForm } from '@/components/purchasing/bill-form';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Enter supplier bill' };

const BILLABLE = ['sent', 'partially_received', 'received', 'closed'];

export default async function EnterBillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('purchasing:write', `/purchasing/${id}/bill`);
  const po = await purchaseOrderDetail(id);
  if (!po) notFound();
  const [supplier, tz] = await Promise.all([supplierDetail(po.supplier_id), shopTimezone()]);
  return (
    <>
      <BackLink href={`/purchasing/${po.id}`} tall>
        {po.label}
      </BackLink>
      <PageHeader
        title={`Enter a bill for ${po.label}`}
        description={
          `${po.supplier.name} · amounts in ${po.currency}. Each line is matched against ` +
          `what was ordered and received.`
        }
      />
      {BILLABLE.includes(po.status) ? (
        <BillForm
          purchaseOrderId={po.id}
          currency={po.currency}
          today={todayIn(tz)}
          terms={supplier?.payment_terms ?? null}
          lines={po.lines.map((l) => ({
            sku: l.sku,
            name: l.name,
            ordered: l.quantity - l.cancelled,
            received: l.received,
            billed: l.billed,
            unit_cost: l.unit_cost,
          }))}
        />
      ) : (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          {po.label} is {po.status.replace('_', ' ')}: send it to the supplier first; a bill is entered
          against a sent or received purchase order.
        </p>
      )}
    </>
  );
}

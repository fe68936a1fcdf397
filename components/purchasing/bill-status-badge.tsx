import { StatusBadge } from '@/components/ui/status-badge';
import { SUPPLIER_BILL_STATUS_LABEL, type SupplierBillStatus } from '@/lib/purchasing/bill-rules';

const TONE: Record<SupplierBillStatus, string> = {
  awaiting_approval: 'border-amber-300 bg-amber-50 text-amber-900',
  posted: 'border-sky-300 bg-sky-50 text-sky-900',
  partially_paid: 'border-violet-300 bg-violet-50 text-violet-900',
  paid: 'border-green-300 bg-green-50 text-green-900',
  rejected: 'border-slate-300 bg-slate-100 text-slate-800',
};

export function BillStatusBadge({ status }: { status: SupplierBillStatus }) {
  return (
    <StatusBadge
      label={SUPPLIER_BILL_STATUS_LABEL[status]}
      tone={`border ${TONE[status]}`}
      layout="inline-flex"
    />
  );
}

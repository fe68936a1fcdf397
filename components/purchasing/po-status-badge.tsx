import { StatusBadge } from '@/components/ui/status-badge';
import { PURCHASE_ORDER_STATUS_LABEL, type PurchaseOrderStatus } from '@/lib/purchasing/rules';

const TONE: Record<PurchaseOrderStatus, string> = {
  draft: 'border-slate-300 bg-slate-50 text-slate-800',
  sent: 'border-sky-300 bg-sky-50 text-sky-900',
  partially_received: 'border-amber-300 bg-amber-50 text-amber-900',
  received: 'border-green-300 bg-green-50 text-green-900',
  closed: 'border-slate-300 bg-white text-slate-700',
  cancelled: 'border-slate-300 bg-white text-slate-700',
};

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return <StatusBadge label={PURCHASE_ORDER_STATUS_LABEL[status]} tone={`border ${TONE[status]}`} />;
}

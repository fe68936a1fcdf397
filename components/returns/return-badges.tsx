import { statusLabels } from '@/lib/state-machine';
import { RETURN_STATUSES } from '@/lib/returns/rules';
import { StatusBadge } from '@/components/ui/status-badge';

/** Return and refund statuses as labelled badges: said in words, not only by colour. */
export const RETURN_STATUS_LABEL: Record<string, string> = statusLabels(RETURN_STATUSES);
const RETURN_CLASS: Record<string, string> = {
  requested: 'bg-amber-100 text-amber-950',
  approved: 'bg-blue-100 text-blue-900',
  rejected: 'bg-slate-200 text-slate-800',
  partially_received: 'bg-indigo-100 text-indigo-900',
  received: 'bg-indigo-100 text-indigo-900',
  inspected: 'bg-violet-100 text-violet-900',
  refunded: 'bg-green-100 text-green-900',
  exchanged: 'bg-green-100 text-green-900',
  closed: 'bg-slate-200 text-slate-800',
};
export const REFUND_STATUS_LABEL: Record<string, string> = {
  pending_approval: 'Awaiting approval',
  issued: 'Issued',
  declined: 'Declined',
};
const REFUND_CLASS: Record<string, string> = {
  pending_approval: 'bg-amber-100 text-amber-950',
  issued: 'bg-green-100 text-green-900',
  declined: 'bg-slate-200 text-slate-800',
};

export function ReturnStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      label={RETURN_STATUS_LABEL[status] ?? status}
      tone={RETURN_CLASS[status] ?? 'bg-slate-100 text-slate-800'}
      layout="inline-block whitespace-nowrap"
    />
  );
}
export function RefundStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      label={REFUND_STATUS_LABEL[status] ?? status}
      tone={REFUND_CLASS[status] ?? 'bg-slate-100 text-slate-800'}
      layout="inline-block whitespace-nowrap"
    />
  );
}

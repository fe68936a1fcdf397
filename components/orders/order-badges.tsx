/** Order status, payment status and fraud risk as labelled badges: said in words, not only by colour. */
import { PAYMENT_LABEL, RISK_LABEL, STATUS_LABEL } from '@/lib/orders/labels';
import { StatusBadge } from '@/components/ui/status-badge';

const STATUS_CLASS: Record<string, string> = {
  pending_review: 'bg-amber-100 text-amber-950',
  open: 'bg-blue-100 text-blue-900',
  on_hold: 'bg-orange-100 text-orange-950',
  partially_fulfilled: 'bg-indigo-100 text-indigo-900',
  fulfilled: 'bg-green-100 text-green-900',
  delivered: 'bg-green-100 text-green-900',
  cancelled: 'bg-slate-200 text-slate-800',
};
const PAYMENT_CLASS: Record<string, string> = {
  unpaid: 'bg-red-100 text-red-900',
  partially_paid: 'bg-amber-100 text-amber-950',
  authorized: 'bg-blue-50 text-blue-900',
  paid: 'bg-green-100 text-green-900',
  partially_refunded: 'bg-amber-100 text-amber-950',
  refunded: 'bg-slate-200 text-slate-800',
};
const RISK_CLASS: Record<string, string> = {
  low: 'bg-green-50 text-green-900',
  medium: 'bg-amber-100 text-amber-950',
  high: 'bg-red-100 text-red-900',
};

// relative: keeps a badge's sr-only text inside a sideways-scrolling table box (an absolute child of an
// unpositioned box escapes its overflow clip and widens the page).
const layout = 'relative inline-block whitespace-nowrap';

export function OrderStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      label={STATUS_LABEL[status] ?? status}
      tone={STATUS_CLASS[status] ?? 'bg-slate-100'}
      layout={layout}
    />
  );
}

export function PaymentStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      label={PAYMENT_LABEL[status] ?? status}
      tone={PAYMENT_CLASS[status] ?? 'bg-slate-100'}
      layout={layout}
    >
      <span className="sr-only">Payment: </span>
    </StatusBadge>
  );
}

export function RiskBadge({ level, score }: { level: string; score?: number }) {
  const label = `${RISK_LABEL[level] ?? level}${score !== undefined ? ` · ${score}` : ''}`;
  return <StatusBadge label={label} tone={RISK_CLASS[level] ?? 'bg-slate-100'} layout={layout} />;
}

import type { SlaClock } from '@/lib/support/rules';
import { StatusBadge } from '@/components/ui/status-badge';

/** Ticket status, priority and SLA state as labelled badges: said in words, not only by colour. */

export const TICKET_STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  pending: 'Pending',
  solved: 'Solved',
  closed: 'Closed',
};
export const PRIORITY_LABEL: Record<string, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
};
export const TICKET_CHANNEL_LABEL: Record<string, string> = {
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  social: 'Social',
  web: 'Web form',
};

const STATUS_CLASS: Record<string, string> = {
  open: 'bg-blue-100 text-blue-900',
  pending: 'bg-amber-100 text-amber-950',
  solved: 'bg-green-100 text-green-900',
  closed: 'bg-slate-200 text-slate-800',
};
const PRIORITY_CLASS: Record<string, string> = {
  low: 'bg-slate-100 text-slate-800',
  normal: 'bg-slate-100 text-slate-900',
  high: 'bg-orange-100 text-orange-950',
  urgent: 'bg-red-100 text-red-900',
};

const layout = 'inline-flex items-center whitespace-nowrap';

export function TicketStatusBadge({ status }: { status: string }) {
  return (
    <StatusBadge
      label={TICKET_STATUS_LABEL[status] ?? status}
      tone={STATUS_CLASS[status] ?? 'bg-slate-100'}
      layout={layout}
    />
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  return (
    <StatusBadge
      label={PRIORITY_LABEL[priority] ?? priority}
      tone={PRIORITY_CLASS[priority] ?? 'bg-slate-100'}
      layout={layout}
    />
  );
}

type SlaProps = { firstResponse: SlaClock; resolution: SlaClock; nextDueAt: string | null; timeZone: string };

/** The SLA at a glance: breached / at risk / due time / met, the most urgent clock first. */
export function SlaBadge({ firstResponse, resolution, nextDueAt, timeZone }: SlaProps) {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  const breached = [
    firstResponse === 'breached' ? 'first response' : null,
    resolution === 'breached' ? 'resolution' : null,
  ].filter(Boolean);
  const sla = (label: string, tone: string) => <StatusBadge label={label} tone={tone} layout={layout} />;
  if (breached.length) return sla(`Breached: ${breached.join(', ')}`, 'bg-red-100 text-red-900');
  const due = nextDueAt ? fmt.format(new Date(nextDueAt)) : null;
  if (firstResponse === 'at_risk' || resolution === 'at_risk')
    return sla(`At risk · due ${due ?? ''}`, 'bg-amber-100 text-amber-950');
  if (due) return sla(`Due ${due}`, 'bg-slate-100 text-slate-800');
  return sla('SLA met', 'bg-green-50 text-green-900');
}

import { StatusBadge } from '@/components/ui/status-badge';
import { CYCLE_COUNT_STATUS_LABEL, type CycleCountStatus } from '@/lib/inventory/cycle-counts/rules';

const TONE: Record<CycleCountStatus, string> = {
  draft: 'border-slate-300 bg-slate-50 text-slate-800',
  counting: 'border-sky-300 bg-sky-50 text-sky-900',
  completed: 'border-green-300 bg-green-50 text-green-900',
  cancelled: 'border-slate-300 bg-white text-slate-700',
};

export function CycleCountStatusBadge({ status }: { status: CycleCountStatus }) {
  return <StatusBadge label={CYCLE_COUNT_STATUS_LABEL[status]} tone={`border ${TONE[status]}`} />;
}

import { StatusBadge } from '@/components/ui/status-badge';
const STYLE = {
  active: { label: 'Active', className: 'bg-green-100 text-green-900' },
  archived: { label: 'Archived', className: 'bg-slate-200 text-slate-800' },
} as const;

export function ProductStatusBadge({ status }: { status: 'active' | 'archived' }) {
  return <StatusBadge label={STYLE[status].label} tone={STYLE[status].className} layout="" />;
}

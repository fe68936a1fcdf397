const STYLE = {
  active: { label: 'Active', className: 'bg-green-100 text-green-900' },
  archived: { label: 'Archived', className: 'bg-slate-200 text-slate-800' },
} as const;

export function ProductStatusBadge({ status }: { status: 'active' | 'archived' }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[status].className}`}>
      {STYLE[status].label}
    </span>
  );
}

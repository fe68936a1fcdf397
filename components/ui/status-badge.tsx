import type { ReactNode } from 'react';

/**
 * A status as a labelled badge, said in words and not only by colour. Each domain keeps its labels and
 * its tone map (status → colour classes) beside its badges; this is the badge they all draw.
 * `layout`: how it sits in the line (`relative inline-block whitespace-nowrap` in a sideways-scrolling
 * table, so an sr-only child stays inside the table's overflow clip).
 */
export function StatusBadge({
  label,
  tone,
  layout = 'inline-block',
  children,
}: {
  label: ReactNode;
  tone: string;
  layout?: string;
  /** read before the label (an sr-only prefix) */
  children?: ReactNode;
}) {
  return (
    <span className={`${layout} rounded-full px-2 py-0.5 text-xs font-medium ${tone}`}>
      {children}
      {label}
    </span>
  );
}

/**
 * A box that scrolls its wide content (a table) sideways instead of widening the page. It is a
 * labelled, focusable region so keyboard users can scroll it too (axe: scrollable-region-focusable).
 * Give it its own label (not the section heading's), so landmarks stay uniquely named. `relative` keeps
 * absolutely positioned screen-reader text inside the clip instead of widening the page.
 */
export function ScrollRegion({
  label,
  children,
  className = '',
}: {
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}

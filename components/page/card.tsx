import type { ReactNode } from 'react';

/**
 * A titled card on a page: a white box named by its `<h2>` (aria-labelledby), so that screen readers and
 * tests find it by its heading. Padded, or `padding="none"` for a card whose body is a table edge to edge
 * (the heading then carries the padding).
 */
export function Card({
  id,
  title,
  padding = 'p-5',
  className = '',
  titleClassName = padding === 'none' ? 'px-5 pt-4' : '',
  children,
}: {
  /** the heading's id, unique on the page: "lines-title" */
  id: string;
  title: ReactNode;
  /** the box's padding; 'none' for a table edge to edge */
  padding?: 'none' | 'p-4' | 'p-5' | 'p-6';
  /** extra classes for the box (margins, grid spans, text size) */
  className?: string;
  /** extra classes for the heading (its margin or padding) */
  titleClassName?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`rounded-xl border border-slate-200 bg-white ${padding === 'none' ? '' : padding} ${className}`}
    >
      <h2 id={id} className={`text-lg font-semibold ${titleClassName}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

import { Fragment, type ReactNode } from 'react';

/** One fact of a record: its label and its value; `false`/`null` entries are left out. */
export type Fact = { label: string; value: ReactNode; className?: string };

/**
 * The strip of facts under a detail page's header (status badges, the order it belongs to, …): a
 * definition list laid out in a row.
 */
export function FactStrip({
  facts,
  className = '-mt-3 mb-6',
}: {
  facts: (Fact | false | null | undefined)[];
  /** the strip's margins */
  className?: string;
}) {
  return (
    <dl className={`${className} flex flex-wrap gap-x-6 gap-y-2 text-sm`}>
      {facts.map(
        (f) =>
          f && (
            <div key={f.label} className="flex items-center gap-2">
              <dt className="text-slate-600">{f.label}</dt>
              <dd className={f.className}>{f.value}</dd>
            </div>
          ),
      )}
    </dl>
  );
}

/**
 * Facts as a grid of label and value (a bill's totals, a supplier's terms): a definition list whose
 * layout (columns, gaps, padding) the page gives; each value gets `valueClassName` and its own classes.
 */
export function FactList({
  facts,
  className,
  valueClassName = '',
  label,
}: {
  facts: (Fact | false | null | undefined)[];
  /** the list's layout: "grid grid-cols-2 gap-y-1 text-sm" */
  className: string;
  /** classes for every value: "tabular-nums" */
  valueClassName?: string;
  /** an accessible name, where the page has several lists */
  label?: string;
}) {
  return (
    <dl className={className} aria-label={label}>
      {facts.map(
        (f) =>
          f && (
            <Fragment key={f.label}>
              <dt className="text-slate-600">{f.label}</dt>
              <dd className={`${valueClassName} ${f.className ?? ''}`}>{f.value}</dd>
            </Fragment>
          ),
      )}
    </dl>
  );
}

import type { ReactNode } from 'react';

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

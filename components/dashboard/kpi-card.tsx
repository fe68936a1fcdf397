import Link from 'next/link';
import { Sparkline } from '@/components/charts/sparkline';

export type KpiCardProps = {
  id: string;
  title: string;
  /** the headline, formatted */
  value: string;
  /** the parts behind it, e.g. "3 of 4 orders" */
  detail?: string;
  /** e.g. "▲ 2.5 pts vs previous 7 days"; tone says whether the move is good */
  change?: { text: string; tone: 'good' | 'bad' | 'neutral' } | null;
  formula: string;
  sparkline?: { date: string; value: number | null }[];
  href?: string;
  hrefLabel?: string;
  /** "No data yet" and why */
  noData?: string;
};

const TONE = { good: 'text-green-800', bad: 'text-red-800', neutral: 'text-slate-700' };

/** A KPI: value, change against the previous period, sparkline, the formula on hover/focus, and a drill-down. */
export function KpiCard(p: KpiCardProps) {
  return (
    <article
      aria-labelledby={`${p.id}-title`}
      className="flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4"
      data-kpi={p.id}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${p.id}-title`} className="text-sm font-medium text-slate-700">
          {p.title}
        </h3>
        <span className="group relative">
          <button
            type="button"
            aria-describedby={`${p.id}-formula`}
            className={
              'flex h-7 w-7 items-center justify-center rounded-full border ' +
              'border-slate-300 text-xs font-semibold text-slate-700 hover:bg-slate-100'
            }
          >
            <span aria-hidden="true">?</span>
            <span className="sr-only">How {p.title.toLowerCase()} is calculated</span>
          </button>
          <span
            id={`${p.id}-formula`}
            role="tooltip"
            className={
              'invisible absolute right-0 top-8 z-10 w-64 rounded-md bg-slate-900 p-2 ' +
              'text-xs leading-snug text-white shadow-lg group-focus-within:visible ' +
              'group-hover:visible'
            }
          >
            {p.formula}
          </span>
        </span>
      </div>
      {p.noData ? (
        <>
          <p className="mt-1 text-2xl font-semibold text-slate-500" data-kpi-value>
            No data yet
          </p>
          <p className="mt-1 text-sm text-slate-700">{p.noData}</p>
        </>
      ) : (
        <>
          <p className="mt-1 text-2xl font-semibold tabular-nums" data-kpi-value>
            {p.value}
          </p>
          {p.detail && (
            <p className="text-sm text-slate-700" data-kpi-detail>
              {p.detail}
            </p>
          )}
          {p.change && <p className={`text-sm ${TONE[p.change.tone]}`}>{p.change.text}</p>}
          {p.sparkline && (
            <div className="mt-2">
              <Sparkline points={p.sparkline} />
            </div>
          )}
          {p.href && (
            <Link
              href={p.href}
              className="mt-auto pt-2 text-sm font-medium text-sky-800 underline underline-offset-2"
            >
              {p.hrefLabel ?? 'See the records'}
            </Link>
          )}
        </>
      )}
    </article>
  );
}

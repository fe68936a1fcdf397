import type { ReactNode } from 'react';

/** One event of a record's history, in words: what happened, who did it, when, and any text with it. */
export type TimelineEvent = { id: string; what: ReactNode; actor: string; at: string; text?: ReactNode };

/**
 * A record's history, oldest first as given: one entry a line with a rule on the left (an order's or a
 * return's timeline). `format` writes the time in the shop's time zone.
 */
const PRE = 'whitespace-pre-wrap';

export function Timeline({
  label,
  events,
  format,
  keepLineBreaks = false,
}: {
  /** the list's accessible name: "Order history" */
  label: string;
  events: TimelineEvent[];
  format: Intl.DateTimeFormat;
  /** show the text's own line breaks (a note typed on several lines) */
  keepLineBreaks?: boolean;
}) {
  return (
    <ol className="mt-3 space-y-3" aria-label={label}>
      {events.map((e) => (
        <li key={e.id} className="border-l-2 border-slate-200 pl-4 text-sm">
          <p>
            <span className="font-medium">{e.what}</span> <span className="text-slate-600">by {e.actor}</span>
          </p>
          <p className="text-slate-600">
            <time dateTime={e.at}>{format.format(new Date(e.at))}</time>
          </p>
          {e.text && (
            <p
              className={`mt-1 rounded-md bg-slate-50 px-3 py-2 text-slate-800 ${keepLineBreaks ? PRE : ''}`}
            >
              {e.text}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

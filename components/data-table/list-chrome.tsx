import type { ReactNode } from 'react';
import Link from 'next/link';

const BOXED = 'rounded-xl border border-slate-200 bg-white p-4';
const applyClass =
  'min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50';
const primaryApplyClass =
  'min-h-11 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800';

/**
 * A list page's filters (decision 048): a GET form of the page's own fields, then Apply, and
 * "Clear filters" while any is set. The list's sort stays in the URL across a new filter.
 */
export function FilterBar({
  label,
  active,
  clearHref,
  search = false,
  boxed = false,
  sort,
  action,
  submitLabel = 'Apply',
  primary = false,
  clearLabel = 'Clear filters',
  below,
  children,
}: {
  /** the form's accessible name: "Filter bills" */
  label: string;
  /** whether any filter is set (shows "Clear filters") */
  active: boolean;
  /** the list without filters */
  clearHref: string;
  /** a search landmark (role="search") rather than a plain form */
  search?: boolean;
  /** a white card around the fields (settings pages) */
  boxed?: boolean;
  /** the list's sort parameters, kept when the filters change */
  sort?: { sort?: string; dir?: string };
  /** where the form goes (default: this page) */
  action?: string;
  /** the submit button's words: "Apply filters" */
  submitLabel?: string;
  /** the submit as the page's primary button (the lists whose filters are their main control) */
  primary?: boolean;
  /** the clear link's words: "Clear search" */
  clearLabel?: string;
  /** more fields under the row (a "More filters" disclosure), inside the same form */
  below?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role={search ? 'search' : undefined}
      aria-label={label}
      className={`mb-4 ${boxed ? BOXED : ''}`}
    >
      <div className="flex flex-wrap items-end gap-3">
        {children}
        {sort?.sort && <input type="hidden" name="sort" value={sort.sort} />}
        {sort?.dir && <input type="hidden" name="dir" value={sort.dir} />}
        <button type="submit" className={primary ? primaryApplyClass : applyClass}>
          {submitLabel}
        </button>
        {active && (
          <Link
            href={clearHref}
            className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline"
          >
            {clearLabel}
          </Link>
        )}
      </div>
      {below}
    </form>
  );
}

/**
 * The card a list page's table sits in: the empty state in the page's words when nothing matches,
 * else the table and, for a keyset-paged list, the link to the next page.
 */
export function ListPanel({
  label,
  isEmpty,
  empty,
  more,
  children,
}: {
  /** the section's name: "Returns" */
  label: string;
  isEmpty: boolean;
  /** what to do next when nothing is listed */
  empty: ReactNode;
  /** the next page's link: { href, label: 'Older returns →' } */
  more?: { href: string; label: string } | null;
  children: ReactNode;
}) {
  if (isEmpty)
    return <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">{empty}</p>;
  return (
    <section aria-label={label} className="rounded-xl border border-slate-200 bg-white">
      {children}
      {more && (
        <p className="p-4">
          <Link href={more.href} className="text-brand-700 underline">
            {more.label}
          </Link>
        </p>
      )}
    </section>
  );
}

/** A sorted list's foot summary: "Sorted by last name, ascending · 50 shown". */
export function sortedSummary(sortLabel: string, desc: boolean, shown: number) {
  return `Sorted by ${sortLabel}, ${desc ? 'descending' : 'ascending'} · ${shown} shown`;
}

/**
 * The foot of a cursor-paged list: what is shown (the sort, the count), then "First page" once past
 * the first page and "Next page" while there is more.
 */
export function CursorPager({
  summary,
  firstHref,
  nextHref,
}: {
  /** "Sorted by name, ascending · 50 shown" */
  summary: ReactNode;
  /** the first page's link, when this is not the first page */
  firstHref?: string | null;
  /** the next page's link, when there is one */
  nextHref?: string | null;
}) {
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm"
    >
      <span className="text-slate-600">{summary}</span>
      <span className="flex gap-4">
        {firstHref && (
          <Link href={firstHref} className="text-brand-700 underline">
            First page
          </Link>
        )}
        {nextHref && (
          <Link href={nextHref} className="text-brand-700 underline">
            Next page
          </Link>
        )}
      </span>
    </nav>
  );
}

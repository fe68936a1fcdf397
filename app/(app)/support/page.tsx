import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import {
  INBOX_SORT,
  inboxSortValue,
  readInboxSort,
  supportAgents,
  ticketList,
  ticketViewCounts,
  type InboxSort,
} from '@/lib/support/queries';
import { TICKET_VIEWS, ZTicketListQuery, type TicketView } from '@/lib/support/schemas';
import { sortParams } from '@/lib/list/sort';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '@/lib/support/rules';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { FilterChoice, FilterInput, FilterSelect, IgnoredNotice } from '@/components/page/filter-fields';
import { SupportTabs } from '@/components/support/support-tabs';
import { InboxTable } from '@/components/support/inbox-table';
import { CursorPager } from '@/components/data-table/list-chrome';
import {
  PRIORITY_LABEL,
  TICKET_CHANNEL_LABEL,
  TICKET_STATUS_LABEL,
} from '@/components/support/ticket-badges';

export const metadata: Metadata = { title: 'Support' };

const PAGE_SIZE = 50;
const VIEW_LABEL: Record<TicketView, string> = {
  open: 'Open',
  mine: 'Mine',
  unassigned: 'Unassigned',
  pending: 'Pending',
  at_risk: 'SLA at risk',
  breached: 'SLA breached',
  all: 'All tickets',
};
// The Sort select's choices: every sort the headers can make (INBOX_SORT, both ways), the default first.
const SORT_CHOICES: [InboxSort, string][] = [
  [{ id: 'due', desc: false }, 'SLA due first'],
  [{ id: 'due', desc: true }, 'SLA due last'],
  [{ id: 'priority', desc: false }, 'Priority, urgent first'],
  [{ id: 'priority', desc: true }, 'Priority, low first'],
  [{ id: 'last_message', desc: true }, 'Latest message'],
  [{ id: 'last_message', desc: false }, 'Longest without a message'],
  [{ id: 'created', desc: true }, 'Newest'],
  [{ id: 'created', desc: false }, 'Oldest'],
];
const sortLabel = (sort: InboxSort) =>
  SORT_CHOICES.find(([s]) => s.id === sort.id && s.desc === sort.desc)?.[1] ?? sort.id;
const FILTER_KEYS = ['status', 'priority', 'channel', 'assignee', 'tag', 'q'] as const;

type Raw = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';

/**
 * Reads the inbox's URL leniently: a blank or invalid value is no filter (and named when invalid). The
 * sort is the URL's sort/dir (the headers'); the Sort select's one value is read too.
 */
function readQuery(raw: Raw) {
  const values: Record<string, string> = {};
  const ignored: string[] = [];
  for (const key of ['view', ...FILTER_KEYS, 'cursor'] as const) {
    const value = one(raw[key]);
    if (!value) continue;
    const parsed = ZTicketListQuery.shape[key].safeParse(value);
    if (parsed.success) values[key] = value;
    else ignored.push(key);
  }
  const view = (values.view ?? 'open') as TicketView;
  const sort = readInboxSort(raw);
  ignored.push(...sort.ignored);
  return { view, values, ignored, sort: sort.sort, oneValue: sort.oneValue };
}

export default async function SupportPage({ searchParams }: { searchParams: Promise<Raw> }) {
  const user = await requirePagePermission('support:tickets', '/support');
  const { view, values, ignored, sort, oneValue } = readQuery(await searchParams);
  const query = ZTicketListQuery.parse({ ...values, view, limit: PAGE_SIZE });

  const href = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({
      ...values,
      view,
      cursor: undefined,
      ...sortParams(sort, INBOX_SORT),
      ...extra,
    } as Record<string, string | undefined>))
      if (v && !(k === 'view' && v === 'open')) p.set(k, v);
    const s = p.toString();
    return s ? `/support?${s}` : '/support';
  };
  // The Sort select (and older links) say the sort in one value: the URL says it as the headers do.
  if (oneValue) redirect(href({ cursor: values.cursor }));

  const [timeZone, page, counts, agents] = await Promise.all([
    shopTimezone(),
    ticketList(query, user.id, { sort }),
    ticketViewCounts(user.id),
    supportAgents(),
  ]);

  const filtered = FILTER_KEYS.some((k) => values[k]);
  const clearHref = href(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
  const rows = page.data.map((t) => ({
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    tags: t.tags,
    customer: { name: t.customer.name, email: t.customer.email },
    order_number: t.order?.number ?? null,
    assignee: t.assignee?.name ?? null,
    last_message_at: t.last_message_at,
    sla: {
      first_response: t.sla.first_response,
      resolution: t.sla.resolution,
      next_due_at: t.sla.next_due_at,
    },
  }));

  const heading = (
    <>
      <h2 id="inbox-title" className="font-semibold">
        {VIEW_LABEL[view]} <span className="font-normal text-slate-600">({page.total})</span>
      </h2>
      <p id="inbox-keys" className="text-sm text-slate-600">
        Keyboard: <kbd className="rounded border border-slate-300 px-1">j</kbd>/
        <kbd className="rounded border border-slate-300 px-1">k</kbd> or arrow keys to move,{' '}
        <kbd className="rounded border border-slate-300 px-1">Enter</kbd> to open,{' '}
        <kbd className="rounded border border-slate-300 px-1">/</kbd> to search.
      </p>
    </>
  );

  return (
    <>
      <PageHeader
        title="Support"
        description={`Customer tickets and their SLAs. Times are in the shop's time zone (${timeZone}).`}
      />
      <SupportTabs current="/support" />

      <nav aria-label="Inbox views" className="mb-4 flex flex-wrap gap-2">
        {TICKET_VIEWS.map((v) => (
          <Link
            key={v}
            href={href({ view: v })}
            aria-current={v === view ? 'page' : undefined}
            className={
              `inline-flex min-h-10 items-center gap-2 rounded-full border px-3 text-sm ` +
              (`font-medium ` +
                (v === view
                  ? 'border-brand-700 bg-brand-700 text-white'
                  : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'))
            }
          >
            {VIEW_LABEL[v]}
            {v !== 'all' && (
              <span
                className={
                  `rounded-full px-1.5 text-xs ` +
                  (v === view
                    ? 'bg-white/20'
                    : v === 'breached' && counts.breached
                      ? 'bg-red-100 text-red-900'
                      : 'bg-slate-100')
                }
              >
                {counts[v]}
              </span>
            )}
          </Link>
        ))}
      </nav>

      <form
        method="get"
        action="/support"
        role="search"
        aria-label="Filter tickets"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      >
        {view !== 'open' && <input type="hidden" name="view" value={view} />}
        <div className="flex flex-wrap items-end gap-3">
          <FilterInput
            id="q"
            label="Search"
            type="search"
            value={values.q}
            placeholder="Ticket or order number, subject, name, email"
            className="min-w-0 flex-[1_1_14rem]"
          />
          <FilterSelect
            id="status"
            label="Status"
            value={values.status}
            className="w-36"
            options={TICKET_STATUSES.map((s) => ({ value: s, label: TICKET_STATUS_LABEL[s] }))}
          />
          <FilterSelect
            id="priority"
            label="Priority"
            value={values.priority}
            className="w-36"
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABEL[p] }))}
          />
          <FilterSelect
            id="channel"
            label="Channel"
            value={values.channel}
            className="w-36"
            options={TICKET_CHANNELS.map((c) => ({ value: c, label: TICKET_CHANNEL_LABEL[c] }))}
          />
          <FilterSelect
            id="assignee"
            label="Assignee"
            value={values.assignee}
            className="w-44"
            options={[
              { value: 'none', label: 'Unassigned' },
              ...agents.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          {/* The headers' sort, as one value (the page sends it on as sort/dir). Under 1024 px the
              table's own "Sort by" select stands in for the headers, so this one is not shown there,
              but it still carries the sort when the filters are applied. */}
          <FilterChoice
            // a header click navigates without reloading the page: a new sort is a new select
            key={inboxSortValue(sort)}
            id="sort"
            label="Sort"
            value={inboxSortValue(sort)}
            options={SORT_CHOICES.map(([s, label]) => ({ value: inboxSortValue(s), label }))}
            className="w-52 max-lg:hidden"
          />
          <button
            type="submit"
            className="min-h-10 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
          >
            Apply
          </button>
          {filtered && (
            <Link href={clearHref} className="min-h-10 px-2 py-2 text-sm text-brand-700 underline">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {ignored.length > 0 && (
        <IgnoredNotice>Ignored a filter that is not valid: {ignored.join(', ')}.</IgnoredNotice>
      )}

      <section aria-labelledby="inbox-title" className="rounded-xl border border-slate-200 bg-white">
        {rows.length === 0 && (
          <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
            {heading}
          </div>
        )}
        {rows.length === 0 ? (
          <div className="p-6 text-slate-700">
            {filtered ? (
              <p>
                No tickets match these filters.{' '}
                <Link href={clearHref} className="text-brand-700 underline">
                  Clear the filters
                </Link>
                .
              </p>
            ) : view === 'mine' ? (
              <p>
                Nothing is assigned to you. Pick a ticket from{' '}
                <Link href={href({ view: 'unassigned' })} className="text-brand-700 underline">
                  Unassigned
                </Link>{' '}
                and assign it to yourself.
              </p>
            ) : view === 'breached' || view === 'at_risk' ? (
              <p>No ticket is {view === 'breached' ? 'past' : 'close to'} its SLA. Well done.</p>
            ) : (
              <p>
                No tickets here. Tickets arrive from the contact form or email bridge through{' '}
                <code>POST /api/v1/tickets</code>.
              </p>
            )}
          </div>
        ) : (
          <InboxTable
            rows={rows}
            timeZone={timeZone}
            sort={sort}
            toolbar={
              <div className="flex flex-1 flex-wrap items-baseline justify-between gap-2">{heading}</div>
            }
          />
        )}
        <CursorPager
          summary={
            <>
              {sortLabel(sort)} · {rows.length} shown of {page.total}
            </>
          }
          firstHref={values.cursor ? href({}) : null}
          nextHref={page.next_cursor && href({ cursor: page.next_cursor })}
        />
      </section>
    </>
  );
}

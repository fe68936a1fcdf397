import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { RETURN_SORT, returnList } from '@/lib/returns/queries';
import { RETURN_STATUSES } from '@/lib/returns/rules';
import { ZReturnListQuery } from '@/lib/returns/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { FilterBar, ListPanel } from '@/components/data-table/list-chrome';
import { readSort, sortParams } from '@/lib/list/sort';
import { ReturnsTabs } from '@/components/returns/returns-tabs';
import { RETURN_STATUS_LABEL, ReturnStatusBadge } from '@/components/returns/return-badges';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Returns' };

export default async function ReturnsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission(['returns:request', 'returns:receive'] as const, '/returns');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
  const parsed = ZReturnListQuery.safeParse({
    status: one('status'),
    q: one('q'),
    cursor: one('cursor'),
    limit: 50,
  });
  const query = parsed.success ? parsed.data : ZReturnListQuery.parse({});
  const { sort } = readSort(raw, RETURN_SORT);
  const [list, tz] = await Promise.all([returnList(query, undefined, sort), shopTimezone()]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const filters = { ...(query.status ? { status: query.status } : {}), ...(query.q ? { q: query.q } : {}) };
  const next = list.next_cursor
    ? `/returns?${new URLSearchParams({
        ...filters,
        ...sortParams(sort, RETURN_SORT),
        cursor: list.next_cursor,
      })}`
    : null;
  return (
    <>
      <PageHeader
        title="Returns"
        description={
          'Return requests, receiving, inspection, refunds and exchanges. Start a return ' +
          "from an order's page."
        }
      />
      <ReturnsTabs
        current="/returns"
        showRefunds={roleHas(user.role, 'refunds:issue')}
        showReceive={roleHas(user.role, 'returns:receive')}
      />
      <FilterBar
        label="Filter returns"
        active={!!(query.status || query.q)}
        clearHref="/returns"
        sort={sortParams(sort, RETURN_SORT)}
      >
        <FilterChoice
          id="filter-status"
          name="status"
          label="Status"
          value={query.status ?? ''}
          any="Any status"
          options={RETURN_STATUSES.map((s) => ({ value: s, label: RETURN_STATUS_LABEL[s] }))}
        />
        <FilterInput
          id="filter-q"
          name="q"
          label="Search"
          value={query.q ?? ''}
          placeholder="Return or order number, email, SKU"
        />
      </FilterBar>
      <ListPanel
        label="Returns"
        isEmpty={list.data.length === 0}
        empty={
          query.status || query.q
            ? 'No returns match these filters. Clear them to see every return.'
            : 'No returns yet. Open a shipped order and choose “Start a return”.'
        }
        more={next ? { href: next, label: `${sort.desc ? 'Older' : 'Newer'} returns →` } : null}
      >
        <ListTable
          caption="Returns"
          noun={['return', 'returns']}
          storageKey="returns"
          sort={sort}
          columns={[
            { id: 'return', header: 'Return', hideable: false, sortable: true, sortDescFirst: true },
            { id: 'order', header: 'Order' },
            { id: 'customer', header: 'Customer' },
            { id: 'status', header: 'Status', hideable: false },
            { id: 'wants', header: 'Wants' },
            { id: 'units', header: 'Units', className: 'lg:text-right' },
            { id: 'received', header: 'Received', className: 'lg:text-right' },
            { id: 'requested', header: 'Requested' },
          ]}
          rows={list.data.map((r) => ({
            id: r.id,
            cells: {
              return: (
                <Link href={`/returns/${r.id}`} className="font-medium text-brand-700 underline">
                  #{r.number}
                </Link>
              ),
              order: (
                <Link href={`/orders/${r.order_id}`} className="text-brand-700 underline">
                  #{r.order_number}
                </Link>
              ),
              customer: <span className="break-words">{r.customer || r.email}</span>,
              status: <ReturnStatusBadge status={r.status} />,
              wants: <span className="capitalize">{r.resolution}</span>,
              units: <span className="tabular-nums">{r.units}</span>,
              received: <span className="tabular-nums">{r.units_received}</span>,
              requested: <span className="whitespace-nowrap">{date.format(new Date(r.created_at))}</span>,
            },
          }))}
        />
      </ListPanel>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { CYCLE_COUNT_SORT, cycleCountList } from '@/lib/inventory/cycle-counts/queries';
import { ZCycleCountListQuery } from '@/lib/inventory/cycle-counts/schemas';
import { CYCLE_COUNT_STATUSES, CYCLE_COUNT_STATUS_LABEL } from '@/lib/inventory/cycle-counts/rules';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { FilterBar, ListPanel } from '@/components/data-table/list-chrome';
import { readSort, sortParams } from '@/lib/list/sort';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { CycleCountStatusBadge } from '@/components/cycle-counts/status-badge';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Cycle counts' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export default async function CycleCountsPage({ searchParams }: ListPageProps) {
  await requirePagePermission('inventory:adjust', '/inventory/cycle-counts');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
  const parsed = ZCycleCountListQuery.safeParse({
    status: one('status'),
    completed_from: one('completed_from'),
    completed_to: one('completed_to'),
    stage: one('stage'),
    cursor: one('cursor'),
    limit: 50,
  });
  const query = parsed.success ? parsed.data : ZCycleCountListQuery.parse({});
  const { sort } = readSort(raw, CYCLE_COUNT_SORT);
  const [list, tz] = await Promise.all([cycleCountList(query, undefined, sort), shopTimezone()]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const filters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.completed_from ? { completed_from: query.completed_from } : {}),
    ...(query.completed_to ? { completed_to: query.completed_to } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
  };
  const filtered = Object.keys(filters).length > 0;
  const next = list.next_cursor
    ? `/inventory/cycle-counts?${new URLSearchParams({
        ...filters,
        ...sortParams(sort, CYCLE_COUNT_SORT),
        cursor: list.next_cursor,
      })}`
    : null;
  return (
    <>
      <PageHeader
        title="Inventory"
        description={
          'Cycle counts: count a location (or some of its bins or SKUs) without seeing ' +
          'the expected quantities; a reviewer posts the differences.'
        }
        actions={
          <Link
            href="/inventory/cycle-counts/new"
            className={
              'inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm ' +
              'font-semibold text-white hover:bg-brand-800'
            }
          >
            New count
          </Link>
        }
      />
      <InventoryTabs current="/inventory/cycle-counts" canWrite />
      <FilterBar
        label="Filter cycle counts"
        active={!!filtered}
        clearHref="/inventory/cycle-counts"
        sort={sortParams(sort, CYCLE_COUNT_SORT)}
      >
        <FilterChoice
          id="filter-status"
          name="status"
          label="Status"
          value={query.status ?? ''}
          any="Any status"
          options={CYCLE_COUNT_STATUSES.map((s) => ({ value: s, label: CYCLE_COUNT_STATUS_LABEL[s] }))}
        />
        <FilterInput
          id="filter-from"
          name="completed_from"
          label="Completed from"
          type="date"
          value={query.completed_from ?? ''}
        />
        <FilterInput
          id="filter-to"
          name="completed_to"
          label="Completed to"
          type="date"
          value={query.completed_to ?? ''}
        />
      </FilterBar>
      {!parsed.success && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          Those filters are not valid ({parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); showing
          every count.
        </p>
      )}
      <ListPanel
        label="Cycle counts"
        isEmpty={list.data.length === 0}
        empty={
          filtered
            ? 'No cycle counts match these filters. Clear them to see every count.'
            : 'No cycle counts yet. Choose “New count” to count a location, a few bins or some SKUs.'
        }
        more={next ? { href: next, label: `${sort.desc ? 'Older' : 'Newer'} counts →` } : null}
      >
        <ListTable
          caption="Cycle counts table"
          noun={['cycle count', 'cycle counts']}
          storageKey="cycle-counts"
          sort={sort}
          columns={[
            { id: 'count', header: 'Count', hideable: false, sortable: true, sortDescFirst: true },
            { id: 'location', header: 'Location' },
            { id: 'scope', header: 'Scope' },
            { id: 'status', header: 'Status', hideable: false },
            { id: 'counted', header: 'Counted', className: 'lg:text-right' },
            { id: 'accuracy', header: 'Accuracy', className: 'lg:text-right' },
            { id: 'created', header: 'Created' },
            { id: 'completed', header: 'Completed' },
          ]}
          rows={list.data.map((c) => ({
            id: c.id,
            cells: {
              count: (
                <Link
                  href={`/inventory/cycle-counts/${c.id}`}
                  className="font-medium text-brand-700 underline"
                >
                  #{c.number}
                </Link>
              ),
              location: <span className="font-mono">{c.location}</span>,
              scope: c.scope_description,
              status: <CycleCountStatusBadge status={c.status} />,
              counted: (
                <span className="tabular-nums">
                  {c.lines_counted} of {c.lines}
                </span>
              ),
              accuracy: (
                <span className="tabular-nums">
                  {c.status === 'completed'
                    ? `${pct(c.accuracy)} (${c.abs_variance} off ${c.expected})`
                    : '—'}
                </span>
              ),
              created: (
                <span className="whitespace-nowrap">
                  {date.format(new Date(c.created_at))}
                  <span className="block text-xs text-slate-600">{c.created_by}</span>
                </span>
              ),
              completed: c.completed_at ? (
                <span className="whitespace-nowrap">
                  {date.format(new Date(c.completed_at))}
                  <span className="block text-xs text-slate-600">{c.completed_by}</span>
                </span>
              ) : (
                '—'
              ),
            },
          }))}
        />
      </ListPanel>
    </>
  );
}

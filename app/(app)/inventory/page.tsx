import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { INVENTORY_SORT, stockLevels } from '@/lib/inventory/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { ListTable } from '@/components/data-table/list-table';
import { CursorPager, FilterBar, sortedSummary } from '@/components/data-table/list-chrome';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';

export const metadata: Metadata = { title: 'Inventory' };

const ZFilter = z.object({
  q: z.string().trim().max(64).optional().catch(undefined),
  location: z.string().trim().max(40).optional().catch(undefined),
  stock: z.enum(['all', 'low', 'out']).default('all').catch('all'),
  cursor: z.string().max(200).optional().catch(undefined),
});

const STATUS = {
  in_stock: { label: 'In stock', className: 'bg-green-100 text-green-900' },
  low: { label: 'Low', className: 'bg-amber-100 text-amber-950' },
  out: { label: 'Out', className: 'bg-red-100 text-red-900' },
} as const;

const SORT_LABEL: Record<(typeof INVENTORY_SORT.columns)[number], string> = {
  sku: 'SKU',
  name: 'product',
  on_hand: 'on hand',
  available: 'available',
};

export default async function InventoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('inventory:read', '/inventory');
  const raw = await searchParams;
  const filter = ZFilter.parse(raw);
  const { sort } = readSort(raw, INVENTORY_SORT);
  const [page, locations] = await Promise.all([
    stockLevels({
      search: filter.q || undefined,
      location: filter.location || undefined,
      stock: filter.stock,
      cursor: filter.cursor,
      limit: 50,
      sort,
    }),
    locationList(),
  ]);
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({
      q: filter.q,
      location: filter.location,
      stock: filter.stock === 'all' ? undefined : filter.stock,
      ...sortParams(sort, INVENTORY_SORT),
      ...extra,
    }))
      if (v) p.set(k, v);
    const s = p.toString();
    return s ? `/inventory?${s}` : '/inventory';
  };
  const canWrite = roleHas(user.role, 'inventory:adjust');
  return (
    <>
      <PageHeader
        title="Inventory"
        description="Stock per SKU and location: on hand, reserved for orders, and available to sell."
      />
      <InventoryTabs current="/inventory" canWrite={canWrite} />
      <FilterBar
        label="Filter stock levels"
        search
        boxed
        primary
        active={!!(filter.q || filter.location || filter.stock !== 'all')}
        clearHref="/inventory"
        sort={sortParams(sort, INVENTORY_SORT)}
      >
        <FilterInput
          id="q"
          label="Search"
          value={filter.q}
          placeholder="SKU, product name or barcode"
          listSearch
          className="w-full sm:w-64"
        />
        <FilterChoice
          id="location"
          label="Location"
          value={filter.location}
          any="All locations"
          options={locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
        />
        <FilterChoice
          id="stock"
          label="Stock"
          value={filter.stock}
          options={[
            { value: 'all', label: 'All' },
            { value: 'low', label: 'Low (at or below reorder point)' },
            { value: 'out', label: 'Out of stock' },
          ]}
        />
      </FilterBar>

      <section aria-label="Stock levels" className="rounded-xl border border-slate-200 bg-white">
        {page.data.length === 0 ? (
          <p className="p-6 text-slate-700">
            {filter.q || filter.location || filter.stock !== 'all' ? (
              'No stock matches these filters. Clear them to see everything.'
            ) : canWrite ? (
              <>
                No stock yet.{' '}
                <Link href="/inventory/receive" className="text-brand-700 underline">
                  Receive stock
                </Link>{' '}
                to get started.
              </>
            ) : (
              'No stock recorded yet.'
            )}
          </p>
        ) : (
          <ListTable
            caption="Stock levels"
            noun={['stock level', 'stock levels']}
            storageKey="inventory"
            sort={sort}
            columns={[
              { id: 'sku', header: 'SKU', hideable: false, sortable: true },
              { id: 'name', header: 'Product', sortable: true },
              { id: 'location', header: 'Location', hideable: false },
              { id: 'bin', header: 'Bin' },
              { id: 'on_hand', header: 'On hand', className: 'lg:text-right', sortable: true },
              { id: 'reserved', header: 'Reserved', className: 'lg:text-right' },
              {
                id: 'available',
                header: 'Available',
                hideable: false,
                className: 'lg:text-right',
                sortable: true,
              },
              { id: 'on_order', header: 'On order', className: 'lg:text-right' },
              { id: 'unsellable', header: 'Unsellable', className: 'lg:text-right' },
              { id: 'status', header: 'Status', hideable: false },
            ]}
            rows={page.data.map((l) => ({
              id: `${l.sku}-${l.location}`,
              cells: {
                sku: (
                  <Link
                    href={`/inventory/${encodeURIComponent(l.sku)}`}
                    className="whitespace-nowrap font-mono text-brand-700 underline"
                  >
                    {l.sku}
                  </Link>
                ),
                name: l.name,
                location: l.location,
                bin: <span className="whitespace-nowrap font-mono">{l.bin ?? '—'}</span>,
                on_hand: <span className="tabular-nums">{l.on_hand}</span>,
                reserved: <span className="tabular-nums">{l.reserved}</span>,
                available: <span className="font-semibold tabular-nums">{l.available}</span>,
                on_order: (
                  <span className="tabular-nums" data-testid={`on-order-${l.sku}`}>
                    {l.on_order || '—'}
                    {l.on_order > 0 && l.on_order_expected_at && (
                      <span className="block text-xs text-slate-600">due {l.on_order_expected_at}</span>
                    )}
                  </span>
                ),
                unsellable: <span className="tabular-nums">{l.damaged + l.quarantine || '—'}</span>,
                status: (
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS[l.status].className}`}
                  >
                    {STATUS[l.status].label}
                  </span>
                ),
              },
            }))}
          />
        )}
        <CursorPager
          summary={sortedSummary(SORT_LABEL[sort.id], sort.desc, page.data.length)}
          firstHref={filter.cursor && query({ cursor: undefined })}
          nextHref={page.next_cursor && query({ cursor: page.next_cursor })}
        />
      </section>
    </>
  );
}

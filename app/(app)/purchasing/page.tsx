import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { PURCHASE_ORDER_SORT, purchaseOrderList } from '@/lib/purchasing/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { ZPurchaseOrderListQuery } from '@/lib/purchasing/schemas';
import { PURCHASE_ORDER_STATUSES, PURCHASE_ORDER_STATUS_LABEL } from '@/lib/purchasing/rules';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { FilterBar, ListPanel } from '@/components/data-table/list-chrome';
import { FilterSelect } from '@/components/page/filter-fields';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { PurchaseOrderStatusBadge } from '@/components/purchasing/po-status-badge';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Purchase orders' };

export default async function PurchaseOrdersPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission(['purchasing:read', 'purchasing:receive'], '/purchasing');
  // Receive-only roles (warehouse) land on the receiving screen.
  if (!roleHas(user.role, 'purchasing:read')) redirect('/purchasing/receive');
  const canWrite = roleHas(user.role, 'purchasing:write');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
  const parsed = ZPurchaseOrderListQuery.safeParse({
    status: one('status'),
    cursor: one('cursor'),
    limit: 50,
  });
  const query = parsed.success ? parsed.data : ZPurchaseOrderListQuery.parse({});
  const { sort } = readSort(raw, PURCHASE_ORDER_SORT);
  const list = await purchaseOrderList(query, undefined, sort);
  const next = list.next_cursor
    ? `/purchasing?${new URLSearchParams({
        ...(query.status ? { status: query.status } : {}),
        ...sortParams(sort, PURCHASE_ORDER_SORT),
        cursor: list.next_cursor,
      })}`
    : null;
  return (
    <>
      <PageHeader
        title="Purchasing"
        description="Purchase orders to your suppliers: draft, send (the PDF is emailed), receive what arrives."
        actions={
          canWrite && (
            <Link
              href="/purchasing/new"
              className={
                'inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm ' +
                'font-semibold text-white hover:bg-brand-800'
              }
            >
              New purchase order
            </Link>
          )
        }
      />
      <PurchasingTabs current="/purchasing" canRead />
      <FilterBar
        label="Filter purchase orders"
        active={!!query.status}
        clearHref="/purchasing"
        sort={sortParams(sort, PURCHASE_ORDER_SORT)}
      >
        <FilterSelect
          id="status"
          label="Status"
          value={query.status}
          options={PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: PURCHASE_ORDER_STATUS_LABEL[s] }))}
        />
      </FilterBar>
      <ListPanel
        label="Purchase orders"
        isEmpty={list.data.length === 0}
        empty={
          query.status
            ? 'No purchase orders with this status. Clear the filter to see them all.'
            : canWrite
              ? 'No purchase orders yet. Add a supplier under “Suppliers”, then choose “New purchase order”.'
              : 'No purchase orders yet.'
        }
        more={next ? { href: next, label: `${sort.desc ? 'Older' : 'Newer'} purchase orders →` } : null}
      >
        <ListTable
          caption="Purchase orders"
          noun={['purchase order', 'purchase orders']}
          storageKey="purchase-orders"
          sort={sort}
          columns={[
            { id: 'number', header: 'PO', hideable: false, sortable: true, sortDescFirst: true },
            { id: 'supplier', header: 'Supplier' },
            { id: 'location', header: 'Deliver to' },
            { id: 'status', header: 'Status', hideable: false },
            { id: 'received', header: 'Received', className: 'lg:text-right' },
            { id: 'total', header: 'Total', className: 'lg:text-right' },
            { id: 'expected', header: 'Expected' },
          ]}
          rows={list.data.map((po) => {
            const ordered = po.lines.reduce((s, l) => s + l.quantity - l.cancelled, 0);
            const received = po.lines.reduce((s, l) => s + l.received, 0);
            return {
              id: po.id,
              cells: {
                number: (
                  <Link href={`/purchasing/${po.id}`} className="font-medium text-brand-700 underline">
                    {po.label}
                  </Link>
                ),
                supplier: po.supplier.name,
                location: <span className="font-mono">{po.location}</span>,
                status: <PurchaseOrderStatusBadge status={po.status} />,
                received: (
                  <span className="tabular-nums">
                    {received} of {ordered}
                  </span>
                ),
                total: <span className="tabular-nums">{formatMoney(po.total, po.currency)}</span>,
                expected: <span className="whitespace-nowrap">{po.expected_at ?? '—'}</span>,
              },
            };
          })}
        />
      </ListPanel>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { BILL_SORT, billList } from '@/lib/purchasing/bill-queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { ZBillListQuery } from '@/lib/purchasing/bill-schemas';
import { SUPPLIER_BILL_STATUSES, SUPPLIER_BILL_STATUS_LABEL } from '@/lib/purchasing/bill-rules';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { FilterBar, ListPanel } from '@/components/data-table/list-chrome';
import { FilterSelect } from '@/components/page/filter-fields';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { BillStatusBadge } from '@/components/purchasing/bill-status-badge';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Supplier bills' };

export default async function BillsPage({ searchParams }: ListPageProps) {
  await requirePagePermission('purchasing:read', '/purchasing/bills');
  const raw = await searchParams;
  const status = typeof raw.status === 'string' && raw.status ? raw.status : undefined;
  const parsed = ZBillListQuery.safeParse({ status, limit: 200 });
  const query = parsed.success ? parsed.data : ZBillListQuery.parse({ limit: 200 });
  const { sort } = readSort(raw, BILL_SORT);
  const { data } = await billList(query, undefined, sort);
  return (
    <>
      <PageHeader
        title="Supplier bills"
        description={
          'Bills entered against purchase orders: matched to what was ordered and received, ' +
          'posted, waiting for a manager, partly or fully paid.'
        }
      />
      <PurchasingTabs current="/purchasing/bills" canRead />
      <FilterBar
        label="Filter bills"
        active={!!query.status}
        clearHref="/purchasing/bills"
        sort={sortParams(sort, BILL_SORT)}
      >
        <FilterSelect
          id="status"
          label="Status"
          value={query.status}
          options={SUPPLIER_BILL_STATUSES.map((s) => ({ value: s, label: SUPPLIER_BILL_STATUS_LABEL[s] }))}
        />
      </FilterBar>
      <ListPanel
        label="Bills"
        isEmpty={data.length === 0}
        empty={
          query.status
            ? 'No bills with this status. Clear the filter to see them all.'
            : 'No bills yet. Open a received purchase order and choose “Enter supplier bill”.'
        }
        more={null}
      >
        <ListTable
          caption="Supplier bills"
          noun={['bill', 'bills']}
          storageKey="supplier-bills"
          sort={sort}
          columns={[
            { id: 'number', header: 'Bill', hideable: false, sortable: true, sortDescFirst: true },
            { id: 'supplier', header: 'Supplier', sortable: true },
            { id: 'po', header: 'PO' },
            { id: 'status', header: 'Status', hideable: false },
            { id: 'due', header: 'Due', sortable: true },
            {
              id: 'total',
              header: 'Total',
              sortable: true,
              sortDescFirst: true,
              className: 'lg:text-right',
            },
            { id: 'open', header: 'Open', className: 'lg:text-right' },
          ]}
          rows={data.map((b) => ({
            id: b.id,
            cells: {
              number: (
                <>
                  <Link href={`/purchasing/bills/${b.id}`} className="font-medium text-brand-700 underline">
                    {b.label}
                  </Link>
                  <span className="block text-xs text-slate-600">{b.supplier_reference}</span>
                </>
              ),
              supplier: b.supplier.name,
              po: (
                <Link href={`/purchasing/${b.purchase_order.id}`} className="text-brand-700 underline">
                  {b.purchase_order.label}
                </Link>
              ),
              status: <BillStatusBadge status={b.status} />,
              due: <span className="whitespace-nowrap">{b.due_date}</span>,
              total: <span className="tabular-nums">{formatMoney(b.total, b.currency)}</span>,
              open: (
                <span className="tabular-nums">
                  {b.status === 'rejected' || b.status === 'awaiting_approval'
                    ? '—'
                    : formatMoney(b.open_amount, b.currency)}
                </span>
              ),
            },
          }))}
        />
      </ListPanel>
    </>
  );
}

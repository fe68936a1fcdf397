import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { PURCHASE_ORDER_SORT, purchaseOrderList, supplierDetail } from '@/lib/purchasing/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { SupplierForm } from '@/components/purchasing/supplier-form';
import { PurchaseOrderStatusBadge } from '@/components/purchasing/po-status-badge';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Supplier' };

export default async function SupplierPage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const { sort } = readSort(await searchParams, PURCHASE_ORDER_SORT);
  const user = await requirePagePermission('purchasing:read', `/purchasing/suppliers/${id}`);
  const supplier = await supplierDetail(id);
  if (!supplier) notFound();
  const pos = await purchaseOrderList({ supplier_id: supplier.id, limit: 20 }, undefined, sort);
  const money = (n: number) => formatMoney(n, supplier.currency);
  return (
    <>
      <BackLink href="/purchasing/suppliers" tall>
        Suppliers
      </BackLink>
      <PageHeader
        title={supplier.name}
        description={
          `${supplier.email} · ${supplier.currency} · lead ` +
          `time ${supplier.lead_time_days} days ` +
          `± ${supplier.lead_time_stddev_days} · orders ` +
          `every ${supplier.review_period_days} ` +
          `days${supplier.minimum_order_value ? ` · minimum ${money(supplier.minimum_order_value)}` : ''}`
        }
      />
      <div className="space-y-6">
        <Card id="pos-title" title="Recent purchase orders" padding="none" titleClassName="px-4 pt-4">
          {pos.data.length === 0 ? (
            <p className="p-4 text-slate-700">
              No purchase orders to this supplier yet. Choose “New purchase order” under Purchasing to order
              from them.
            </p>
          ) : (
            <ListTable
              caption="Purchase orders to this supplier"
              regionLabel="Purchase orders to this supplier"
              noun={['purchase order', 'purchase orders']}
              sort={sort}
              columns={[
                { id: 'number', header: 'PO', sortable: true, sortDescFirst: true },
                { id: 'status', header: 'Status' },
                { id: 'total', header: 'Total', className: 'lg:text-right tabular-nums' },
                { id: 'expected', header: 'Expected' },
              ]}
              rows={pos.data.map((po) => ({
                id: po.id,
                cells: {
                  number: (
                    <Link href={`/purchasing/${po.id}`} className="font-medium text-brand-700 underline">
                      {po.label}
                    </Link>
                  ),
                  status: <PurchaseOrderStatusBadge status={po.status} />,
                  total: money(po.total),
                  expected: po.expected_at ?? '—',
                },
              }))}
            />
          )}
        </Card>
        {roleHas(user.role, 'purchasing:write') ? (
          <section aria-labelledby="edit-title" className="space-y-3">
            <h2 id="edit-title" className="text-lg font-semibold">
              Details and products
            </h2>
            <SupplierForm
              initial={{
                id: supplier.id,
                name: supplier.name,
                email: supplier.email,
                currency: supplier.currency,
                payment_terms: supplier.payment_terms ?? '',
                lead_time_days: supplier.lead_time_days,
                lead_time_stddev_days: supplier.lead_time_stddev_days,
                review_period_days: supplier.review_period_days,
                minimum_order_value: supplier.minimum_order_value,
                over_receipt_tolerance_pct: supplier.over_receipt_tolerance_pct,
                products: supplier.products.map((p) => ({
                  sku: p.sku,
                  supplier_sku: p.supplier_sku ?? '',
                  unit_cost: p.unit_cost,
                  pack_size: p.pack_size,
                  moq: p.moq,
                })),
              }}
            />
          </section>
        ) : (
          <Card id="products-title" title="Products" padding="p-4">
            <ul className="mt-2 space-y-1">
              {supplier.products.map((p) => (
                <li key={p.sku}>
                  <span className="font-mono">{p.sku}</span> {p.name} · {money(p.unit_cost)} · pack{' '}
                  {p.pack_size} · MOQ {p.moq}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { purchaseOrderList, supplierDetail } from '@/lib/purchasing/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { SupplierForm } from '@/components/purchasing/supplier-form';
import { PurchaseOrderStatusBadge } from '@/components/purchasing/po-status-badge';

export const metadata: Metadata = { title: 'Supplier' };

export default async function SupplierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('purchasing:read', `/purchasing/suppliers/${id}`);
  const supplier = await supplierDetail(id);
  if (!supplier) notFound();
  const pos = await purchaseOrderList({ supplier_id: supplier.id, limit: 20 });
  const money = (n: number) => formatMoney(n, supplier.currency);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href="/purchasing/suppliers"
          className="inline-flex min-h-11 items-center text-brand-700 underline"
        >
          ← Suppliers
        </Link>
      </p>
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
        <section aria-labelledby="pos-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="pos-title" className="px-4 pt-4 text-lg font-semibold">
            Recent purchase orders
          </h2>
          {pos.data.length === 0 ? (
            <p className="p-4 text-slate-700">No purchase orders to this supplier yet.</p>
          ) : (
            <ScrollRegion label="Purchase orders to this supplier">
              <table className="mt-2 w-full text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      PO
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Total
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Expected
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pos.data.map((po) => (
                    <tr key={po.id} className="border-b border-slate-100">
                      <td className="px-4 py-2">
                        <Link href={`/purchasing/${po.id}`} className="font-medium text-brand-700 underline">
                          {po.label}
                        </Link>
                      </td>
                      <td className="px-3 py-2">
                        <PurchaseOrderStatusBadge status={po.status} />
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{money(po.total)}</td>
                      <td className="px-3 py-2">{po.expected_at ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
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
          <section
            aria-labelledby="products-title"
            className="rounded-xl border border-slate-200 bg-white p-4"
          >
            <h2 id="products-title" className="text-lg font-semibold">
              Products
            </h2>
            <ul className="mt-2 space-y-1">
              {supplier.products.map((p) => (
                <li key={p.sku}>
                  <span className="font-mono">{p.sku}</span> {p.name} · {money(p.unit_cost)} · pack{' '}
                  {p.pack_size} · MOQ {p.moq}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}

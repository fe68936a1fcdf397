import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { productDetail, productTypes } from '@/lib/catalog/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { StaticTable } from '@/components/data-table/static-table';
import { PageHeader } from '@/components/ui/page-header';
import { ProductForm } from '@/components/catalog/product-form';
import { supplierOptions } from '@/lib/purchasing/queries';
import { ProductStatusBadge } from '@/components/catalog/product-status-badge';
import { ProductStatusForm } from '@/components/catalog/product-status-form';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Product' };

export default async function ProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  const user = await requirePagePermission('inventory:read', `/inventory/products/${id}`);
  const [product, settings, types, suppliers, { created }] = await Promise.all([
    productDetail(id),
    shopSettings(),
    productTypes(),
    supplierOptions(),
    searchParams,
  ]);
  if (!product) notFound();
  const canWrite = roleHas(user.role, 'inventory:adjust');
  return (
    <>
      <BackLink href="/inventory/products">Products</BackLink>
      <PageHeader
        title={product.name}
        description={
          `${product.variants.length} ` +
          (`variant${product.variants.length === 1 ? '' : 's'}` +
            `${product.product_type ? ` · ${product.product_type}` : ''}` +
            `${product.vendor ? ` · ${product.vendor}` : ''}`)
        }
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <ProductStatusBadge status={product.status} />
            {canWrite && <ProductStatusForm productId={product.id} status={product.status} />}
          </div>
        }
      />
      {created && (
        <p
          role="status"
          className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
        >
          Product created. Receive stock to make it available to sell.
        </p>
      )}

      <Card id="stock-title" title="Stock" padding="none" className="mb-6" titleClassName="px-6 pt-5">
        <div>
          <StaticTable
            label="Variants table"
            className="mt-3"
            caption={`Variants of ${product.name}`}
            columns={[
              { id: 'sku', header: 'SKU', className: 'whitespace-nowrap' },
              { id: 'option', header: 'Option' },
              { id: 'price', header: 'Price', align: 'end' },
              { id: 'on_hand', header: 'On hand', align: 'end' },
              { id: 'available', header: 'Available', align: 'end', className: 'font-semibold' },
              { id: 'status', header: 'Status' },
            ]}
            rows={product.variants.map((v) => ({
              id: v.id,
              cells: {
                sku: (
                  <Link
                    href={`/inventory/${encodeURIComponent(v.sku)}`}
                    className="font-mono text-brand-700 underline"
                  >
                    {v.sku}
                  </Link>
                ),
                option: v.title || '—',
                price: formatMoney(v.price, v.currency),
                on_hand: v.on_hand,
                available: v.available,
                status: <ProductStatusBadge status={v.status} />,
              },
            }))}
          />
        </div>
      </Card>

      {canWrite ? (
        <ProductForm
          mode="edit"
          currency={settings.currency}
          product={product}
          productTypes={types}
          suppliers={suppliers}
        />
      ) : (
        <p className="text-slate-700">
          Your role can view products; a manager or the warehouse can edit them.
        </p>
      )}
    </>
  );
}

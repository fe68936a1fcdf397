import type { Metadata } from 'next';
import Link from 'next/link';
import Form from 'next/form';
import { redirect } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { productList, productTypes } from '@/lib/catalog/queries';
import { parseProductListParams, type TProductListQuery } from '@/lib/catalog/schemas';
import { shopSettings } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';
import { ProductTable } from '@/components/catalog/product-table';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Products' };

const PAGE_SIZE = 25;
/** The filters and sort of the list as search params (without the page). */
function listParams(q: TProductListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({
    search: q.search,
    status: q.status,
    product_type: q.product_type,
    sort: q.sort,
    dir: q.dir,
  }))
    if (v) params.set(k, v);
  return params;
}

const linkButton = 'inline-flex min-h-10 items-center rounded-md px-4 py-2 text-sm font-medium';

export default async function ProductsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('inventory:read', '/inventory/products');
  const q = parseProductListParams(await searchParams);
  const page = q.page ?? 1;
  const [list, types, settings] = await Promise.all([
    productList({ ...q, page, limit: PAGE_SIZE, cursor: undefined }),
    productTypes(),
    shopSettings(),
  ]);
  // A page past the end (rows archived since, or a hand-typed URL) goes to the last page.
  if (list.data.length === 0 && list.total > 0) {
    const params = listParams(q);
    params.set('page', String(Math.ceil(list.total / PAGE_SIZE)));
    redirect(`/inventory/products?${params}`);
  }
  const canWrite = roleHas(user.role, 'inventory:adjust');
  const filtered = !!q.search || !!q.product_type || q.status !== 'active';

  // The export gets exactly the filters and sort on screen (every page of them).
  const exportParams = listParams(q);

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Products and their variants: SKUs, barcodes, prices, and what is available to sell."
        actions={
          <div className="flex flex-wrap gap-2">
            <a
              href={`/inventory/products/export?${exportParams}`}
              className={`${linkButton} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}
              download
            >
              Export CSV<span className="sr-only"> of the {list.total} products in this list</span>
            </a>
            {canWrite && (
              <Link
                href="/inventory/products/import"
                className={`${linkButton} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`}
              >
                Import CSV
              </Link>
            )}
            {canWrite && (
              <Link
                href="/inventory/products/new"
                className={`${linkButton} bg-brand-700 text-white hover:bg-brand-800`}
              >
                New product
              </Link>
            )}
          </div>
        }
      />
      <InventoryTabs current="/inventory/products" canWrite={canWrite} />

      <Form
        action="/inventory/products"
        role="search"
        aria-label="Filter products"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <FilterInput
          id="search"
          label="Search"
          type="search"
          value={q.search}
          placeholder="Name, SKU or barcode"
          className="w-full sm:w-72"
        />
        <FilterChoice
          id="status"
          label="Status"
          value={q.status}
          options={[
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
            { value: 'all', label: 'All' },
          ]}
        />
        {types.length > 0 && (
          <FilterChoice
            id="product_type"
            label="Type"
            value={q.product_type ?? ''}
            any="All types"
            options={types.map((t) => ({ value: t, label: t }))}
          />
        )}
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
        <button type="submit" className={`${linkButton} bg-brand-700 text-white hover:bg-brand-800`}>
          Apply
        </button>
        {filtered && (
          <Link href="/inventory/products" className="min-h-10 px-2 py-2 text-sm text-brand-700 underline">
            Clear filters
          </Link>
        )}
      </Form>

      <section aria-label="Products" className="rounded-xl border border-slate-200 bg-white">
        {list.total === 0 ? (
          <div className="p-6 text-slate-700">
            {filtered ? (
              <p>
                No products match these filters.{' '}
                <Link href="/inventory/products" className="text-brand-700 underline">
                  Clear the filters
                </Link>{' '}
                to see every active product.
              </p>
            ) : canWrite ? (
              <>
                <p className="font-medium text-slate-900">No products yet.</p>
                <p className="mt-1">
                  <Link href="/inventory/products/new" className="text-brand-700 underline">
                    Create your first product
                  </Link>
                  , or{' '}
                  <Link href="/inventory/products/import" className="text-brand-700 underline">
                    import a CSV
                  </Link>{' '}
                  of products with their opening stock and unit costs.
                </p>
              </>
            ) : (
              <p>No products yet. Someone with inventory rights (a manager or the warehouse) can add them.</p>
            )}
          </div>
        ) : (
          <ProductTable
            rows={list.data}
            total={list.total}
            sort={{ id: q.sort, desc: q.dir === 'desc' }}
            page={page}
            pageSize={PAGE_SIZE}
            timezone={settings.timezone}
          />
        )}
      </section>
    </>
  );
}

import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { locationList } from '@/lib/locations/queries';
import { shopSettings } from '@/lib/settings/queries';
import { productCsvTemplate } from '@/lib/catalog/csv';
import { PageHeader } from '@/components/ui/page-header';
import { ProductImport } from '@/components/catalog/product-import';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Import products' };

export default async function ImportProductsPage() {
  await requirePagePermission('inventory:adjust', '/inventory/products/import');
  const [settings, locations] = await Promise.all([shopSettings(), locationList()]);
  const active = locations.filter((l) => l.active);
  const template = productCsvTemplate(
    settings.currency,
    settings.fulfilling_location ?? active[0]?.code ?? 'MAIN',
  );
  const columns: [string, string][] = [
    ['product_name', 'Required. Rows with the same name form one product.'],
    [
      'sku',
      'Required, unique, no spaces. A SKU already in the catalog is skipped, so importing a file ' +
        'twice changes nothing.',
    ],
    ['barcode', 'Optional, unique.'],
    ['option', 'The variant’s option values, e.g. “Blue / M”.'],
    ['price', `Required, in ${settings.currency}, e.g. 24.99.`],
    ['weight_grams, length_mm, width_mm, height_mm', 'Optional whole numbers.'],
    ['reorder_point, safety_stock, lead_time_days', 'Optional whole numbers (default 0).'],
    ['allow_backorder', 'true or false (default false).'],
    [
      'location',
      `Where the opening stock is: ${active.map((l) => l.code).join(', ') || 'no active locations yet'}. ` +
        `Repeat a SKU on another row for another location.`,
    ],
    [
      'opening_quantity, unit_cost',
      `Opening stock and what each unit cost, in ${settings.currency}. Received as opening stock: ` +
        `cost layers and Dr Inventory / Cr Opening balance equity.`,
    ],
  ];
  return (
    <>
      <BackLink href="/inventory/products">Products</BackLink>
      <PageHeader
        title="Import products"
        description={
          'A CSV of products and variants, with opening stock and unit cost per location. ' +
          'Every row is checked before anything is written.'
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ProductImport />
        <aside
          aria-labelledby="columns-title"
          className="rounded-xl border border-slate-200 bg-white p-6 text-sm"
        >
          <h2 id="columns-title" className="text-lg font-semibold">
            Columns
          </h2>
          <dl className="mt-3 space-y-2">
            {columns.map(([name, text]) => (
              <div key={name}>
                <dt className="font-mono font-medium">{name}</dt>
                <dd className="text-slate-700">{text}</dd>
              </div>
            ))}
          </dl>
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
            download="products-template.csv"
            className={
              'mt-4 inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
              'px-3 font-medium hover:bg-slate-50'
            }
          >
            Download a template
          </a>
        </aside>
      </div>
    </>
  );
}

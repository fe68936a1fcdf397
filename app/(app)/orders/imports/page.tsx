import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { ORDER_IMPORT_SORT, orderImports } from '@/lib/channels/queries';
import { IMPORT_MAX_BYTES } from '@/lib/channels/start-order-import';
import { BACKROOM_TEMPLATE } from '@/lib/channels/order-csv';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { OrdersTabs } from '@/components/orders/orders-tabs';
import { OrderImport } from '@/components/channels/order-import';
import type { ListPageProps } from '@/components/page/props';
import { numberColumns } from '@/components/page/columns';

export const metadata: Metadata = { title: 'Import orders' };

const STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

export default async function OrderImportsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('orders:import', '/orders/imports');
  const { sort } = readSort(await searchParams, ORDER_IMPORT_SORT);
  const imports = await orderImports(20, sort);
  return (
    <>
      <PageHeader
        title="Import orders"
        description={
          "Bring a shop's order history, or its open orders at cutover, from a Shopify or " +
          'WooCommerce export. Opening stock and balances are set separately ' +
          '(Inventory → Import products, Ledger).'
        }
      />
      <OrdersTabs current="/orders/imports" canCreate={roleHas(user.role, 'orders:create')} canImport />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <OrderImport maxMiB={IMPORT_MAX_BYTES / 1024 / 1024} />
        <aside
          aria-labelledby="formats-title"
          className="rounded-xl border border-slate-200 bg-white p-6 text-sm"
        >
          <h2 id="formats-title" className="text-lg font-semibold">
            Formats
          </h2>
          <dl className="mt-3 space-y-2">
            <div>
              <dt className="font-medium">Shopify</dt>
              <dd className="text-slate-700">
                Admin → Orders → Export, “All orders”, CSV for Excel or plain CSV. The rows of an order share
                its Name; its Id is the external id.
              </dd>
            </div>
            <div>
              <dt className="font-medium">WooCommerce</dt>
              <dd className="text-slate-700">
                The order export with order_id, order_date, status, order_total, billing_* / shipping_* and
                line_item_1… columns (or item_sku, item_quantity, item_price per row).
              </dd>
            </div>
            <div>
              <dt className="font-medium">Backroom CSV</dt>
              <dd className="text-slate-700">One row per line; the order’s fields on its first row.</dd>
            </div>
          </dl>
          <p className="mt-3 text-slate-700">
            Every SKU must be in the catalog. Amounts are in the shop’s currency; a row in another currency is
            refused. Importing a file again skips the orders already imported.
          </p>
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(BACKROOM_TEMPLATE)}`}
            download="backroom-orders-template.csv"
            className={
              'mt-4 inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
              'px-3 font-medium hover:bg-slate-50'
            }
          >
            Download the Backroom template
          </a>
        </aside>
      </div>

      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="mb-3 text-lg font-semibold">
          Past imports
        </h2>
        {imports.length === 0 ? (
          <p className="rounded-xl border border-slate-200 bg-white p-6 text-sm text-slate-700">
            No orders have been imported yet. Choose an export above, preview it, then import.
          </p>
        ) : (
          <div className="rounded-xl border border-slate-200 bg-white">
            <ListTable
              caption="Past imports"
              regionLabel="Past imports, scrollable"
              noun={['import', 'imports']}
              sort={sort}
              columns={[
                { id: 'started', header: 'Started', sortable: true, sortDescFirst: true },
                { id: 'file', header: 'File', sortable: true },
                { id: 'mode', header: 'Mode', sortable: true },
                { id: 'status', header: 'Status', sortable: true },
                ...numberColumns({
                  created: 'Created',
                  skipped: 'Skipped',
                  failed: 'With errors',
                  total: 'Total',
                }),
              ]}
              rows={imports.map((i) => ({
                id: i.id,
                cells: {
                  started: (
                    <span className="whitespace-nowrap">{i.created_at.slice(0, 16).replace('T', ' ')}</span>
                  ),
                  file: (
                    <>
                      {i.file_name ?? '(API upload)'} <span className="text-slate-600">({i.format})</span>
                    </>
                  ),
                  mode: `${i.mode}${i.dry_run ? ', preview' : ''}`,
                  status: (
                    <>
                      {STATUS_LABEL[i.status]}
                      {i.error_count > 0 && (
                        <>
                          {' · '}
                          <a
                            href={`/orders/imports/jobs/${i.id}/errors`}
                            className="text-brand-700 underline"
                          >
                            {i.error_count} errors (CSV)
                          </a>
                        </>
                      )}
                    </>
                  ),
                  created:
                    i.created > 0 && !i.dry_run ? (
                      <Link href={`/orders?channel=${i.channel}`} className="text-brand-700 underline">
                        {i.created.toLocaleString('en-US')}
                      </Link>
                    ) : (
                      i.created.toLocaleString('en-US')
                    ),
                  skipped: i.skipped.toLocaleString('en-US'),
                  failed: i.failed.toLocaleString('en-US'),
                  total: formatMoney(i.totals.gross, i.currency),
                },
              }))}
            />
          </div>
        )}
      </section>
    </>
  );
}

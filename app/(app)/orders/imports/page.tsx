import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { orderImports } from '@/lib/channels/queries';
import { IMPORT_MAX_BYTES } from '@/lib/channels/start-order-import';
import { BACKROOM_TEMPLATE } from '@/lib/channels/order-csv';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { OrdersTabs } from '@/components/orders/orders-tabs';
import { OrderImport } from '@/components/channels/order-import';

export const metadata: Metadata = { title: 'Import orders' };

const STATUS_LABEL: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
};

export default async function OrderImportsPage() {
  const user = await requirePagePermission('orders:import', '/orders/imports');
  const imports = await orderImports(20);
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
          <ScrollRegion label="Past imports, scrollable">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Started
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    File
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Mode
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Created
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Skipped
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    With errors
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id} className="border-t border-slate-100">
                    <td className="px-3 py-2 whitespace-nowrap">
                      {i.created_at.slice(0, 16).replace('T', ' ')}
                    </td>
                    <td className="px-3 py-2">
                      {i.file_name ?? '(API upload)'} <span className="text-slate-600">({i.format})</span>
                    </td>
                    <td className="px-3 py-2">
                      {i.mode}
                      {i.dry_run ? ', preview' : ''}
                    </td>
                    <td className="px-3 py-2">
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
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {i.created > 0 && !i.dry_run ? (
                        <Link href={`/orders?channel=${i.channel}`} className="text-brand-700 underline">
                          {i.created.toLocaleString('en-US')}
                        </Link>
                      ) : (
                        i.created.toLocaleString('en-US')
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{i.skipped.toLocaleString('en-US')}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{i.failed.toLocaleString('en-US')}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {formatMoney(i.totals.gross, i.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}

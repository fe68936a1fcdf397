import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { skuDetail } from '@/lib/inventory/queries';
import { openPurchaseOrdersForSku } from '@/lib/purchasing/queries';
import { locationList } from '@/lib/locations/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { averageUnitCost } from '@/lib/inventory/costing';
import { PageHeader } from '@/components/ui/page-header';
import { AdjustForm } from '@/components/inventory/adjust-form';
import { MoveBinForm } from '@/components/inventory/move-bin-form';
import { ScrollRegion } from '@/components/ui/scroll-region';

export const metadata: Metadata = { title: 'SKU' };

const MOVEMENT_LABEL: Record<string, string> = {
  receive: 'Received',
  reserve: 'Reserved',
  release: 'Released',
  ship: 'Shipped',
  adjust: 'Adjusted',
  transfer_out: 'Transferred out',
  transfer_in: 'Transferred in',
  return_restock: 'Returned to stock',
  return_damaged: 'Returned damaged',
  count_correction: 'Count correction',
  scrap: 'Scrapped',
  damage: 'Marked damaged',
  quarantine: 'Quarantined',
  release_quarantine: 'Released from quarantine',
  revalue: 'Cost correction',
  ship_void: 'Label voided (back on shelf)',
};

function signed(n: number) {
  return n === 0 ? '' : n > 0 ? `+${n}` : String(n);
}

export default async function SkuPage({ params }: { params: Promise<{ sku: string }> }) {
  const { sku: raw } = await params;
  const sku = decodeURIComponent(raw);
  const user = await requirePagePermission('inventory:read', `/inventory/${raw}`);
  const [detail, locations, settings, onOrder] = await Promise.all([
    skuDetail(sku),
    locationList(),
    shopSettings(),
    openPurchaseOrdersForSku(sku),
  ]);
  if (!detail) notFound();
  const averageCost = averageUnitCost(detail.pool);
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, settings.currency));
  const canWrite = roleHas(user.role, 'inventory:adjust');
  const active = locations.filter((l) => l.active);
  const v = detail.variant;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/inventory" className="text-brand-700 underline">
          ← Inventory
        </Link>
      </p>
      <PageHeader
        title={`${v.name}${v.title ? ` — ${v.title}` : ''}`}
        description={
          `SKU ${v.sku}${v.barcode ? ` · barcode ${v.barcode}` : ''} · ` +
          `price ${money(v.price)} · reorder ` +
          `point ${v.reorder_point}${v.allow_backorder ? ' · backorders allowed' : ''}`
        }
      />

      <div className="grid gap-6 xl:grid-cols-3">
        <section
          aria-labelledby="levels-title"
          className="rounded-xl border border-slate-200 bg-white xl:col-span-2"
        >
          <h2 id="levels-title" className="px-5 pt-4 text-lg font-semibold">
            Stock by location
          </h2>
          {detail.levels.length === 0 ? (
            <p className="p-5 text-slate-700">
              Never stocked.{' '}
              {canWrite && (
                <Link href="/inventory/receive" className="text-brand-700 underline">
                  Receive stock
                </Link>
              )}
            </p>
          ) : (
            <ScrollRegion label="Stock by location table">
              <table className="mt-2 w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Location
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Bin
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      On hand
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Reserved
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Available
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Damaged
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Quarantine
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {detail.levels.map((l) => (
                    <tr key={l.location} className="border-b border-slate-100">
                      <td className="px-5 py-2">
                        {l.location_name} ({l.location})
                      </td>
                      <td className="px-3 py-2 font-mono">{l.bin ?? '—'}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.on_hand}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.reserved}</td>
                      <td className="px-3 py-2 text-right font-semibold tabular-nums">{l.available}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.damaged}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{l.quarantine}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
        {onOrder.length > 0 && (
          <section
            aria-labelledby="on-order-title"
            className="rounded-xl border border-slate-200 bg-white p-5 xl:col-span-2"
          >
            <h2 id="on-order-title" className="text-lg font-semibold">
              On order
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {onOrder.map((o) => (
                <li key={`${o.id}-${o.location}`}>
                  <Link href={`/purchasing/${o.id}`} className="font-medium text-brand-700 underline">
                    {o.label}
                  </Link>{' '}
                  · {o.supplier} · {o.open} to {o.location} · expected {o.expected_at ?? 'no date'}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="cost-title" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="cost-title" className="text-lg font-semibold">
            Cost ({settings.inventory_costing === 'fifo' ? 'FIFO' : 'moving average'})
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-y-2 text-sm">
            <dt className="text-slate-600">Units held</dt>
            <dd className="text-right tabular-nums">{detail.pool.quantity}</dd>
            <dt className="text-slate-600">Inventory value</dt>
            <dd className="text-right tabular-nums">{money(detail.pool.value)}</dd>
            <dt className="text-slate-600">Average unit cost</dt>
            <dd className="text-right tabular-nums">{averageCost === null ? '—' : money(averageCost)}</dd>
            <dt className="text-slate-600">Last unit cost</dt>
            <dd className="text-right tabular-nums">{money(detail.pool.last_unit_cost)}</dd>
          </dl>
          <h3 className="mt-4 text-sm font-semibold">Cost layers</h3>
          {detail.layers.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No receipts yet.</p>
          ) : (
            <table className="mt-1 w-full text-left text-sm">
              <thead>
                <tr className="text-slate-600">
                  <th scope="col" className="py-1 font-medium">
                    Received
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Unit cost
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Left / in
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.layers.map((l) => (
                  <tr key={l.id} className={l.quantity_remaining === 0 ? 'text-slate-500' : ''}>
                    <td className="py-1">
                      {new Date(l.received_at).toLocaleDateString('en-US', { timeZone: settings.timezone })}
                    </td>
                    <td className="py-1 text-right tabular-nums">{money(l.unit_cost)}</td>
                    <td className="py-1 text-right tabular-nums">
                      {l.quantity_remaining} / {l.quantity_received}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      {canWrite && active.length > 0 && (
        <div className="mt-6 grid gap-6 xl:grid-cols-2">
          <AdjustForm sku={v.sku} locations={active} />
          <MoveBinForm sku={v.sku} locations={active} />
        </div>
      )}

      <section aria-labelledby="history-title" className="mt-6 rounded-xl border border-slate-200 bg-white">
        <h2 id="history-title" className="px-5 pt-4 text-lg font-semibold">
          Movement history
        </h2>
        <p className="px-5 text-sm text-slate-600">
          Every change to this SKU&apos;s stock: who, what, why and when (latest 100).
        </p>
        {detail.movements.length === 0 ? (
          <p className="p-5 text-slate-700">No movements yet.</p>
        ) : (
          <ScrollRegion label="Movement history table">
            <table className="mt-2 w-full text-left text-sm">
              <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    What
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Location
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    On hand
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Reserved
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Unsellable
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Value
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Why
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Who
                  </th>
                </tr>
              </thead>
              <tbody>
                {detail.movements.map((m) => (
                  <tr key={m.id} className="border-b border-slate-100 align-top">
                    <td className="whitespace-nowrap px-5 py-2">
                      {new Date(m.at).toLocaleString('en-US', {
                        timeZone: settings.timezone,
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      })}
                    </td>
                    <td className="px-3 py-2">{MOVEMENT_LABEL[m.type] ?? m.type}</td>
                    <td className="px-3 py-2">{m.location}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{signed(m.on_hand_delta)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{signed(m.reserved_delta)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {signed(m.damaged_delta + m.quarantine_delta)}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {m.value_delta ? money(m.value_delta) : ''}
                    </td>
                    <td className="px-3 py-2">
                      {m.reason ?? (m.source ? '' : m.reference ? m.reference.split(':')[0] : '')}
                      {m.source && (
                        <Link href={m.source.href} className="block text-brand-700 underline">
                          {m.source.label}
                        </Link>
                      )}
                    </td>
                    <td className="px-3 py-2">{m.actor}</td>
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

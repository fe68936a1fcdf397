import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { SKU_MOVEMENT_SORT, skuDetail } from '@/lib/inventory/queries';
import { readSort } from '@/lib/list/sort';
import { openPurchaseOrdersForSku } from '@/lib/purchasing/queries';
import { locationList } from '@/lib/locations/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { averageUnitCost } from '@/lib/inventory/costing';
import { PageHeader } from '@/components/ui/page-header';
import { AdjustForm } from '@/components/inventory/adjust-form';
import { MoveBinForm } from '@/components/inventory/move-bin-form';
import { StaticTable } from '@/components/data-table/static-table';
import { ListTable } from '@/components/data-table/list-table';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';
import { numberColumns } from '@/components/page/columns';

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

export default async function SkuPage({
  params,
  searchParams,
}: {
  params: Promise<{ sku: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { sku: raw } = await params;
  const { sort } = readSort(await searchParams, SKU_MOVEMENT_SORT);
  const sku = decodeURIComponent(raw);
  const user = await requirePagePermission('inventory:read', `/inventory/${raw}`);
  const [detail, locations, settings, onOrder] = await Promise.all([
    skuDetail(sku, { movementsSort: sort }),
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
      <BackLink href="/inventory">Inventory</BackLink>
      <PageHeader
        title={`${v.name}${v.title ? ` — ${v.title}` : ''}`}
        description={
          `SKU ${v.sku}${v.barcode ? ` · barcode ${v.barcode}` : ''} · ` +
          `price ${money(v.price)} · reorder ` +
          `point ${v.reorder_point}${v.allow_backorder ? ' · backorders allowed' : ''}`
        }
      />

      <div className="grid gap-6 xl:grid-cols-3">
        <Card id="levels-title" title="Stock by location" padding="none" className="xl:col-span-2">
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
            <StaticTable
              label="Stock by location table"
              className="mt-2"
              caption={`Stock of ${detail.variant.sku} by location`}
              columns={[
                { id: 'location', header: 'Location' },
                { id: 'bin', header: 'Bin', className: 'font-mono' },
                { id: 'on_hand', header: 'On hand', align: 'end' },
                { id: 'reserved', header: 'Reserved', align: 'end' },
                { id: 'available', header: 'Available', align: 'end', className: 'font-semibold' },
                { id: 'damaged', header: 'Damaged', align: 'end' },
                { id: 'quarantine', header: 'Quarantine', align: 'end' },
              ]}
              rows={detail.levels.map((l) => ({
                id: l.location,
                cells: {
                  location: `${l.location_name} (${l.location})`,
                  bin: l.bin ?? '—',
                  on_hand: l.on_hand,
                  reserved: l.reserved,
                  available: l.available,
                  damaged: l.damaged,
                  quarantine: l.quarantine,
                },
              }))}
            />
          )}
        </Card>
        {onOrder.length > 0 && (
          <Card id="on-order-title" title="On order" className="xl:col-span-2">
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
          </Card>
        )}
        <Card
          id="cost-title"
          title={<>Cost ({settings.inventory_costing === 'fifo' ? 'FIFO' : 'moving average'})</>}
        >
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
            <StaticTable
              label="Cost layers table"
              className="mt-1"
              caption="Cost layers, oldest first"
              columns={[
                { id: 'received', header: 'Received' },
                { id: 'cost', header: 'Unit cost', align: 'end' },
                { id: 'left', header: 'Left / in', align: 'end' },
              ]}
              rows={detail.layers.map((l) => ({
                id: l.id,
                className: l.quantity_remaining === 0 ? 'text-slate-500' : '',
                cells: {
                  received: new Date(l.received_at).toLocaleDateString('en-US', {
                    timeZone: settings.timezone,
                  }),
                  cost: money(l.unit_cost),
                  left: `${l.quantity_remaining} / ${l.quantity_received}`,
                },
              }))}
            />
          )}
        </Card>
      </div>

      {canWrite && active.length > 0 && (
        <div className="mt-6 grid gap-6 xl:grid-cols-2">
          <AdjustForm sku={v.sku} locations={active} />
          <MoveBinForm sku={v.sku} locations={active} />
        </div>
      )}

      <Card id="history-title" title="Movement history" padding="none" className="mt-6">
        <p className="px-5 text-sm text-slate-600">
          Every change to this SKU&apos;s stock: who, what, why and when (the latest 100, or the first 100
          sorted oldest first).
        </p>
        {detail.movements.length === 0 ? (
          <p className="p-5 text-slate-700">No movements yet.</p>
        ) : (
          <ListTable
            caption="Movement history table"
            regionLabel="Movement history table"
            noun={['movement', 'movements']}
            sort={sort}
            columns={[
              { id: 'when', header: 'When', sortable: true, sortDescFirst: true },
              { id: 'what', header: 'What' },
              { id: 'location', header: 'Location' },
              ...numberColumns({
                on_hand: 'On hand',
                reserved: 'Reserved',
                unsellable: 'Unsellable',
                value: 'Value',
              }),
              { id: 'why', header: 'Why' },
              { id: 'who', header: 'Who' },
            ]}
            rows={detail.movements.map((m) => ({
              id: m.id,
              cells: {
                when: (
                  <span className="whitespace-nowrap">
                    {new Date(m.at).toLocaleString('en-US', {
                      timeZone: settings.timezone,
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    })}
                  </span>
                ),
                what: MOVEMENT_LABEL[m.type] ?? m.type,
                location: m.location,
                on_hand: signed(m.on_hand_delta),
                reserved: signed(m.reserved_delta),
                unsellable: signed(m.damaged_delta + m.quarantine_delta),
                value: m.value_delta ? money(m.value_delta) : '',
                why: (
                  <>
                    {m.reason ?? (m.source ? '' : m.reference ? m.reference.split(':')[0] : '')}
                    {m.source && (
                      <Link href={m.source.href} className="block text-brand-700 underline">
                        {m.source.label}
                      </Link>
                    )}
                  </>
                ),
                who: m.actor,
              },
            }))}
          />
        )}
      </Card>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { isValidElement } from 'react';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { kpiReport, needsAttention, shopToday } from '@/lib/kpi/queries';
import { purchasingKpiCards } from '@/components/dashboard/purchasing-cards';
import {
  daysOfCover,
  inventoryTurnover,
  openPurchaseOrderValue,
  supplierOnTimeRate,
} from '@/lib/kpi/purchasing-kpis';
import { readDashboardParams, SALES_CHANNELS } from '@/lib/kpi/schemas';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable, type StaticColumn, type StaticRow } from '@/components/data-table/static-table';
import { KpiCard } from '@/components/dashboard/kpi-card';
import { drillLinks, kpiCards } from '@/components/dashboard/cards';
import { RangeControls } from '@/components/dashboard/range-controls';
import { StackedBarChart } from '@/components/charts/stacked-bar-chart';
import { HorizontalBarChart } from '@/components/charts/horizontal-bar-chart';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { waitedFor } from '@/lib/kpi/rules';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Dashboard' };

function ChartSection({
  id,
  title,
  children,
  table,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
  /** the chart's figures as a table (for screen readers, and to read exact values), or why there are none */
  table: { columns: StaticColumn[]; rows: StaticRow[] } | React.ReactElement;
}) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <div className="min-w-0">{children}</div>
        {isValidElement(table) ? (
          table
        ) : (
          <StaticTable label={`${title}: table`} className="max-h-72" caption={title} {...table} />
        )}
      </div>
    </section>
  );
}

export default async function DashboardPage({ searchParams }: ListPageProps) {
  await requirePagePermission('reports:read', '/dashboard');
  const { today, timezone } = await shopToday();
  const { range, query, error } = readDashboardParams(await searchParams, today);
  const window = { from: query.from, to: query.to, timezone };
  const [report, attention, cover, turnover, openPo, onTime] = await Promise.all([
    kpiReport(query),
    needsAttention(),
    daysOfCover(),
    inventoryTurnover(window),
    openPurchaseOrderValue(),
    supplierOnTimeRate(window),
  ]);
  const links = drillLinks(report);
  const money = (v: number) => formatMoney(v, report.currency);

  const channels = [...new Set(report.charts.daily_by_channel.map((d) => d.channel))].sort();
  const series = channels.map((c) => ({
    key: c,
    label: CHANNEL_LABEL[c] ?? (c === 'none' ? 'No channel' : c),
  }));
  const byDay = new Map<string, { x: string } & Record<string, number | string>>();
  const salesByDay = new Map<string, { x: string } & Record<string, number | string>>();
  for (const d of report.charts.daily_by_channel) {
    byDay.set(d.date, { ...(byDay.get(d.date) ?? { x: d.date }), [d.channel]: d.orders });
    salesByDay.set(d.date, { ...(salesByDay.get(d.date) ?? { x: d.date }), [d.channel]: d.net_sales });
  }
  const dayRows = [...byDay.values()].sort((a, b) => (a.x < b.x ? -1 : 1));
  const salesRows = [...salesByDay.values()].sort((a, b) => (a.x < b.x ? -1 : 1));
  const dayHrefs = Object.fromEntries(dayRows.map((r) => [r.x, links.placedInStep(r.x)]));
  const funnelLabel = {
    placed: 'Placed',
    packed: 'Packed (a parcel left)',
    shipped: 'Shipped complete',
    delivered: 'Delivered',
  } as const;
  const funnelHref = {
    placed: links.placed,
    packed: links.placed,
    shipped: `${links.placed}&ship=complete`,
    delivered: `${links.placed}&status=delivered`,
  };
  const attentionItems = [
    {
      label: 'Orders held for fraud review',
      count: attention.held_for_review,
      href: '/orders?status=pending_review',
    },
    { label: 'Orders on hold', count: attention.on_hold, href: '/orders?status=on_hold' },
    {
      label: 'Orders past their ship-by date',
      count: attention.past_ship_by,
      href: '/orders?ship=past_due&sort=placed_asc',
    },
    { label: 'Shipment exceptions', count: attention.shipment_exceptions, href: '/fulfillment/exceptions' },
    {
      label: 'SKUs at or below reorder point',
      count: attention.below_reorder_point,
      href: '/inventory?stock=low',
    },
    {
      label: 'Tickets about to breach SLA (within the hour)',
      count: attention.tickets_at_risk,
      href: links.ticketsAtRisk,
    },
    { label: 'Tickets past their SLA', count: attention.tickets_breached, href: links.ticketsBreached },
    {
      label: 'Refunds awaiting approval',
      count: attention.refunds_awaiting_approval,
      href: '/returns/refunds?status=pending_approval',
      detail: attention.oldest_refund_awaiting_at
        ? `oldest ${waitedFor(attention.oldest_refund_awaiting_at, new Date())}`
        : undefined,
    },
    {
      label: 'Returns awaiting receipt',
      count: attention.returns_awaiting_receipt,
      href: '/returns/receive',
    },
    {
      label: 'Counts awaiting review',
      count: attention.counts_awaiting_review,
      href: '/inventory/cycle-counts?stage=awaiting_review',
    },
    // Decision 031: orders not paid in full wait out of the queue until a payment is recorded.
    { label: 'Payment due', count: attention.payment_due, href: '/orders?status=on_hold&hold=payment_due' },
  ] as { label: string; count: number; href: string; detail?: string }[];
  // The table lists only the steps that had refunds; the chart shows every step (gaps are zero).
  // Over DAILY_SPARKLINE_MAX_DAYS (lib/kpi/rules.ts), sparklines and the refunds chart have a point per calendar month.
  const monthly = report.range.sparkline_step === 'month';
  const step = monthly ? 'month' : 'day';
  const refundRows = report.charts.refunds_over_time.filter((p) => p.count > 0 || p.amount > 0);
  const rangeText =
    report.range.from === report.range.to ? report.range.from : `${report.range.from} to ${report.range.to}`;

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          `How the shop is doing, ${rangeText} ` +
          `(${timezone}), ${report.range.channel ? CHANNEL_LABEL[report.range.channel] : 'all channels'}. ` +
          `Changes compare with the ${report.range.days} days before.`
        }
      />
      <RangeControls
        range={range}
        from={report.range.from}
        to={report.range.to}
        channel={report.range.channel ?? ''}
        channels={SALES_CHANNELS}
      />
      {error && (
        <p
          role="status"
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          {error}
        </p>
      )}

      <section
        aria-labelledby="attention-title"
        className="mb-4 rounded-xl border border-amber-200 bg-amber-50 p-4"
      >
        <h2 id="attention-title" className="mb-2 text-base font-semibold">
          Needs attention
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {attentionItems.map((a) => (
            <li key={a.label}>
              <Link
                href={a.href}
                className={
                  'flex items-center justify-between gap-2 rounded-md bg-white px-3 py-2 ' +
                  'text-sm hover:bg-amber-100'
                }
              >
                <span>
                  {a.label}
                  {a.detail && <span className="block text-xs text-slate-700">{a.detail}</span>}
                </span>
                <span
                  className={`tabular-nums font-semibold ${a.count > 0 ? 'text-red-800' : 'text-slate-600'}`}
                >
                  {a.count}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="kpi-title" className="mb-4">
        <h2 id="kpi-title" className="sr-only">
          Key figures
        </h2>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {kpiCards(report).map((c) => (
            <KpiCard key={c.id} {...c} />
          ))}
          {purchasingKpiCards({ cover, turnover, openPo, onTime, currency: report.currency }).map((c) => (
            <KpiCard key={c.id} {...c} />
          ))}
        </div>
      </section>

      <div className="grid gap-4">
        <ChartSection
          id="orders-chart"
          title={`Orders per ${step} by channel`}
          table={{
            columns: [
              { id: 'x', header: monthly ? 'Month' : 'Day', rowHeader: true },
              ...series.map((s) => ({ id: s.key, header: s.label, align: 'end' as const })),
            ],
            rows: dayRows.map((r) => ({
              id: r.x,
              cells: {
                x: (
                  <Link href={links.placedInStep(r.x)} className="underline">
                    {monthly ? r.x.slice(0, 7) : r.x}
                  </Link>
                ),
                ...Object.fromEntries(series.map((s) => [s.key, Number(r[s.key] ?? 0)])),
              },
            })),
          }}
        >
          {dayRows.length ? (
            <StackedBarChart
              rows={dayRows}
              series={series}
              label={`Orders per ${step}, stacked by channel; the table beside lists the same numbers`}
              yLabel="Orders"
              hrefs={dayHrefs}
            />
          ) : (
            <p className="text-sm text-slate-700">No orders in this range.</p>
          )}
        </ChartSection>

        <ChartSection
          id="sales-chart"
          title={`Net sales per ${step} by channel`}
          table={{
            columns: [
              { id: 'x', header: monthly ? 'Month' : 'Day', rowHeader: true },
              ...series.map((s) => ({ id: s.key, header: s.label, align: 'end' as const })),
            ],
            rows: salesRows.map((r) => ({
              id: r.x,
              cells: {
                x: monthly ? r.x.slice(0, 7) : r.x,
                ...Object.fromEntries(series.map((s) => [s.key, money(Number(r[s.key] ?? 0))])),
              },
            })),
          }}
        >
          {salesRows.length ? (
            <StackedBarChart
              rows={salesRows}
              series={series}
              label={`Net sales per ${step}, stacked by channel; the table beside lists the same amounts`}
              yLabel={`Net sales (${report.currency})`}
              formatY="money"
              currency={report.currency}
            />
          ) : (
            <p className="text-sm text-slate-700">No sales posted in this range.</p>
          )}
        </ChartSection>

        <div className="grid gap-4 xl:grid-cols-2">
          <ChartSection
            id="funnel-chart"
            title="Fulfillment funnel (orders placed in range)"
            table={{
              columns: [
                { id: 'stage', header: 'Stage', rowHeader: true },
                { id: 'orders', header: 'Orders', align: 'end' },
              ],
              rows: report.charts.funnel.map((f) => ({
                id: f.stage,
                cells: {
                  stage: (
                    <Link href={funnelHref[f.stage]} className="underline">
                      {funnelLabel[f.stage]}
                    </Link>
                  ),
                  orders: f.count,
                },
              })),
            }}
          >
            <HorizontalBarChart
              label="Fulfillment funnel: orders placed, packed, shipped complete, delivered"
              xLabel="Orders"
              labelWidth={150}
              items={report.charts.funnel.map((f) => ({
                label: funnelLabel[f.stage],
                value: f.count,
                href: funnelHref[f.stage],
              }))}
            />
          </ChartSection>

          <ChartSection
            id="ship-time-chart"
            title="Order-to-ship time (orders shipped complete)"
            table={{
              columns: [
                { id: 'time', header: 'Time', rowHeader: true },
                { id: 'orders', header: 'Orders', align: 'end' },
              ],
              rows: report.charts.ship_time_distribution.map((g) => ({
                id: g.label,
                cells: { time: g.label, orders: g.count },
              })),
            }}
          >
            <HorizontalBarChart
              label="Orders by time from placing to last shipment"
              xLabel="Orders"
              color="#009E73"
              items={report.charts.ship_time_distribution.map((g) => ({
                label: g.label,
                value: g.count,
                href: links.shippedComplete,
              }))}
            />
          </ChartSection>
        </div>

        <ChartSection
          id="stockouts-chart"
          title="Top stockout SKUs (estimated lost revenue)"
          table={
            report.charts.top_stockouts.length ? (
              {
                columns: [
                  { id: 'sku', header: 'SKU', rowHeader: true },
                  { id: 'days', header: 'Stockout-days', align: 'end' },
                  {
                    id: 'lost',
                    align: 'end',
                    header: (
                      <span
                        title={
                          'Daily demand before the stockout (units ordered in the 28 days ' +
                          "before it ÷ 28) × the SKU's price × days out of stock"
                        }
                        className="cursor-help underline decoration-dotted"
                      >
                        Est. lost revenue
                      </span>
                    ),
                  },
                ],
                rows: report.charts.top_stockouts.map((s) => ({
                  id: s.sku,
                  cells: {
                    sku: (
                      <>
                        <Link href={links.sku(s.sku)} className="underline">
                          {s.sku}
                        </Link>
                        {s.out_now ? ' (out now)' : ''}
                        <span className="block text-xs text-slate-600">{s.name}</span>
                      </>
                    ),
                    days: s.stockout_days,
                    lost:
                      s.lost_revenue > 0 ? (
                        money(s.lost_revenue)
                      ) : (
                        // No orders in the 28 days before it ran out: nothing to estimate from, not $0.
                        <span title="No orders of this SKU in the 28 days before it ran out to estimate from">
                          —<span className="sr-only"> no sales before the stockout to estimate from</span>
                        </span>
                      ),
                  },
                })),
              }
            ) : (
              <p className="p-2 text-sm text-slate-700">No SKU was out of stock in this range.</p>
            )
          }
        >
          {report.charts.top_stockouts.length ? (
            <HorizontalBarChart
              label="Stockout-days per SKU"
              xLabel="Stockout-days"
              color="#D55E00"
              items={report.charts.top_stockouts.map((s) => ({
                label: s.sku,
                value: s.stockout_days,
                href: links.sku(s.sku),
              }))}
            />
          ) : (
            <p className="text-sm text-slate-700">
              Nothing to chart.{' '}
              <Link href={links.stockouts} className="underline">
                See SKUs out of stock now
              </Link>
              .
            </p>
          )}
        </ChartSection>

        <div className="grid gap-4 xl:grid-cols-2">
          <ChartSection
            id="returns-reason-chart"
            title="Returns by reason (units received back)"
            table={
              report.charts.returns_by_reason.length ? (
                {
                  columns: [
                    { id: 'reason', header: 'Reason', rowHeader: true },
                    { id: 'units', header: 'Units', align: 'end' },
                  ],
                  rows: report.charts.returns_by_reason.map((g) => ({
                    id: g.reason,
                    cells: { reason: g.label, units: g.units },
                  })),
                }
              ) : (
                <p className="p-2 text-sm text-slate-700">No returned units were received in this range.</p>
              )
            }
          >
            {report.charts.returns_by_reason.length ? (
              <HorizontalBarChart
                label="Units returned per reason"
                xLabel="Units returned"
                color="#CC79A7"
                labelWidth={150}
                items={report.charts.returns_by_reason.map((g) => ({
                  label: g.label,
                  value: g.units,
                  href: links.returns,
                }))}
              />
            ) : (
              <p className="text-sm text-slate-700">
                Nothing to chart.{' '}
                <Link href={links.returns} className="underline">
                  See all returns
                </Link>
                .
              </p>
            )}
          </ChartSection>

          <ChartSection
            id="refunds-chart"
            title={`Refunds over time${monthly ? ' (per month)' : ' (per day)'}`}
            table={
              refundRows.length ? (
                {
                  columns: [
                    { id: 'date', header: monthly ? 'Month from' : 'Day', rowHeader: true },
                    { id: 'count', header: 'Refunds', align: 'end' },
                    { id: 'amount', header: 'Amount', align: 'end' },
                  ],
                  rows: refundRows.map((p) => ({
                    id: p.date,
                    cells: { date: p.date, count: p.count, amount: money(p.amount) },
                  })),
                }
              ) : (
                <p className="p-2 text-sm text-slate-700">No refunds were issued in this range.</p>
              )
            }
          >
            {refundRows.length ? (
              <StackedBarChart
                rows={report.charts.refunds_over_time.map((p) => ({ x: p.date, amount: p.amount }))}
                series={[{ key: 'amount', label: 'Amount refunded' }]}
                label={`Amount refunded per ${monthly ? 'month' : 'day'}; the table beside lists the count and amount`}
                yLabel={`Refunded (${report.currency})`}
                formatY="money"
                currency={report.currency}
              />
            ) : (
              <p className="text-sm text-slate-700">
                Nothing to chart.{' '}
                <Link href={links.refunds} className="underline">
                  See issued refunds
                </Link>
                .
              </p>
            )}
          </ChartSection>
        </div>
      </div>
    </>
  );
}

import { formatMoney } from '@/lib/money';
import type { KpiReport } from '@/lib/kpi/queries';
import type { KpiCardProps } from '@/components/dashboard/kpi-card';
import { feedbackKpiCards } from '@/components/feedback/kpi-cards';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
/**
 * A rate close to 1 that would round to 100.0 % (16 units off of 34,128 is 99.95 %): two decimals,
 * rounded down, so a count that found differences never reads as perfect.
 */
export const pctFine = (v: number | null) =>
  v !== null && v < 1 && v >= 0.9995 ? `${(Math.floor(v * 10_000) / 100).toFixed(2)}%` : pct(v);
const num = (v: number) => new Intl.NumberFormat('en-US').format(v);
const signed = (v: number, unit: string) =>
  `${v > 0 ? '▲' : v < 0 ? '▼' : '▬'} ${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 1 })}${unit}`;

/** The last day (YYYY-MM-DD) of the month of `day`. */
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 8)}${String(last).padStart(2, '0')}`;
}

/** Where each KPI drills down to: the records behind it, filtered to the same range and channel. */
export function drillLinks(r: KpiReport) {
  const base = new URLSearchParams();
  if (r.range.channel) base.set('channel', r.range.channel);
  const q = (extra: Record<string, string>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return `/orders?${p.toString()}`;
  };
  const placed = { from: r.range.from, to: r.range.to };
  const shipped = { shipped_from: r.range.from, shipped_to: r.range.to };
  const completedInRange = { status: 'completed', completed_from: r.range.from, completed_to: r.range.to };
  return {
    placed: q(placed),
    notShipped: q({ ...placed, ship: 'incomplete' }),
    late: q({ ...shipped, ship: 'late' }),
    shippedComplete: q({ ...shipped, ship: 'complete' }),
    placedOn: (day: string) => q({ from: day, to: day }),
    /** orders placed in a sparkline step: a day, or the month starting at `start` (clipped to the range) */
    placedInStep: (start: string) =>
      r.range.sparkline_step === 'day'
        ? q({ from: start, to: start })
        : q({ from: start, to: monthEnd(start) < r.range.to ? monthEnd(start) : r.range.to }),
    shippedOn: (day: string) => q({ shipped_from: day, shipped_to: day, ship: 'complete' }),
    stockouts: '/inventory?stock=out',
    sku: (sku: string) => `/inventory/${encodeURIComponent(sku)}`,
    sales: '/ledger/journal?source=order',
    margin: '/ledger',
    // The refunds list filters by status only (not by date or channel): the issued refunds, newest first.
    refunds: '/returns/refunds?status=issued',
    returns: '/returns',
    ticketsBreached: '/support?view=breached',
    ticketsAtRisk: '/support?view=at_risk',
    ticketsOpen: '/support?view=open',
    ticketsPending: '/support?view=pending',
    ticketsAll: '/support?view=all&sort=updated',
    cycleCounts: `/inventory/cycle-counts?${new URLSearchParams(completedInRange).toString()}`,
  };
}

/**
 * The KPI cards of a report: the same numbers the API returns, formatted. `period` names the previous
 * period for the change line ("vs previous 7 days").
 */
export function kpiCards(r: KpiReport): KpiCardProps[] {
  const links = drillLinks(r);
  const vs = `vs previous ${r.range.days === 1 ? 'day' : `${r.range.days} days`}`;
  const rateChange = (change: number | null, higherIsGood = true) =>
    change === null
      ? null
      : {
          text: `${signed(change * 100, ' pts')} ${vs}`,
          tone:
            change === 0
              ? ('neutral' as const)
              : change > 0 === higherIsGood
                ? ('good' as const)
                : ('bad' as const),
        };
  const countChange = (change: number | null, fmt: (v: number) => string, higherIsGood = true) =>
    change === null
      ? null
      : {
          text: `${change > 0 ? '▲' : change < 0 ? '▼' : '▬'} ${fmt(Math.abs(change))} ${vs}`,
          tone:
            change === 0
              ? ('neutral' as const)
              : change > 0 === higherIsGood
                ? ('good' as const)
                : ('bad' as const),
        };
  const money = (v: number) => formatMoney(v, r.currency);
  const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h} h` : `${(h / 24).toFixed(1)} days`);

  return [
    {
      id: 'fulfillment-rate',
      title: 'Fulfillment rate',
      value: pct(r.fulfillment_rate.value),
      detail: `${num(r.fulfillment_rate.numerator)} of ${num(r.fulfillment_rate.denominator)} orders shipped complete`,
      change: rateChange(r.fulfillment_rate.change),
      sparkline: r.fulfillment_rate.sparkline,
      formula:
        'Orders placed in the range, not cancelled, shipped complete ÷ orders placed in the range, not cancelled.',
      href: links.notShipped,
      hrefLabel: 'Orders not shipped complete',
    },
    {
      id: 'on-time-ship-rate',
      title: 'On-time ship rate',
      value: pct(r.on_time_ship_rate.value),
      detail:
        `${num(r.on_time_ship_rate.numerator)} of ${num(r.on_time_ship_rate.denominator)} ` +
        `shipped by the promised date`,
      change: rateChange(r.on_time_ship_rate.change),
      sparkline: r.on_time_ship_rate.sparkline,
      formula:
        'Orders shipped complete by their promised ship-by date ÷ orders shipped complete, counted ' +
        'on the day of the last shipment.',
      href: links.late,
      hrefLabel: 'Late shipments',
    },
    {
      id: 'order-to-ship',
      title: 'Order-to-ship time',
      value: `${hours(r.order_to_ship_hours.median)} median`,
      detail: `p90 ${hours(r.order_to_ship_hours.p90)} · ${num(r.order_to_ship_hours.count)} orders`,
      change:
        r.order_to_ship_hours.change === null
          ? null
          : {
              text: `${signed(r.order_to_ship_hours.change, ' h')} median ${vs}`,
              tone:
                r.order_to_ship_hours.change === 0
                  ? 'neutral'
                  : r.order_to_ship_hours.change < 0
                    ? 'good'
                    : 'bad',
            },
      sparkline: r.order_to_ship_hours.sparkline,
      formula:
        'Hours from placing to the last shipment, for orders shipped complete in the range: median ' +
        'and 90th percentile (from an hourly histogram; the sparkline shows the ' +
        'daily mean).',
      href: links.shippedComplete,
      hrefLabel: 'Orders shipped complete',
    },
    {
      id: 'orders',
      title: 'Orders',
      value: num(r.orders.count),
      detail: `${num(r.orders.cancelled)} cancelled`,
      change: countChange(r.orders.change, num),
      sparkline: r.orders.sparkline,
      formula: 'Orders placed in the range (shop time zone), including those cancelled since.',
      href: links.placed,
      hrefLabel: 'Orders placed',
    },
    {
      id: 'net-sales',
      title: 'Net sales',
      value: money(r.net_sales.amount),
      change: countChange(r.net_sales.change, money),
      sparkline: r.net_sales.sparkline,
      formula:
        'Sales revenue − sales discounts − sales returns posted to the ledger in the range ' +
        '(shipping and tax excluded).',
      href: links.sales,
      hrefLabel: 'Sales in the journal',
    },
    {
      id: 'gross-margin',
      title: 'Gross margin',
      value: pct(r.gross_margin.value),
      detail: `${money(r.gross_margin.net_sales)} net sales − ${money(r.gross_margin.cogs)} COGS`,
      change: rateChange(r.gross_margin.change),
      sparkline: r.gross_margin.sparkline,
      formula: '(Net sales − cost of goods sold) ÷ net sales, from the ledger entries posted in the range.',
      href: links.margin,
      hrefLabel: 'Trial balance',
    },
    {
      id: 'stockouts',
      title: 'Stockouts',
      value: `${num(r.stockouts.count_now)} SKUs out now`,
      detail: `${r.stockouts.stockout_days} stockout-days · ${money(r.stockouts.lost_revenue)} est. lost revenue`,
      change: countChange(
        r.stockouts.change,
        (v) => `${v.toLocaleString('en-US', { maximumFractionDigits: 1 })} stockout-days`,
        false,
      ),
      sparkline: r.stockouts.sparkline,
      formula:
        'Active SKUs with available ≤ 0 now; stockout-days in the range; estimated lost revenue = ' +
        'stockout-days × average daily units (28 days before the stockout) × ' +
        'price. All channels.',
      href: links.stockouts,
      hrefLabel: 'Out-of-stock SKUs',
    },
    {
      id: 'refunds',
      title: 'Refunds',
      value: money(r.refunds.amount),
      detail:
        `${num(r.refunds.count)} refund${r.refunds.count === 1 ? '' : 's'} ` +
        `· ${pct(r.refunds.rate)} of gross sales ` +
        `(${money(r.refunds.gross_sales)})`,
      change: countChange(r.refunds.change, money, false),
      sparkline: r.refunds.sparkline,
      formula:
        "Count and amount of refunds issued in the range (by issue day, whatever the order's date); " +
        'refund rate = amount refunded ÷ gross sales of the orders placed in the range.',
      href: links.refunds,
      hrefLabel: 'Issued refunds',
    },
    {
      id: 'return-rate',
      title: 'Return rate',
      value: pct(r.return_rate.value),
      detail: `${num(r.return_rate.numerator)} units returned of ${num(r.return_rate.denominator)} shipped`,
      change: rateChange(r.return_rate.change, false),
      sparkline: r.return_rate.sparkline,
      formula:
        "Units received back (on the day of the return's latest receipt) ÷ units shipped in the " +
        'range; by reason in the chart below.',
      href: links.returns,
      hrefLabel: 'Returns',
    },
    {
      id: 'support-times',
      title: 'Support response',
      value: `${hours(r.support.first_response_median_hours)} first response`,
      detail:
        `${hours(r.support.resolution_median_hours)} to resolve (median) ` +
        `· ${num(r.support.first_response_count)} first ` +
        `replies, ${num(r.support.resolution_count)} solved`,
      change:
        r.support.first_response_median_hours === null ||
        r.support.previous.first_response_median_hours === null
          ? null
          : countChange(
              r.support.first_response_median_hours - r.support.previous.first_response_median_hours,
              (v) => `${v} h first response`,
              false,
            ),
      formula:
        "Median hours from a ticket's arrival to its first reply (tickets first answered in the " +
        'range) and to its solve (tickets solved in the range). All channels.',
      href: links.ticketsAll,
      hrefLabel: 'Tickets',
    },
    {
      id: 'sla-breaches',
      title: 'SLA breaches',
      value: num(r.sla_breaches.count),
      detail:
        `${num(r.sla_breaches.first_response)} first response ` +
        `· ${num(r.sla_breaches.resolution)} resolution ` +
        `· ${num(r.sla_breaches.breached_now)} unsolved and breached now`,
      change: countChange(r.sla_breaches.change, num, false),
      formula:
        'SLA clocks (first response, resolution) whose due time fell in the range and that had not ' +
        'stopped by then. All channels.',
      href: links.ticketsBreached,
      hrefLabel: 'Breached tickets (unsolved)',
    },
    {
      id: 'open-backlog',
      title: 'Open backlog',
      value: num(r.open_backlog.count),
      detail:
        `${num(r.open_backlog.open)} open · ${num(r.open_backlog.pending)} pending ` +
        `· ${num(r.open_backlog.at_risk)} at risk`,
      formula: 'Support tickets not solved now (open or pending), whatever the range. All channels.',
      href: links.ticketsOpen,
      hrefLabel: 'Open tickets',
    },
    {
      id: 'inventory-accuracy',
      title: 'Inventory accuracy',
      value: pctFine(r.inventory_accuracy.value),
      detail:
        r.inventory_accuracy.denominator === null
          ? undefined
          : `${num(r.inventory_accuracy.abs_variance ?? 0)} units off ` +
            `of ${num(r.inventory_accuracy.denominator)} expected ` +
            `· ${num(r.inventory_accuracy.counts)} ` +
            `count${r.inventory_accuracy.counts === 1 ? '' : 's'}`,
      formula:
        '1 − Σ|variance| ÷ Σ expected over the lines of cycle counts completed in the range (by ' +
        'completion day). All channels.',
      noData: r.inventory_accuracy.reason,
      href: links.cycleCounts,
      hrefLabel: 'Completed cycle counts',
    },
    ...feedbackKpiCards(r),
  ];
}

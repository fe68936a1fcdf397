import { formatMoney } from '@/lib/money';
import type { KpiCardProps } from '@/components/dashboard/kpi-card';

/** The purchasing KPI cards (lib/kpi/purchasing-kpis.ts): days of cover, turnover, open PO value, supplier
 * on-time rate. */
export function purchasingKpiCards(k: {
  cover: number | null;
  turnover: number | null;
  openPo: number;
  onTime: { rate: number | null; on_time: number; received: number };
  currency: string;
}): KpiCardProps[] {
  return [
    {
      id: 'days_of_cover',
      title: 'Days of cover',
      value: k.cover === null ? '' : `${k.cover} days`,
      formula: 'Units available now ÷ forecast units per day (latest replenishment run).',
      href: '/purchasing/replenishment',
      hrefLabel: 'Replenishment',
      noData: k.cover === null ? 'No replenishment run with forecast demand yet.' : undefined,
    },
    {
      id: 'inventory_turnover',
      title: 'Inventory turnover',
      value: k.turnover === null ? '' : `${k.turnover}× a year`,
      formula: 'COGS in the range, annualised, ÷ average inventory value (start and end of the range).',
      noData: k.turnover === null ? 'No cost of goods sold or no inventory value in this range.' : undefined,
    },
    {
      id: 'open_po_value',
      title: 'Open PO value',
      value: formatMoney(k.openPo, k.currency),
      formula: 'Σ open quantity × unit cost of sent and partially received purchase orders.',
      href: '/purchasing',
      hrefLabel: 'Purchase orders',
    },
    {
      id: 'supplier_on_time',
      title: 'Supplier on-time rate',
      value: k.onTime.rate === null ? '' : `${(k.onTime.rate * 100).toFixed(1)} %`,
      detail: `${k.onTime.on_time} of ${k.onTime.received} POs`,
      formula:
        'POs fully received in the range by their expected date ÷ POs fully received in the range ' +
        'with an expected date.',
      noData:
        k.onTime.rate === null
          ? 'No purchase order with an expected date was fully received in this range.'
          : undefined,
    },
  ];
}

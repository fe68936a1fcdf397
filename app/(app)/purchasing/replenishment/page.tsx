import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { locationList } from '@/lib/locations/queries';
import { supplierOptions } from '@/lib/purchasing/queries';
import {
  demandChart,
  latestRuns,
  REPLENISHMENT_SORT,
  replenishmentRows,
  sortReplenishmentRows,
  type ReplenishmentRowDto,
} from '@/lib/replenishment/queries';
import { ZReplenishmentQuery } from '@/lib/replenishment/schemas';
import { readSort } from '@/lib/list/sort';
import { PageHeader } from '@/components/ui/page-header';
import { FilterSelect } from '@/components/page/filter-fields';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { ReplenishmentActions } from '@/components/replenishment/replenishment-actions';
import { ReplenishmentTable } from '@/components/replenishment/replenishment-table';
import { DemandChart, type DemandChartPoint } from '@/components/charts/demand-chart';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Replenishment' };

const PAGE_SIZE = 50;
const fmt = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`;

export default async function ReplenishmentPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('purchasing:read', '/purchasing/replenishment');
  const canWrite = roleHas(user.role, 'purchasing:write');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
  const parsed = ZReplenishmentQuery.safeParse({
    location: one('location'),
    supplier_id: one('supplier_id'),
  });
  const query = parsed.success ? parsed.data : {};
  const [runs, all, locations, suppliers] = await Promise.all([
    latestRuns(),
    replenishmentRows(query),
    locationList(),
    supplierOptions(),
  ]);
  const { sort } = readSort(raw, REPLENISHMENT_SORT);
  const sorted = sortReplenishmentRows(all, sort);
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(one('page')) || 1));
  const rows = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const href = (r: ReplenishmentRowDto) => {
    const p = new URLSearchParams(
      Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    p.set('sku', r.sku);
    p.set('chart_location', r.location);
    return `/purchasing/replenishment?${p}#chart`;
  };
  const chartHref = Object.fromEntries(rows.map((r) => [`${r.sku}@${r.location}`, href(r)]));

  // Grouped by supplier: what one click would draft, per supplier, at the chosen location.
  const location = query.location ?? (locations.length === 1 ? locations[0].code : null);
  const due = all.filter(
    (r) => r.suggested_quantity > 0 && r.supplier_id && (!location || r.location === location),
  );
  const bySupplier = new Map<string, { lines: number; units: number }>();
  for (const r of due) {
    const g = bySupplier.get(r.supplier!) ?? { lines: 0, units: 0 };
    g.lines++;
    g.units += r.suggested_quantity;
    bySupplier.set(r.supplier!, g);
  }

  const chosen = one('sku')
    ? all.find((r) => r.sku === one('sku') && r.location === one('chart_location'))
    : (due[0] ?? all[0]);
  const chart = chosen ? await demandChart(chosen.sku, chosen.location) : null;
  const points: DemandChartPoint[] = chart
    ? [
        ...chart.history.map((h) => ({ date: h.date, units: h.units, censored: h.censored ? 0 : null })),
        ...chart.forecast.map((f) => ({
          date: f.date,
          forecast: f.forecast,
          interval: [f.low, f.high] as [number, number],
        })),
      ]
    : [];
  const completed = runs.completed;
  const newest = runs.newest;

  return (
    <>
      <PageHeader
        title="Replenishment"
        description={
          'What to buy, when and how much: a forecast per SKU and location chosen by ' +
          'backtest, safety stock for its service level, and a suggestion when ' +
          'stock on hand plus on order falls to the reorder point.'
        }
      />
      <PurchasingTabs current="/purchasing/replenishment" canRead />
      <section
        aria-label="Latest run"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      >
        {completed ? (
          <p>
            Forecasts from the run of {completed.completed_at?.slice(0, 16).replace('T', ' ')} UTC (history to{' '}
            {completed.as_of}, {completed.sku_count} SKU × location). Backtest accuracy of the chosen methods:
            MASE <strong>{fmt(completed.accuracy?.mase)}</strong> (seasonal naive{' '}
            {fmt(completed.seasonal_naive?.mase)}), WAPE <strong>{pct(completed.accuracy?.wape)}</strong> (
            {pct(completed.seasonal_naive?.wape)}), bias <strong>{pct(completed.accuracy?.bias)}</strong> (
            {pct(completed.seasonal_naive?.bias)}).
          </p>
        ) : (
          <p>
            No run has completed yet. Runs start every night at 02:30 UTC; choose “Run forecasts now” to start
            one.
          </p>
        )}
        {newest && newest.id !== completed?.id && (
          <p className="mt-1 text-slate-700">
            A newer run is {newest.status}
            {newest.status === 'failed' && newest.error ? `: ${newest.error}` : ''}.
          </p>
        )}
      </section>
      <form method="get" aria-label="Filter suggestions" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterSelect
          id="location"
          label="Location"
          value={query.location}
          options={locations.map((l) => ({ value: l.code, label: `${l.code} — ${l.name}` }))}
        />
        <FilterSelect
          id="supplier_id"
          label="Supplier"
          value={query.supplier_id}
          options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
        />
        <button
          type="submit"
          className={
            'min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
            'font-medium hover:bg-slate-50'
          }
        >
          Apply
        </button>
        {(query.location || query.supplier_id) && (
          <Link
            href="/purchasing/replenishment"
            className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
          >
            Clear filters
          </Link>
        )}
      </form>
      <section
        aria-label="Suggestions by supplier"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      >
        <h2 className="text-base font-semibold">
          Suggestions by supplier{location ? ` at ${location}` : ''}
        </h2>
        {due.length ? (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {[...bySupplier].map(([name, g]) => (
              <li key={name}>
                {name}: {g.lines} SKU{g.lines === 1 ? '' : 's'}, {g.units} units
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-700">
            {location
              ? 'Nothing to order: every SKU is above its reorder point or covered by open POs and drafts.'
              : 'Choose a location to see what one click would draft.'}
          </p>
        )}
        <div className="mt-3">
          <ReplenishmentActions location={location} suggestions={due.length} canDraft={canWrite} />
        </div>
      </section>
      {all.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          {completed
            ? 'No SKUs match these filters. Clear them to see every SKU.'
            : 'No forecasts yet. Add suppliers with their products under “Suppliers”, then run the forecasts.'}
        </p>
      ) : (
        <ReplenishmentTable
          rows={rows}
          total={sorted.length}
          sort={sort}
          page={page}
          pageSize={PAGE_SIZE}
          chartHref={chartHref}
        />
      )}
      {chart && chosen && (
        <section
          id="chart"
          aria-labelledby="chart-title"
          className="mt-4 rounded-xl border border-slate-200 bg-white p-4"
        >
          <h2 id="chart-title" className="text-base font-semibold">
            {chosen.sku} at {chosen.location}: demand and forecast
          </h2>
          <p className="mb-2 text-sm text-slate-700">
            Last {chart.history.length} days of units ordered (
            {chart.history.filter((h) => h.censored).length} out of stock, marked and left out of the fit),
            then the {chart.method.replace('_', ' ')} forecast of {fmt(chosen.forecast_daily, 2)} a day with a
            90 % interval (± 1.645 × σ {fmt(chosen.demand_stddev, 2)}).
          </p>
          <DemandChart
            points={points}
            label={`Daily demand and forecast of ${chosen.sku} at ${chosen.location}`}
          />
        </section>
      )}
    </>
  );
}

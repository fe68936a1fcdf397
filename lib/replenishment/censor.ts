import { addDays, daysInRange } from '@/lib/dates';
import type { Observation } from './forecast';

/**
 * The pure half of the loader: a day's observation is its units ordered, or null when the available
 * units at its start (the previous day's end) or at its end were ≤ 0. `stock` holds the end-of-day
 * available of days with movements, in day order, possibly from before `from`.
 */
export function censoredSeries(o: {
  from: string;
  asOf: string;
  demand: ReadonlyMap<string, number>;
  stock: readonly { day: string; available: number }[];
}): { start: string; series: Observation[] } {
  const firstDemand = [...o.demand.keys()].sort()[0];
  const firstStock = o.stock[0]?.day;
  let start = [firstDemand, firstStock].filter((d): d is string => !!d).sort()[0] ?? o.asOf;
  if (start < o.from) start = o.from;
  const n = daysInRange(start, o.asOf);
  const series: Observation[] = new Array<Observation>(n);
  let s = 0;
  let known: number | null = null;
  // Fast-forward the stock replay to the day before the series starts.
  while (s < o.stock.length && o.stock[s].day < start) known = o.stock[s++].available;
  for (let i = 0, day = start; i < n; i++, day = addDays(day, 1)) {
    const atStart = known;
    if (s < o.stock.length && o.stock[s].day === day) known = o.stock[s++].available;
    const out = (atStart !== null && atStart <= 0) || (known !== null && known <= 0);
    series[i] = out ? null : (o.demand.get(day) ?? 0);
  }
  return { start, series };
}

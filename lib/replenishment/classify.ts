import type { Observation } from './forecast';

/**
 * Demand classes of Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns":
 * ADI = observed days ÷ days with demand (average inter-demand interval), CV² = squared coefficient of
 * variation of the non-zero daily quantities (population variance ÷ mean²). Cut-offs ADI 1.32 and
 * CV² 0.49. Censored days count in neither. A SKU with no demand in its history is `none`.
 */
export const DEMAND_CLASSES = ['smooth', 'erratic', 'intermittent', 'lumpy', 'none'] as const;
export type DemandClass = (typeof DEMAND_CLASSES)[number];

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export type DemandShape = { adi: number | null; cv2: number | null; demand_class: DemandClass };

export function demandShape(series: readonly Observation[]): DemandShape {
  let observed = 0;
  const sizes: number[] = [];
  for (const y of series) {
    if (y === null) continue;
    observed++;
    if (y > 0) sizes.push(y);
  }
  if (!sizes.length) return { adi: null, cv2: null, demand_class: 'none' };
  const adi = observed / sizes.length;
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / sizes.length;
  const cv2 = variance / mean ** 2;
  return { adi, cv2, demand_class: demandClass(adi, cv2) };
}

export function demandClass(adi: number, cv2: number): DemandClass {
  if (adi < ADI_CUTOFF) return cv2 < CV2_CUTOFF ? 'smooth' : 'erratic';
  return cv2 < CV2_CUTOFF ? 'intermittent' : 'lumpy';
}

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

/** Cumulative shares of value that close classes A and B (Pareto: 80 / 15 / 5). */
export const ABC_CUTOFFS = { A: 0.8, B: 0.95 } as const;

/** Cycle service level (probability of no stockout in a replenishment cycle) per ABC class. */
export const SERVICE_LEVEL: Record<AbcClass, number> = { A: 0.98, B: 0.95, C: 0.9 };

/**
 * ABC by value (units sold × price over the history): sorted by value, highest first, a SKU is A
 * while the cumulative share *before* it is below 80 %, B below 95 %, else C (so the SKU that
 * crosses 80 % is still A). Ties in value keep key order; a SKU with no value is C.
 */
export function abcClasses(values: ReadonlyMap<string, number>): Map<string, AbcClass> {
  const total = [...values.values()].reduce((a, b) => a + Math.max(0, b), 0);
  const sorted = [...values.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const out = new Map<string, AbcClass>();
  let before = 0;
  for (const [key, value] of sorted) {
    const share = total > 0 ? before / total : 1;
    out.set(key, value <= 0 ? 'C' : share < ABC_CUTOFFS.A ? 'A' : share < ABC_CUTOFFS.B ? 'B' : 'C');
    before += Math.max(0, value);
  }
  return out;
}

import { AppError } from '@/lib/errors';

/**
 * Shipping rules: pure functions, no I/O. The rate-card adapter (carriers.ts) loads the rows and
 * calls these; the pack station and the label screen can call them too.
 *
 * Units. Backroom stores weights in grams and dimensions in millimetres (integers). Carriers price in
 * pounds and inches or in kilograms and centimetres, so each carrier's dimensional-weight rule
 * converts, exactly: 1 in = 25.4 mm and 1 lb = 453.59237 g (both exact by definition since 1959).
 * The arithmetic runs on integers (BigInt fractions), so "exactly 27 lb" never becomes 26.999999.
 *
 * BILLABLE WEIGHT = max(actual, dimensional), each rounded UP by the carrier's weight rule:
 *   dimensional = L × W × H ÷ divisor, the sides first rounded by the carrier's dimension rule.
 *
 * Dimension rules (per side, before multiplying):
 *   'ceil_inch'  up to the next whole inch     518 mm = 20.39 in → 21 in
 *   'round_inch' to the nearest inch (½ up)    518 mm = 20.39 in → 20 in   (USPS-style)
 *   'ceil_cm'    up to the next whole cm       518 mm = 51.8 cm → 52 cm
 *   'none'       the exact measurement         518 mm = 20.3937… in or 51.8 cm
 * Weight rules (applied to the actual and to the dimensional weight alike):
 *   'ceil_lb'      up to the next whole pound       14.2 lb → 15 lb;  26.59 lb → 27 lb
 *   'ceil_half_lb' up to the next half pound        14.2 lb → 14.5 lb; 19.28 lb → 19.5 lb
 *   'ceil_kg'      up to the next whole kilogram    6.441 kg → 7 kg
 *   'ceil_half_kg' up to the next half kilogram     6.441 kg → 6.5 kg; 10.63 kg → 11 kg
 * 'imperial' rules use inches, pounds and a divisor in in³/lb (139 for UPS/FedEx-style daily rates,
 * 166 for USPS-style retail); 'metric' rules use centimetres, kilograms and cm³/kg (5000 is common).
 *
 * WORKED EXAMPLE — a 20.4 × 15.6 × 10.2 in box weighing 14.2 lb, stored as 518 × 396 × 259 mm, 6,441 g:
 *   imperial, 139, ceil_inch, ceil_lb: 21 × 16 × 11 = 3,696 in³ ÷ 139 = 26.59 → 27 lb;
 *     actual 6,441 g = 14.20 lb → 15 lb; billable 27 lb (dimensional) = 12,246.99 g → 12,247 g.
 *   metric, 5000, none, ceil_half_kg: 51.8 × 39.6 × 25.9 = 53,128.152 cm³ ÷ 5,000 = 10.63 kg → 11 kg;
 *     actual 6.441 kg → 6.5 kg; billable 11 kg (dimensional) = 11,000 g.
 *
 * Rate brackets are stored in grams. A weight in pounds becomes grams rounded up (weightToGrams), and
 * seeds and card editors must use the same function for bracket bounds, so "27 lb" is the same 12,247 g
 * on both sides of the comparison.
 */

export const UNIT_SYSTEMS = ['imperial', 'metric'] as const;
export const WEIGHT_ROUNDINGS = ['ceil_lb', 'ceil_half_lb', 'ceil_kg', 'ceil_half_kg'] as const;
export const DIMENSION_ROUNDINGS = ['ceil_inch', 'round_inch', 'ceil_cm', 'none'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];
export type WeightRounding = (typeof WEIGHT_ROUNDINGS)[number];
export type DimensionRounding = (typeof DIMENSION_ROUNDINGS)[number];

/** A carrier's dimensional-weight rule (the row of carrier_dim_rules in force). */
export type DimRule = {
  divisor: number;
  unit_system: UnitSystem;
  weight_rounding: WeightRounding;
  dimension_rounding: DimensionRounding;
};

/** One parcel as measured at the pack station: millimetres and grams, positive integers. */
export type Parcel = { length_mm: number; width_mm: number; height_mm: number; weight_grams: number };

export type WeightUnit = 'lb' | 'kg';

export type BillableWeight = {
  unit: WeightUnit;
  /** the sides after the dimension rule, in inches or centimetres (display) */
  sides: [number, number, number];
  /** actual weight rounded up by the weight rule, in `unit` */
  actual: number;
  /** dimensional weight before rounding, in `unit` (display only, 2 decimals) */
  dimensional_exact: number;
  /** dimensional weight rounded up by the weight rule, in `unit` */
  dimensional: number;
  /** max(actual, dimensional), in `unit` */
  billable: number;
  /** the billable weight in grams (rounded up): what rate-card brackets are compared with */
  billable_grams: number;
  basis: 'actual' | 'dimensional';
};

// 1 lb = 45,359,237 / 100,000 g; 1 in = 254 / 10 mm.
const G_PER_LB_NUM = 45_359_237n;
const G_PER_LB_DEN = 100_000n;

/** A positive fraction n/d. */
type Frac = { n: bigint; d: bigint };

const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;
const roundHalfUpDiv = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

const UNITS: Record<WeightRounding, { unit: WeightUnit; stepsPerUnit: bigint; system: UnitSystem }> = {
  ceil_lb: { unit: 'lb', stepsPerUnit: 1n, system: 'imperial' },
  ceil_half_lb: { unit: 'lb', stepsPerUnit: 2n, system: 'imperial' },
  ceil_kg: { unit: 'kg', stepsPerUnit: 1n, system: 'metric' },
  ceil_half_kg: { unit: 'kg', stepsPerUnit: 2n, system: 'metric' },
};
const DIMENSION_SYSTEM: Record<DimensionRounding, UnitSystem | 'any'> = {
  ceil_inch: 'imperial',
  round_inch: 'imperial',
  ceil_cm: 'metric',
  none: 'any',
};

/** Throws unless the rule's units go together (pounds with inches, kilograms with centimetres). */
export function assertDimRule(rule: DimRule): void {
  if (!Number.isSafeInteger(rule.divisor) || rule.divisor <= 0)
    throw new RangeError(`divisor must be a positive integer, got ${rule.divisor}`);
  const w = UNITS[rule.weight_rounding];
  const d = DIMENSION_SYSTEM[rule.dimension_rounding];
  if (!w || !d) throw new RangeError(`unknown rounding ${rule.weight_rounding} / ${rule.dimension_rounding}`);
  if (w.system !== rule.unit_system || (d !== 'any' && d !== rule.unit_system)) {
    throw new RangeError(
      `${rule.unit_system} rule cannot use ${rule.weight_rounding} with ${rule.dimension_rounding}`,
    );
  }
}

function assertPositiveInt(value: number, name: string) {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new RangeError(`${name} must be a positive whole number, got ${value}`);
}

/** One side in the rule's length unit (inches or centimetres), after its dimension rounding. */
function side(mm: number, rule: DimRule): Frac {
  const m = BigInt(mm);
  switch (rule.dimension_rounding) {
    case 'ceil_inch':
      return { n: ceilDiv(m * 10n, 254n), d: 1n };
    case 'round_inch':
      return { n: roundHalfUpDiv(m * 10n, 254n), d: 1n };
    case 'ceil_cm':
      return { n: ceilDiv(m, 10n), d: 1n };
    case 'none':
      return rule.unit_system === 'imperial' ? { n: m * 10n, d: 254n } : { n: m, d: 10n };
  }
}

/** Grams as a fraction of the rule's weight unit. */
function gramsIn(grams: number, unit: WeightUnit): Frac {
  const g = BigInt(grams);
  return unit === 'lb' ? { n: g * G_PER_LB_DEN, d: G_PER_LB_NUM } : { n: g, d: 1000n };
}

/** A weight in pounds or kilograms as grams, rounded up: 27 lb → 12,247 g; 0.5 kg → 500 g. */
export function weightToGrams(value: number, unit: WeightUnit): number {
  // Accepts values to 1/1000 of a unit (halves, quarter pounds, 0.125 kg …) exactly.
  const milli = Math.round(value * 1000);
  if (milli <= 0 || Math.abs(milli - value * 1000) > 1e-6)
    throw new RangeError(`weight must be positive with at most 3 decimals, got ${value}`);
  const m = BigInt(milli);
  return Number(unit === 'lb' ? ceilDiv(m * G_PER_LB_NUM, G_PER_LB_DEN * 1000n) : m);
}

/** Dimensional and billable weight of one parcel under one carrier rule (see the rules above). */
export function billableWeight(parcel: Parcel, rule: DimRule): BillableWeight {
  assertDimRule(rule);
  assertPositiveInt(parcel.length_mm, 'length_mm');
  assertPositiveInt(parcel.width_mm, 'width_mm');
  assertPositiveInt(parcel.height_mm, 'height_mm');
  assertPositiveInt(parcel.weight_grams, 'weight_grams');
  const { unit, stepsPerUnit } = UNITS[rule.weight_rounding];
  const sides = [parcel.length_mm, parcel.width_mm, parcel.height_mm].map((mm) => side(mm, rule));
  // dimensional = (s1·s2·s3) / divisor, as one fraction
  const dim: Frac = {
    n: sides[0].n * sides[1].n * sides[2].n,
    d: sides[0].d * sides[1].d * sides[2].d * BigInt(rule.divisor),
  };
  const actual = gramsIn(parcel.weight_grams, unit);
  const dimSteps = ceilDiv(dim.n * stepsPerUnit, dim.d);
  const actualSteps = ceilDiv(actual.n * stepsPerUnit, actual.d);
  const steps = dimSteps > actualSteps ? dimSteps : actualSteps;
  const perUnit = Number(stepsPerUnit);
  return {
    unit,
    sides: sides.map((s) => Number((s.n * 100n) / s.d) / 100) as [number, number, number],
    actual: Number(actualSteps) / perUnit,
    dimensional_exact: Number(roundHalfUpDiv(dim.n * 100n, dim.d)) / 100,
    dimensional: Number(dimSteps) / perUnit,
    billable: Number(steps) / perUnit,
    billable_grams: weightToGrams(Number(steps) / perUnit, unit),
    basis: dimSteps > actualSteps ? 'dimensional' : 'actual',
  };
}

// ---------------------------------------------------------------------------------------------
// Zones

/** A row of the zone chart: postal codes starting with a prefix in [postal_from, postal_to]. */
export type ZoneRow = { country: string; postal_from: string; postal_to: string; zone: number };

/** 'sw1a 1aa' → 'SW1A1AA'; '10001-1234' → '100011234': what zone prefixes compare against. */
export function normalizePostalCode(postalCode: string): string {
  return postalCode.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * The zone of a destination: among the rows of its country whose prefix range holds the start of its
 * postal code, the one with the longest prefix (then the lowest zone). null = not routable.
 * Example (warehouse at ZIP prefix 100): '94107' → prefix '941' ∈ ['850', '999'] → zone 8.
 */
export function lookupZone(rows: readonly ZoneRow[], country: string, postalCode: string): number | null {
  const code = normalizePostalCode(postalCode);
  const cc = country.trim().toUpperCase();
  let best: ZoneRow | null = null;
  for (const row of rows) {
    if (row.country !== cc) continue;
    const len = row.postal_from.length;
    if (code.length < len) continue;
    const prefix = code.slice(0, len);
    if (prefix < row.postal_from || prefix > row.postal_to) continue;
    if (!best || len > best.postal_from.length || (len === best.postal_from.length && row.zone < best.zone))
      best = row;
  }
  return best?.zone ?? null;
}

// ---------------------------------------------------------------------------------------------
// Rate cards

/** A rate-card row: the price (minor units) of a parcel up to max_weight_grams (inclusive) in a zone. */
export type RateRow = { zone: number; max_weight_grams: number; price: number };

export type PriceResult =
  | { ok: true; price: number; bracket_max_grams: number }
  | { ok: false; reason: 'zone_not_served' | 'over_max_weight'; message: string };

/**
 * The price of a billable weight in a zone: the row with the smallest max_weight_grams ≥ the weight
 * (a weight exactly on a bound belongs to that bracket). Heavier than the last bracket, or a zone the
 * card has no rows for → not available, with the reason.
 */
export function priceFromCard(rows: readonly RateRow[], zone: number, billableGrams: number): PriceResult {
  const inZone = rows.filter((r) => r.zone === zone);
  if (!inZone.length)
    return { ok: false, reason: 'zone_not_served', message: `The rate card has no prices for zone ${zone}.` };
  let bracket: RateRow | null = null;
  let heaviest = inZone[0];
  for (const r of inZone) {
    if (r.max_weight_grams > heaviest.max_weight_grams) heaviest = r;
    if (r.max_weight_grams >= billableGrams && (!bracket || r.max_weight_grams < bracket.max_weight_grams))
      bracket = r;
  }
  if (!bracket) {
    return {
      ok: false,
      reason: 'over_max_weight',
      message:
        `A billable weight of ${billableGrams} g is over this service's heaviest bracket ` +
        `(${heaviest.max_weight_grams} g).`,
    };
  }
  return { ok: true, price: bracket.price, bracket_max_grams: bracket.max_weight_grams };
}

/** A dated record: 'YYYY-MM-DD' dates, effective_to inclusive (null = open-ended). */
export type Dated = { effective_from: string; effective_to?: string | null };

/**
 * The record in force on `date`: effective_from ≤ date ≤ effective_to (when set); of several, the
 * latest effective_from. So a card starting next month is not used today, and a temporary card
 * (effective_to set) hands back to the open-ended one before it when it ends.
 */
export function inForce<T extends Dated>(records: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const r of records) {
    if (r.effective_from > date) continue;
    if (r.effective_to && r.effective_to < date) continue;
    if (!best || r.effective_from > best.effective_from) best = r;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Business days

const DAY_MS = 86_400_000;
const parseDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime()))
    throw new RangeError(`not a date: ${iso}`);
  return d;
};
const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * Delivery date of a parcel handed over on `shipDate` with `transitDays` business days in transit.
 * Carriers neither pick up nor deliver on weekends: a parcel ready on a Saturday or Sunday leaves on
 * Monday, and each transit day skips Saturdays and Sundays. Public holidays are not modelled.
 * Friday 2026-11-20 + 2 → Mon 23 (1), Tue 24 (2) = 2026-11-24. Saturday 2026-11-21 + 1 → leaves Mon 23 → Tue 24.
 */
export function addBusinessDays(shipDate: string, transitDays: number): string {
  if (!Number.isInteger(transitDays) || transitDays < 0)
    throw new RangeError(`transit days must be a whole number ≥ 0, got ${transitDays}`);
  let d = parseDate(shipDate);
  while (isWeekend(d)) d = new Date(d.getTime() + DAY_MS);
  for (let left = transitDays; left > 0;) {
    d = new Date(d.getTime() + DAY_MS);
    if (!isWeekend(d)) left--;
  }
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Rate shopping

/** What rate shopping needs of a quote; carriers.ts's Quote has these and more. */
export type ShoppableQuote = {
  key: string;
  available: boolean;
  price: number | null;
  currency: string | null;
  delivery_date: string | null;
};

export type PreselectReason =
  'cheapest_meeting_promise' | 'fastest_none_meet_promise' | 'cheapest_no_promise';

export type RateShopResult<Q> = {
  /** available quotes by price (then delivery date, then key), unavailable ones last */
  quotes: (Q & { meets_promise: boolean | null })[];
  /** key of the preselected quote; null when nothing is available */
  preselected: string | null;
  preselect_reason: PreselectReason | null;
};

/**
 * Sorts the quotes and preselects one:
 * - with a promised delivery date: the cheapest quote delivering on or before it; if none does, the
 *   fastest (earliest delivery, then cheapest) — the order will be late, but as little as possible;
 * - without a promise: the cheapest.
 * Only `eligible` quotes are preselected while one qualifies (the order flow passes "not a downgrade
 * from the service paid for", decision 031); the fastest fallback considers every quote.
 * meets_promise is true/false per available quote when there is a promise, else null.
 * The person at the pack station may override the preselection with any available quote (chooseQuote).
 */
export function rateShop<Q extends ShoppableQuote>(
  quotes: readonly Q[],
  promisedBy: string | null,
  /** which quotes may be preselected (e.g. not slower than the service paid for); default all */
  eligible: (q: Q) => boolean = () => true,
): RateShopResult<Q> {
  const available = quotes.filter((q) => q.available && q.price !== null && q.delivery_date !== null);
  const currencies = new Set(available.map((q) => q.currency));
  if (currencies.size > 1)
    throw new Error(`cannot compare quotes in different currencies: ${[...currencies].join(', ')}`);
  const byPrice = (a: Q, b: Q) =>
    a.price! - b.price! || a.delivery_date!.localeCompare(b.delivery_date!) || a.key.localeCompare(b.key);
  const byDelivery = (a: Q, b: Q) =>
    a.delivery_date!.localeCompare(b.delivery_date!) || a.price! - b.price! || a.key.localeCompare(b.key);
  const sorted = [...available].sort(byPrice);
  const rest = quotes.filter((q) => !available.includes(q)).sort((a, b) => a.key.localeCompare(b.key));
  const meets = (q: Q) => (promisedBy === null ? null : q.delivery_date! <= promisedBy);

  let preselected: Q | null = null;
  let reason: PreselectReason | null = null;
  if (sorted.length) {
    if (promisedBy === null) {
      preselected = sorted.find(eligible) ?? sorted[0];
      reason = 'cheapest_no_promise';
    } else {
      preselected = sorted.find((q) => eligible(q) && meets(q)) ?? null;
      reason = 'cheapest_meeting_promise';
      if (!preselected) {
        preselected = [...sorted].sort(byDelivery)[0];
        reason = 'fastest_none_meet_promise';
      }
    }
  }
  return {
    quotes: [
      ...sorted.map((q) => ({ ...q, meets_promise: meets(q) })),
      ...rest.map((q) => ({ ...q, meets_promise: null })),
    ],
    preselected: preselected?.key ?? null,
    preselect_reason: reason,
  };
}

/**
 * The quote to buy: the preselected one, or the override the person chose (any available quote).
 * An unknown or unavailable override is a 422 on `service`.
 */
export function chooseQuote<Q extends ShoppableQuote>(
  result: RateShopResult<Q>,
  override?: string | null,
): Q & { meets_promise: boolean | null } {
  const key = override ?? result.preselected;
  const quote = key ? result.quotes.find((q) => q.key === key) : undefined;
  if (!quote || !quote.available) {
    const message = !key
      ? 'No service can take this shipment.'
      : !quote
        ? `${key} is not one of the quoted services.`
        : `${key} cannot take this shipment.`;
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'service', message }]);
  }
  return quote;
}

// ---------------------------------------------------------------------------------------------
// Package types

export type PackageTypeDims = {
  length_mm: number;
  width_mm: number;
  height_mm: number;
  tare_grams: number;
  max_weight_grams: number;
};

/**
 * A parcel packed in a package type, before it is weighed: the type's outside dimensions and the
 * contents' weight plus the empty package (tare). over_max_weight when it is heavier than the type allows.
 */
export function parcelFromPackageType(
  type: PackageTypeDims,
  contentsGrams: number,
): { parcel: Parcel; over_max_weight: boolean } {
  const weight = contentsGrams + type.tare_grams;
  return {
    parcel: {
      length_mm: type.length_mm,
      width_mm: type.width_mm,
      height_mm: type.height_mm,
      weight_grams: weight,
    },
    over_max_weight: weight > type.max_weight_grams,
  };
}

// ---------------------------------------------------------------------------------------------
// Wording for people

const DIMENSION_WORDS: Record<DimensionRounding, string> = {
  ceil_inch: 'each side rounded up to the whole inch',
  round_inch: 'each side rounded to the nearest inch',
  ceil_cm: 'each side rounded up to the whole centimetre',
  none: 'sides as measured',
};
const WEIGHT_WORDS: Record<WeightRounding, string> = {
  ceil_lb: 'the next whole pound',
  ceil_half_lb: 'the next half pound',
  ceil_kg: 'the next whole kilogram',
  ceil_half_kg: 'the next half kilogram',
};

/** 'L × W × H in inches (each side rounded up to the whole inch) ÷ 139 = lb; actual and dimensional weight
 * rounded up to the next whole pound' */
export function describeDimRule(rule: DimRule): string {
  const [len, wt] = rule.unit_system === 'imperial' ? ['inches', 'lb'] : ['cm', 'kg'];
  return (
    `L × W × H in ${len} (${DIMENSION_WORDS[rule.dimension_rounding]}) ÷ ${rule.divisor} ` +
    `= ${wt}; actual and dimensional weight rounded up ` +
    `to ${WEIGHT_WORDS[rule.weight_rounding]}; billable = the larger`
  );
}

/** 12,247 g → '12.25 kg (27.00 lb)': for lists and labels, never for arithmetic. */
export function formatWeight(grams: number): string {
  return `${(grams / 1000).toFixed(2)} kg (${(grams / 453.59237).toFixed(2)} lb)`;
}

/** Where a customer tracks a parcel: the carrier's page for carriers we know, else a universal tracker. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  if (!trackingNumber) return null;
  const n = encodeURIComponent(trackingNumber);
  switch ((carrier ?? '').toLowerCase()) {
    case 'ups':
      return `https://www.ups.com/track?tracknum=${n}`;
    case 'usps':
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`;
    case 'fedex':
      return `https://www.fedex.com/fedextrack/?trknbr=${n}`;
    case 'dhl':
      return `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`;
    default:
      return `https://parcelsapp.com/en/tracking/${n}`;
  }
}

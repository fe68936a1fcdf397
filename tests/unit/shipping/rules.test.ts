import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  addBusinessDays,
  assertDimRule,
  billableWeight,
  chooseQuote,
  inForce,
  lookupZone,
  normalizePostalCode,
  parcelFromPackageType,
  priceFromCard,
  rateShop,
  weightToGrams,
  type DimRule,
  type ShoppableQuote,
} from '@/lib/shipping/rules';
import { SEED_CARRIERS, SEED_ZONES, seedPrice } from '@/prisma/seed-shipping';

/**
 * The issue's box: 20.4 × 15.6 × 10.2 in, 14.2 lb. Backroom stores millimetres and grams:
 * 20.4 × 25.4 = 518.16 → 518 mm; 15.6 × 25.4 = 396.24 → 396 mm; 10.2 × 25.4 = 259.08 → 259 mm;
 * 14.2 × 453.59237 = 6,441.01 → 6,441 g. Back in the carriers' units: 518 mm = 20.39 in = 51.8 cm,
 * 396 mm = 15.59 in = 39.6 cm, 259 mm = 10.20 in = 25.9 cm; 6,441 g = 14.19997 lb = 6.441 kg.
 */
const BOX = { length_mm: 518, width_mm: 396, height_mm: 259, weight_grams: 6_441 };

const PARCELWAY: DimRule = {
  divisor: 139,
  unit_system: 'imperial',
  weight_rounding: 'ceil_lb',
  dimension_rounding: 'ceil_inch',
};
const SWIFTPOST: DimRule = {
  divisor: 5000,
  unit_system: 'metric',
  weight_rounding: 'ceil_half_kg',
  dimension_rounding: 'none',
};

describe('billable weight, by carrier rule', () => {
  it('imperial, divisor 139, sides up to the inch, weight up to the pound (Parcelway)', () => {
    // 21 × 16 × 11 = 3,696 in³; 3,696 / 139 = 26.59 → 27 lb. Actual 14.19997 lb → 15 lb.
    // Billable max(27, 15) = 27 lb = 27 × 453.59237 = 12,246.99 → 12,247 g.
    expect(billableWeight(BOX, PARCELWAY)).toEqual({
      unit: 'lb',
      sides: [21, 16, 11],
      actual: 15,
      dimensional_exact: 26.59,
      dimensional: 27,
      billable: 27,
      billable_grams: 12_247,
      basis: 'dimensional',
    });
  });

  it('metric, divisor 5000, exact sides, weight up to the half kilogram (SwiftPost)', () => {
    // 51.8 × 39.6 × 25.9 = 53,128.152 cm³; / 5,000 = 10.6256 kg → 11.0 kg. Actual 6.441 kg → 6.5 kg.
    // Billable max(11, 6.5) = 11 kg = 11,000 g.
    expect(billableWeight(BOX, SWIFTPOST)).toEqual({
      unit: 'kg',
      sides: [51.8, 39.6, 25.9],
      actual: 6.5,
      dimensional_exact: 10.63,
      dimensional: 11,
      billable: 11,
      billable_grams: 11_000,
      basis: 'dimensional',
    });
  });

  it('imperial, divisor 166, sides to the nearest inch, weight up to the half pound (USPS-style)', () => {
    // 20.39 → 20, 15.59 → 16, 10.20 → 10: 20 × 16 × 10 = 3,200 in³; / 166 = 19.28 lb → 19.5 lb.
    // Actual 14.19997 lb → 14.5 lb. Billable 19.5 lb = 19.5 × 453.59237 = 8,845.05 → 8,846 g.
    const rule: DimRule = {
      divisor: 166,
      unit_system: 'imperial',
      weight_rounding: 'ceil_half_lb',
      dimension_rounding: 'round_inch',
    };
    expect(billableWeight(BOX, rule)).toEqual({
      unit: 'lb',
      sides: [20, 16, 10],
      actual: 14.5,
      dimensional_exact: 19.28,
      dimensional: 19.5,
      billable: 19.5,
      billable_grams: 8_846,
      basis: 'dimensional',
    });
  });

  it('imperial, divisor 139, exact sides, weight up to the pound', () => {
    // 20.3937 × 15.5906 × 10.1969 = 3,242.08 in³ (53,128,152 mm³ / 16,387.064); / 139 = 23.32 → 24 lb.
    const rule: DimRule = { ...PARCELWAY, dimension_rounding: 'none' };
    const b = billableWeight(BOX, rule);
    expect([b.dimensional_exact, b.dimensional, b.actual, b.billable]).toEqual([23.32, 24, 15, 24]);
    expect(b.billable_grams).toBe(10_887); // 24 × 453.59237 = 10,886.22 → 10,887
  });

  it('metric, divisor 6000, sides up to the cm, weight up to the kilogram', () => {
    // 52 × 40 × 26 = 54,080 cm³; / 6,000 = 9.01 kg → 10 kg. Actual 6.441 kg → 7 kg. Billable 10 kg.
    const rule: DimRule = {
      divisor: 6000,
      unit_system: 'metric',
      weight_rounding: 'ceil_kg',
      dimension_rounding: 'ceil_cm',
    };
    expect(billableWeight(BOX, rule)).toEqual({
      unit: 'kg',
      sides: [52, 40, 26],
      actual: 7,
      dimensional_exact: 9.01,
      dimensional: 10,
      billable: 10,
      billable_grams: 10_000,
      basis: 'dimensional',
    });
  });

  it('bills the actual weight when it is the larger (small, heavy box)', () => {
    // 203 × 152 × 102 mm = 7.99 × 5.98 × 4.02 in → 8 × 6 × 5 = 240 in³; / 139 = 1.73 → 2 lb.
    // 4,000 g = 8.82 lb → 9 lb. Billable 9 lb (actual) = 4,082.33 → 4,083 g.
    const b = billableWeight(
      { length_mm: 203, width_mm: 152, height_mm: 102, weight_grams: 4_000 },
      PARCELWAY,
    );
    expect([b.sides, b.dimensional, b.actual, b.billable, b.billable_grams, b.basis]).toEqual([
      [8, 6, 5],
      2,
      9,
      9,
      4_083,
      'actual',
    ]);
  });

  it('a side exactly on a whole inch is not rounded up; half an inch rounds up to the nearest', () => {
    // 254 mm = 10.000 in exactly → 10 (not 11); 12.7 mm = 0.5 in → nearest inch = 1 (halves up).
    expect(
      billableWeight({ length_mm: 254, width_mm: 254, height_mm: 254, weight_grams: 1 }, PARCELWAY).sides,
    ).toEqual([10, 10, 10]);
    const round: DimRule = {
      divisor: 166,
      unit_system: 'imperial',
      weight_rounding: 'ceil_lb',
      dimension_rounding: 'round_inch',
    };
    expect(
      billableWeight({ length_mm: 12, width_mm: 13, height_mm: 25, weight_grams: 1 }, round).sides,
    ).toEqual([0, 1, 1]); // 0.47 → 0, 0.51 → 1, 0.98 → 1
  });

  it('a weight exactly on a pound stays there; a gram more is the next pound', () => {
    // 1 lb = 453.59237 g: 453 g < 1 lb → 1 lb; 454 g > 1 lb → 2 lb. 907 g = 1.9996 lb → 2 lb.
    const tiny = { length_mm: 10, width_mm: 10, height_mm: 10 };
    expect(billableWeight({ ...tiny, weight_grams: 453 }, PARCELWAY).billable).toBe(1);
    expect(billableWeight({ ...tiny, weight_grams: 454 }, PARCELWAY).billable).toBe(2);
    expect(billableWeight({ ...tiny, weight_grams: 500 }, SWIFTPOST).billable).toBe(0.5); // exactly ½ kg
    expect(billableWeight({ ...tiny, weight_grams: 501 }, SWIFTPOST).billable).toBe(1);
  });

  it('refuses rules whose units do not go together, and non-positive measurements', () => {
    expect(() =>
      assertDimRule({
        divisor: 139,
        unit_system: 'imperial',
        weight_rounding: 'ceil_half_kg',
        dimension_rounding: 'ceil_inch',
      }),
    ).toThrow(RangeError);
    expect(() =>
      assertDimRule({
        divisor: 5000,
        unit_system: 'metric',
        weight_rounding: 'ceil_kg',
        dimension_rounding: 'ceil_inch',
      }),
    ).toThrow(RangeError);
    expect(() => assertDimRule({ ...PARCELWAY, divisor: 0 })).toThrow(RangeError);
    expect(() => billableWeight({ ...BOX, weight_grams: 0 }, PARCELWAY)).toThrow(RangeError);
    expect(() => billableWeight({ ...BOX, height_mm: 10.5 }, PARCELWAY)).toThrow(RangeError);
  });

  it('converts bracket bounds to grams rounding up, so a bound in pounds matches the billable grams', () => {
    expect(weightToGrams(1, 'lb')).toBe(454); // 453.59237 → 454
    expect(weightToGrams(2, 'lb')).toBe(908); // 907.18474 → 908
    expect(weightToGrams(70, 'lb')).toBe(31_752); // 31,751.4659 → 31,752
    expect(weightToGrams(0.5, 'kg')).toBe(500);
    expect(weightToGrams(27, 'lb')).toBe(billableWeight(BOX, PARCELWAY).billable_grams);
  });
});

describe('rate card lookup', () => {
  // A card with three pound brackets in zone 2: ≤ 1 lb (454 g) 10.00, ≤ 2 lb (908 g) 11.00, ≤ 3 lb (1,361 g) 12.00.
  const rows = [
    { zone: 2, max_weight_grams: 908, price: 1100 },
    { zone: 2, max_weight_grams: 454, price: 1000 },
    { zone: 2, max_weight_grams: 1361, price: 1200 },
    { zone: 4, max_weight_grams: 454, price: 1500 },
  ];

  it('takes the smallest bracket at or above the weight: on a bound is that bracket, a gram over is the next', () => {
    expect(priceFromCard(rows, 2, 1)).toEqual({ ok: true, price: 1000, bracket_max_grams: 454 });
    expect(priceFromCard(rows, 2, 908)).toEqual({ ok: true, price: 1100, bracket_max_grams: 908 }); // exactly 2 lb
    expect(priceFromCard(rows, 2, 909)).toEqual({ ok: true, price: 1200, bracket_max_grams: 1361 }); // just over
    expect(priceFromCard(rows, 2, 1361)).toEqual({ ok: true, price: 1200, bracket_max_grams: 1361 }); // the last bound
  });

  it('beyond the last bracket or in a zone without rows is not available, with the reason', () => {
    expect(priceFromCard(rows, 2, 1362)).toEqual({
      ok: false,
      reason: 'over_max_weight',
      message: "A billable weight of 1362 g is over this service's heaviest bracket (1361 g).",
    });
    expect(priceFromCard(rows, 4, 455)).toMatchObject({ ok: false, reason: 'over_max_weight' });
    expect(priceFromCard(rows, 3, 100)).toEqual({
      ok: false,
      reason: 'zone_not_served',
      message: 'The rate card has no prices for zone 3.',
    });
  });

  it('prices the issue box from the seeded cards', () => {
    const [parcelway, swiftpost] = SEED_CARRIERS;
    // Parcelway Ground, zone 8, 27 lb: base 900 + 80·7 = 1,460; per lb 40 + 12·7 = 124; 1,460 + 124 × 26 = 4,684.
    expect(seedPrice(parcelway.services[0], 8, 27)).toBe(4_684);
    // SwiftPost Economy, zone 8, 11 kg = 22 half-kg steps: base 700 + 60·7 = 1,120; per step 35 + 8·7 = 91;
    // 1,120 + 91 × 21 = 3,031.
    expect(seedPrice(swiftpost.services[0], 8, 22)).toBe(3_031);
    // Parcelway Ground, zone 1, 1 lb: the base price 900.
    expect(seedPrice(parcelway.services[0], 1, 1)).toBe(900);
  });
});

describe('dated cards and rules', () => {
  const cards = [
    { id: 'list-2026', effective_from: '2026-01-01', effective_to: null },
    { id: 'list-dec', effective_from: '2026-12-01', effective_to: null },
    { id: 'peak', effective_from: '2026-12-15', effective_to: '2026-12-31' },
  ];

  it('uses the latest card that has started and not ended; the end date is inclusive', () => {
    expect(inForce(cards, '2025-12-31')).toBeNull();
    expect(inForce(cards, '2026-11-30')?.id).toBe('list-2026'); // the December card has not started
    expect(inForce(cards, '2026-12-01')?.id).toBe('list-dec');
    expect(inForce(cards, '2026-12-15')?.id).toBe('peak');
    expect(inForce(cards, '2026-12-31')?.id).toBe('peak');
    expect(inForce(cards, '2027-01-01')?.id).toBe('list-dec'); // the peak card ended: back to the one before
  });
});

describe('zones', () => {
  const US = SEED_ZONES.map(([postal_from, postal_to, zone]) => ({
    country: 'US',
    postal_from,
    postal_to,
    zone,
  }));

  it('finds the zone by the 3-digit ZIP prefix from the warehouse at 100', () => {
    expect(lookupZone(US, 'US', '10001')).toBe(1); // Manhattan
    expect(lookupZone(US, 'us', '10001-1234')).toBe(1);
    expect(lookupZone(US, 'US', '02139')).toBe(2); // Cambridge MA
    expect(lookupZone(US, 'US', '00501')).toBe(2); // Holtsville NY, the lowest ZIP in use
    expect(lookupZone(US, 'US', '19103')).toBe(3); // Philadelphia
    expect(lookupZone(US, 'US', '60601')).toBe(6); // Chicago
    expect(lookupZone(US, 'US', '73301')).toBe(7); // Austin
    expect(lookupZone(US, 'US', '94107')).toBe(8); // San Francisco
  });

  it('is null for a prefix no row covers, a short code or another country', () => {
    expect(lookupZone(US, 'US', '00123')).toBeNull();
    expect(lookupZone(US, 'US', '9')).toBeNull();
    expect(lookupZone(US, 'CA', 'M5V 2T6')).toBeNull();
  });

  it('prefers the longest matching prefix over a whole-country row', () => {
    const rows = [
      { country: 'GB', postal_from: '', postal_to: '', zone: 9 },
      { country: 'GB', postal_from: 'SW', postal_to: 'SW', zone: 7 },
    ];
    expect(normalizePostalCode('sw1a 1aa')).toBe('SW1A1AA');
    expect(lookupZone(rows, 'GB', 'sw1a 1aa')).toBe(7);
    expect(lookupZone(rows, 'GB', 'EH1 1YZ')).toBe(9);
  });
});

describe('business days', () => {
  it('skips the weekend in transit', () => {
    expect(addBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Fri + 1 → Mon
    expect(addBusinessDays('2026-11-20', 2)).toBe('2026-11-24'); // Fri → Mon (1), Tue (2)
    expect(addBusinessDays('2026-11-19', 2)).toBe('2026-11-23'); // Thu → Fri (1), Mon (2)
    expect(addBusinessDays('2026-11-20', 6)).toBe('2026-11-30'); // Fri → Mon 23 … Fri 27 (5), Mon 30 (6)
    expect(addBusinessDays('2026-11-16', 3)).toBe('2026-11-19'); // Mon → Thu, no weekend
    expect(addBusinessDays('2026-12-31', 2)).toBe('2027-01-04'); // Thu → Fri 1 Jan (1), Mon 4 Jan (2)
  });

  it('a parcel ready on a weekend leaves on Monday', () => {
    expect(addBusinessDays('2026-11-21', 1)).toBe('2026-11-24'); // Sat → leaves Mon 23 → Tue 24
    expect(addBusinessDays('2026-11-22', 0)).toBe('2026-11-23'); // Sun, same-day → Mon
  });
});

describe('rate shopping', () => {
  // The issue box from the warehouse to San Francisco (zone 8), shipped Friday 2026-11-20, priced
  // from the seeded cards (see the integration test for the same numbers from the database).
  const q = (key: string, price: number | null, delivery_date: string | null): ShoppableQuote => ({
    key,
    available: price !== null,
    price,
    currency: price === null ? null : 'USD',
    delivery_date,
  });
  const quotes = [
    q('parcelway:overnight', 17_690, '2026-11-23'),
    q('parcelway:ground', 4_684, '2026-11-27'),
    q('swiftpost:priority', 5_745, '2026-11-25'),
    q('parcelway:two_day', 10_360, '2026-11-24'),
    q('swiftpost:economy', 3_031, '2026-11-30'),
  ];

  it('sorts by price and preselects the cheapest that meets the promised date', () => {
    const r = rateShop(quotes, '2026-11-27');
    expect(r.quotes.map((x) => [x.key, x.meets_promise])).toEqual([
      ['swiftpost:economy', false], // 3,031, Mon 30: late
      ['parcelway:ground', true], // 4,684, Fri 27: on the promised day counts
      ['swiftpost:priority', true],
      ['parcelway:two_day', true],
      ['parcelway:overnight', true],
    ]);
    expect([r.preselected, r.preselect_reason]).toEqual(['parcelway:ground', 'cheapest_meeting_promise']);
    expect(rateShop(quotes, '2026-11-25').preselected).toBe('swiftpost:priority');
  });

  it('when nothing meets the promise, preselects the fastest', () => {
    const r = rateShop(quotes, '2026-11-22');
    expect([r.preselected, r.preselect_reason]).toEqual(['parcelway:overnight', 'fastest_none_meet_promise']);
    expect(r.quotes.every((x) => x.meets_promise === false)).toBe(true);
  });

  it('without a promise, preselects the cheapest and marks nothing', () => {
    const r = rateShop(quotes, null);
    expect([r.preselected, r.preselect_reason]).toEqual(['swiftpost:economy', 'cheapest_no_promise']);
    expect(r.quotes.map((x) => x.meets_promise)).toEqual([null, null, null, null, null]);
  });

  it('breaks a price tie by the earlier delivery, and keeps unavailable services last and unchosen', () => {
    const r = rateShop(
      [q('b:slow', 1000, '2026-11-27'), q('z:none', null, null), q('a:fast', 1000, '2026-11-24')],
      '2026-11-30',
    );
    expect(r.quotes.map((x) => x.key)).toEqual(['a:fast', 'b:slow', 'z:none']);
    expect(r.preselected).toBe('a:fast');
    expect(rateShop([q('z:none', null, null)], null)).toMatchObject({
      preselected: null,
      preselect_reason: null,
    });
  });

  it('lets the person override the preselection with any available service', () => {
    const r = rateShop([...quotes, q('swiftpost:freight', null, null)], '2026-11-27');
    expect(chooseQuote(r).key).toBe('parcelway:ground');
    expect(chooseQuote(r, 'parcelway:two_day').price).toBe(10_360);
    for (const bad of ['swiftpost:freight', 'nope:nope']) {
      try {
        chooseQuote(r, bad);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(422);
        expect((e as AppError).details).toEqual([expect.objectContaining({ field: 'service' })]);
      }
    }
  });

  it('refuses to compare prices in different currencies', () => {
    expect(() =>
      rateShop([q('a:x', 100, '2026-11-24'), { ...q('b:y', 100, '2026-11-24'), currency: 'EUR' }], null),
    ).toThrow(/currencies/);
  });
});

describe('package types', () => {
  it('adds the tare to the contents and flags an overweight package', () => {
    const boxM = { length_mm: 305, width_mm: 254, height_mm: 152, tare_grams: 310, max_weight_grams: 18_000 };
    expect(parcelFromPackageType(boxM, 2_500)).toEqual({
      parcel: { length_mm: 305, width_mm: 254, height_mm: 152, weight_grams: 2_810 },
      over_max_weight: false,
    });
    expect(parcelFromPackageType(boxM, 17_690).over_max_weight).toBe(false); // 17,690 + 310 = 18,000: at the limit
    expect(parcelFromPackageType(boxM, 17_691).over_max_weight).toBe(true);
  });
});

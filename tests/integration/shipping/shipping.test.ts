import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { RateCardAdapter, type CarrierAdapter, type Quote } from '@/lib/shipping/carriers';
import { chooseQuote } from '@/lib/shipping/rules';
import { quoteShipment } from '@/lib/shipping/quote-shipment';
import { carrierList, packageTypeList } from '@/lib/shipping/queries';
import { seedShipping } from '@/prisma/seed-shipping';

/**
 * Rate shopping against the seeded cards (prisma/seed-shipping.ts). Prices for zone z:
 *   Parcelway Ground   900 + 80(z−1)  + (40 + 12(z−1))  × (lb − 1)       5 business days
 *   Parcelway 2Day     1900 + 150(z−1) + (110 + 25(z−1)) × (lb − 1)      2
 *   Parcelway Overnight 3200 + 250(z−1) + (210 + 40(z−1)) × (lb − 1)     1
 *   SwiftPost Economy  700 + 60(z−1)  + (35 + 8(z−1))   × (half_kg − 1)  6
 *   SwiftPost Priority 1300 + 110(z−1) + (70 + 15(z−1))  × (half_kg − 1) 3
 * The 20.4 × 15.6 × 10.2 in, 14.2 lb box is 518 × 396 × 259 mm, 6,441 g: Parcelway bills
 * 27 lb (21 × 16 × 11 = 3,696 in³ / 139 = 26.59 → 27), SwiftPost 11 kg (53,128 cm³ / 5,000 = 10.63 → 11).
 */
const BOX = { length_mm: 518, width_mm: 396, height_mm: 259, weight_grams: 6_441 };
const MAILER = { length_mm: 330, width_mm: 254, height_mm: 25, weight_grams: 800 };
const SAN_FRANCISCO = {
  name: 'Rita Ochoa',
  line1: '500 Brannan St',
  city: 'San Francisco',
  region: 'CA',
  postal_code: '94107',
  country: 'US',
};
const MANHATTAN = {
  name: 'Ben Ito',
  line1: '350 5th Ave',
  city: 'New York',
  region: 'NY',
  postal_code: '10001',
  country: 'US',
};
const FRIDAY = '2026-11-20';

const summary = (quotes: (Quote & { meets_promise: boolean | null })[]) =>
  quotes.map((q) => [q.key, q.available ? q.price : q.unavailable?.code, q.delivery_date, q.meets_promise]);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  expect(await seedShipping(db)).toEqual({
    carriers: 2,
    services: 5,
    rateRows: 3 * 8 * 70 + 2 * 8 * 60,
    packageTypes: 5,
  });
});

describe('seedShipping', () => {
  it('runs once: a second call seeds nothing', async () => {
    expect(await seedShipping(db)).toEqual({ carriers: 0, services: 0, rateRows: 0, packageTypes: 0 });
    expect(await db.carrier.count()).toBe(2);
  });

  it('lists carriers with the rule and card in force, and package types smallest first', async () => {
    const carriers = await carrierList({ date: FRIDAY });
    expect(
      carriers.map((c) => [
        c.code,
        c.current_dim_rule?.divisor,
        c.current_dim_rule?.weight_rounding,
        c.services.map((s) => [s.code, s.transit_days, s.current_card?.effective_from]),
      ]),
    ).toEqual([
      [
        'parcelway',
        139,
        'ceil_lb',
        [
          ['ground', 5, '2026-01-01'],
          ['two_day', 2, '2026-01-01'],
          ['overnight', 1, '2026-01-01'],
        ],
      ],
      [
        'swiftpost',
        5000,
        'ceil_half_kg',
        [
          ['economy', 6, '2026-01-01'],
          ['priority', 3, '2026-01-01'],
        ],
      ],
    ]);
    // 70 one-pound brackets × 8 zones; the heaviest 70 lb = 31,751.47 → 31,752 g
    expect(carriers[0].services[0].current_card).toMatchObject({
      rows: 560,
      zones: [1, 2, 3, 4, 5, 6, 7, 8],
      max_weight_grams: 31_752,
      currency: 'USD',
    });
    expect((await packageTypeList()).map((p) => p.code)).toEqual([
      'MAILER',
      'BOX-S',
      'BOX-M',
      'BOX-L',
      'BOX-XL',
    ]);
  });
});

describe('quoteShipment', () => {
  it(
    'prices the issue box to San Francisco (zone 8) on every ' +
      'service and preselects the cheapest on time',
    async () => {
      const r = await quoteShipment({
        toAddress: SAN_FRANCISCO,
        packages: [BOX],
        shipDate: FRIDAY,
        promisedBy: '2026-11-27',
      });
      expect(summary(r.quotes)).toEqual([
        // 11 kg = 22 steps: 700 + 420 + (35 + 56) × 21 = 1,120 + 1,911 = 3,031; Fri + 6 business days = Mon 30
        ['swiftpost:economy', 3_031, '2026-11-30', false],
        // 27 lb: 900 + 560 + (40 + 84) × 26 = 1,460 + 3,224 = 4,684; Fri + 5 = Fri 27
        ['parcelway:ground', 4_684, '2026-11-27', true],
        // 1,300 + 770 + (70 + 105) × 21 = 2,070 + 3,675 = 5,745; Fri + 3 = Wed 25
        ['swiftpost:priority', 5_745, '2026-11-25', true],
        // 1,900 + 1,050 + (110 + 175) × 26 = 2,950 + 7,410 = 10,360; Fri + 2 = Tue 24
        ['parcelway:two_day', 10_360, '2026-11-24', true],
        // 3,200 + 1,750 + (210 + 280) × 26 = 4,950 + 12,740 = 17,690; Fri + 1 = Mon 23
        ['parcelway:overnight', 17_690, '2026-11-23', true],
      ]);
      expect([r.preselected, r.preselect_reason, r.ship_date, r.promised_by]).toEqual([
        'parcelway:ground',
        'cheapest_meeting_promise',
        FRIDAY,
        '2026-11-27',
      ]);
      const ground = r.quotes.find((q) => q.key === 'parcelway:ground')!;
      expect(ground).toMatchObject({
        zone: 8,
        currency: 'USD',
        transit_days: 5,
        billable_weight_grams: 12_247,
      });
      expect(ground.packages[0].billable).toMatchObject({
        unit: 'lb',
        sides: [21, 16, 11],
        actual: 15,
        dimensional: 27,
        billable: 27,
        basis: 'dimensional',
      });
      expect(r.quotes.find((q) => q.key === 'swiftpost:economy')!.billable_weight_grams).toBe(11_000);
      // What the label screen buys: the preselection, or the person's override.
      expect(chooseQuote(r).price).toBe(4_684);
      expect(chooseQuote(r, 'swiftpost:economy').price).toBe(3_031);
    },
  );

  it(
    'a promise only the fast services keep preselects the ' +
      'cheapest of them; a missed promise the fastest',
    async () => {
      // A timestamp is read as its day in the shop's time zone (UTC here).
      expect(
        (
          await quoteShipment({
            toAddress: SAN_FRANCISCO,
            packages: [BOX],
            shipDate: FRIDAY,
            promisedBy: '2026-11-25T20:00:00Z',
          })
        ).preselected,
      ).toBe('swiftpost:priority');
      const late = await quoteShipment({
        toAddress: SAN_FRANCISCO,
        packages: [BOX],
        shipDate: FRIDAY,
        promisedBy: '2026-11-22',
      });
      expect([late.preselected, late.preselect_reason]).toEqual([
        'parcelway:overnight',
        'fastest_none_meet_promise',
      ]);
    },
  );

  it('prices a light mailer to Manhattan (zone 1): without a promise the cheapest wins', async () => {
    // Parcelway: 13 × 10 × 1 = 130 in³ / 139 = 0.94 → 1 lb; 800 g = 1.76 lb → 2 lb; billable 2 lb = 908 g.
    // SwiftPost: 33 × 25.4 × 2.5 = 2,095.5 cm³ / 5,000 = 0.42 → 0.5 kg; 0.8 kg → 1 kg = 2 half-kg steps.
    const r = await quoteShipment({ toAddress: MANHATTAN, packages: [MAILER], shipDate: FRIDAY });
    expect(summary(r.quotes)).toEqual([
      ['swiftpost:economy', 735, '2026-11-30', null], // 700 + 35 × 1
      ['parcelway:ground', 940, '2026-11-27', null], // 900 + 40 × 1
      ['swiftpost:priority', 1_370, '2026-11-25', null], // 1,300 + 70 × 1
      ['parcelway:two_day', 2_010, '2026-11-24', null], // 1,900 + 110 × 1
      ['parcelway:overnight', 3_410, '2026-11-23', null], // 3,200 + 210 × 1
    ]);
    expect([r.preselected, r.preselect_reason]).toEqual(['swiftpost:economy', 'cheapest_no_promise']);
    expect(r.quotes.map((q) => [q.key, q.zone, q.billable_weight_grams])).toContainEqual([
      'parcelway:ground',
      1,
      908,
    ]);
    // The same inside a caller's transaction.
    const inTx = await db.$transaction((tx) =>
      quoteShipment({ toAddress: MANHATTAN, packages: [MAILER], shipDate: FRIDAY }, tx),
    );
    expect(inTx.quotes.map((q) => q.price)).toEqual([735, 940, 1_370, 2_010, 3_410]);
  });

  it('prices each package of a shipment and adds them up', async () => {
    const r = await quoteShipment({ toAddress: SAN_FRANCISCO, packages: [BOX, MAILER], shipDate: FRIDAY });
    const byKey = new Map(r.quotes.map((q) => [q.key, q]));
    // Ground: box 4,684 + mailer 2 lb in zone 8: 1,460 + 124 × 1 = 1,584 → 6,268; billable 12,247 + 908 g
    expect(byKey.get('parcelway:ground')).toMatchObject({ price: 6_268, billable_weight_grams: 13_155 });
    expect(byKey.get('parcelway:ground')!.packages.map((p) => p.price)).toEqual([4_684, 1_584]);
    // Economy: box 3,031 + mailer 2 steps in zone 8: 1,120 + 91 × 1 = 1,211 → 4,242; billable 11,000 + 1,000 g
    expect(byKey.get('swiftpost:economy')).toMatchObject({ price: 4_242, billable_weight_grams: 12_000 });
  });

  it('a parcel on the last bracket is priced; a gram more is not available on that card, with the reason', async () => {
    const small = { length_mm: 203, width_mm: 152, height_mm: 102 };
    // 30,000 g = 30 kg = 60 half-kg steps, SwiftPost's last bracket: 700 + 35 × 59 = 2,765.
    // Parcelway: 30,000 g = 66.14 lb → 67 lb (dimensional only 2 lb): 900 + 40 × 66 = 3,540.
    const atLimit = await quoteShipment({
      toAddress: MANHATTAN,
      packages: [{ ...small, weight_grams: 30_000 }],
      shipDate: FRIDAY,
    });
    expect(atLimit.quotes.map((q) => [q.key, q.price])).toContainEqual(['swiftpost:economy', 2_765]);
    expect(atLimit.quotes.map((q) => [q.key, q.price])).toContainEqual(['parcelway:ground', 3_540]);
    expect(atLimit.preselected).toBe('swiftpost:economy');

    // 30,001 g → 60.002 steps → 61 > 60: SwiftPost cannot take it; Parcelway still 67 lb.
    const over = await quoteShipment({
      toAddress: MANHATTAN,
      packages: [{ ...small, weight_grams: 30_001 }],
      shipDate: FRIDAY,
    });
    expect(summary(over.quotes)).toEqual([
      ['parcelway:ground', 3_540, '2026-11-27', null],
      ['parcelway:two_day', 1_900 + 110 * 66, '2026-11-24', null], // 9,160
      ['parcelway:overnight', 3_200 + 210 * 66, '2026-11-23', null], // 17,060
      ['swiftpost:economy', 'over_max_weight', null, null],
      ['swiftpost:priority', 'over_max_weight', null, null],
    ]);
    expect(over.quotes.find((q) => q.key === 'swiftpost:economy')!.unavailable!.message).toBe(
      "A billable weight of 30500 g is over this service's heaviest bracket (30000 g).",
    );
    expect(over.preselected).toBe('parcelway:ground');
  });

  it('rejects bad input and unroutable destinations with the field to fix', async () => {
    const zero = await rejection(
      quoteShipment({
        toAddress: MANHATTAN,
        packages: [MAILER, { ...BOX, weight_grams: 0 }],
        shipDate: FRIDAY,
      }),
    );
    expect([zero.code, zero.status]).toEqual(['VALIDATION_FAILED', 422]);
    expect(zero.details).toEqual([
      { field: 'packages.1.weight_grams', message: 'The weight (grams) must be more than 0' },
    ]);

    const noPackages = await rejection(
      quoteShipment({ toAddress: MANHATTAN, packages: [], shipDate: FRIDAY }),
    );
    expect(noPackages.details).toEqual([expect.objectContaining({ field: 'packages' })]);

    const badDate = await rejection(
      quoteShipment({ toAddress: MANHATTAN, packages: [MAILER], shipDate: '2026-02-30' }),
    );
    expect(badDate.details).toEqual([expect.objectContaining({ field: 'ship_date' })]);

    // ZIP prefix 001 is not in use: no zone.
    const unroutable = await rejection(
      quoteShipment({
        toAddress: { ...MANHATTAN, postal_code: '00123' },
        packages: [MAILER],
        shipDate: FRIDAY,
      }),
    );
    expect([unroutable.status, unroutable.details]).toEqual([
      422,
      [{ field: 'to_address.postal_code', message: 'No carrier delivers to postal code 00123 in US.' }],
    ]);

    const abroad = await rejection(
      quoteShipment({
        toAddress: { postal_code: '100-0001', country: 'jp' },
        packages: [MAILER],
        shipDate: FRIDAY,
      }),
    );
    expect(abroad.details).toEqual([{ field: 'to_address.country', message: 'No carrier delivers to JP.' }]);
  });

  it('leaves out inactive services and carriers', async () => {
    await db.carrierService.updateMany({ where: { code: 'priority' }, data: { active: false } });
    await db.carrier.update({ where: { code: 'parcelway' }, data: { active: false } });
    try {
      const r = await quoteShipment({ toAddress: MANHATTAN, packages: [MAILER], shipDate: FRIDAY });
      expect(r.quotes.map((q) => q.key)).toEqual(['swiftpost:economy']);
    } finally {
      await db.carrierService.updateMany({ where: { code: 'priority' }, data: { active: true } });
      await db.carrier.update({ where: { code: 'parcelway' }, data: { active: true } });
    }
  });

  it('takes quotes from any CarrierAdapter, e.g. a carrier API beside the rate cards', async () => {
    const parcelway = await db.carrier.findUniqueOrThrow({
      where: { code: 'parcelway' },
      select: { id: true, code: true, name: true },
    });
    const api: CarrierAdapter = {
      code: 'acme',
      quote(shipment) {
        return Promise.resolve([
          {
            key: 'acme:saver',
            carrier: 'acme',
            carrier_name: 'Acme Freight',
            service: 'saver',
            service_name: 'Saver',
            service_level: 'standard',
            available: true,
            price: 2_500,
            currency: 'USD',
            transit_days: 4,
            delivery_date: '2026-11-26',
            zone: null,
            billable_weight_grams: shipment.parcels[0].weight_grams,
            packages: [],
            rate_card_id: null,
            unavailable: null,
          },
        ]);
      },
    };
    const r = await quoteShipment({
      toAddress: SAN_FRANCISCO,
      packages: [BOX],
      shipDate: FRIDAY,
      promisedBy: '2026-11-27',
      adapters: [new RateCardAdapter(parcelway), api],
    });
    expect(summary(r.quotes).map((q) => q.slice(0, 2))).toEqual([
      ['acme:saver', 2_500],
      ['parcelway:ground', 4_684],
      ['parcelway:two_day', 10_360],
      ['parcelway:overnight', 17_690],
    ]);
    expect(r.preselected).toBe('acme:saver');
  });
});

describe('dated cards and rules', () => {
  it(
    'a card effective from tomorrow is not used today; a card ending today hands back tomorrow; so does the ' +
      'divisor',
    async () => {
      const today = todayIn('UTC'); // the test shop has no settings: UTC
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const quote = (shipDate?: string) =>
        quoteShipment({ toAddress: SAN_FRANCISCO, packages: [BOX], shipDate });
      const price = (r: Awaited<ReturnType<typeof quote>>, key: string) =>
        r.quotes.find((q) => q.key === key)!.price;

      // Next card for Parcelway Ground: every price + 500, from tomorrow.
      const ground = await db.carrierService.findFirstOrThrow({
        where: { code: 'ground', carrier: { code: 'parcelway' } },
        select: { id: true, rateCards: { select: { id: true } } },
      });
      const current = await db.rateCardRow.findMany({
        where: { rateCardId: ground.rateCards[0].id },
        select: { zone: true, maxWeightGrams: true, price: true },
      });
      await db.rateCard.create({
        data: {
          serviceId: ground.id,
          effectiveFrom: new Date(`${tomorrow}T00:00:00Z`),
          currency: 'USD',
          rows: { createMany: { data: current.map((r) => ({ ...r, price: r.price + 500 })) } },
        },
      });

      const now = await quote(); // ship date defaults to today
      expect(now.ship_date).toBe(today);
      expect(price(now, 'parcelway:ground')).toBe(4_684);
      expect(price(await quote(tomorrow), 'parcelway:ground')).toBe(5_184); // 4,684 + 500

      // A one-day peak card for 2Day (today to today, + 1,000): used today, gone tomorrow.
      const twoDay = await db.carrierService.findFirstOrThrow({
        where: { code: 'two_day', carrier: { code: 'parcelway' } },
        select: { id: true, rateCards: { select: { id: true } } },
      });
      const listRows = await db.rateCardRow.findMany({
        where: { rateCardId: twoDay.rateCards[0].id },
        select: { zone: true, maxWeightGrams: true, price: true },
      });
      await db.rateCard.create({
        data: {
          serviceId: twoDay.id,
          effectiveFrom: new Date(`${today}T00:00:00Z`),
          effectiveTo: new Date(`${today}T00:00:00Z`),
          currency: 'USD',
          note: 'peak',
          rows: { createMany: { data: listRows.map((r) => ({ ...r, price: r.price + 1_000 })) } },
        },
      });
      expect(price(await quote(today), 'parcelway:two_day')).toBe(11_360); // 10,360 + 1,000
      expect(price(await quote(tomorrow), 'parcelway:two_day')).toBe(10_360); // back to the list card

      // Parcelway's divisor becomes 166 tomorrow: 3,696 in³ / 166 = 22.27 → 23 lb (23 × 453.59237 = 10,432.6
      // → 10,433 g).
      const parcelway = await db.carrier.findUniqueOrThrow({
        where: { code: 'parcelway' },
        select: { id: true },
      });
      await db.carrierDimRule.create({
        data: {
          carrierId: parcelway.id,
          effectiveFrom: new Date(`${tomorrow}T00:00:00Z`),
          divisor: 166,
          unitSystem: 'imperial',
          weightRounding: 'ceil_lb',
          dimensionRounding: 'ceil_inch',
        },
      });
      const later = (await quote(tomorrow)).quotes.find((q) => q.key === 'parcelway:ground')!;
      // tomorrow's card at 23 lb, zone 8: 1,460 + 124 × 22 + 500 = 1,460 + 2,728 + 500 = 4,688
      expect([later.price, later.billable_weight_grams]).toEqual([4_688, 10_433]);
      const stillToday = (await quote(today)).quotes.find((q) => q.key === 'parcelway:ground')!;
      expect([stillToday.price, stillToday.billable_weight_grams]).toEqual([4_684, 12_247]);

      const listed = await carrierList({ date: today });
      expect(listed[0].current_dim_rule?.divisor).toBe(139);
      expect(listed[0].upcoming_dim_rules.map((r) => [r.effective_from, r.divisor])).toEqual([
        [tomorrow, 166],
      ]);
      expect(
        listed[0].services.find((s) => s.code === 'ground')!.upcoming_cards.map((c) => c.effective_from),
      ).toEqual([tomorrow]);
      expect(listed[0].services.find((s) => s.code === 'two_day')!.current_card).toMatchObject({
        effective_from: today,
        effective_to: today,
        note: 'peak',
      });
    },
  );

  it(
    'the database refuses a rule that mixes pounds with ' +
      'centimetres, and a card that ends before it starts',
    async () => {
      const carrier = await db.carrier.findUniqueOrThrow({
        where: { code: 'swiftpost' },
        select: { id: true, services: { select: { id: true }, take: 1 } },
      });
      await expect(
        db.carrierDimRule.create({
          data: {
            carrierId: carrier.id,
            effectiveFrom: new Date('2030-01-01T00:00:00Z'),
            divisor: 139,
            unitSystem: 'imperial',
            weightRounding: 'ceil_lb',
            dimensionRounding: 'ceil_cm',
          },
        }),
      ).rejects.toThrow();
      await expect(
        db.rateCard.create({
          data: {
            serviceId: carrier.services[0].id,
            effectiveFrom: new Date('2030-02-01T00:00:00Z'),
            effectiveTo: new Date('2030-01-31T00:00:00Z'),
            currency: 'USD',
          },
        }),
      ).rejects.toThrow();
    },
  );
});

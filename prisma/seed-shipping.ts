import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { weightToGrams, type DimRule } from '@/lib/shipping/rules';
import { setServiceLevel } from '@/lib/shipping/set-service-level';

/**
 * The web shop's shipping methods and the service each stands for (decision 031). Other channels'
 * methods stay unmapped, so Settings → Shipping lists them for a manager to map.
 */
export const SEED_SERVICE_LEVELS = [
  { channel: 'web', method: 'Standard', level: 'standard' },
  { channel: 'web', method: 'Express', level: 'express' },
  { channel: 'web', method: 'Overnight', level: 'overnight' },
  { channel: 'web', method: 'Economy', level: 'economy' },
] as const;

/**
 * Demo shipping setup: two carriers with dated rate cards and dimensional-weight rules, the zone
 * chart from the warehouse, and five package types. Idempotent: does nothing when carriers exist.
 *
 * THE ZONE CHART (warehouse in New York City, ZIP prefix 100). US ZIP codes are numbered roughly
 * from the north-east (0) to the west coast (9), so the chart groups 3-digit prefixes into eight
 * zones by how far their region lies from New York:
 *   zone 1  100–119  New York City, Westchester, Long Island
 *   zone 2  005–099  New England, New Jersey;  120–149 upstate New York
 *   zone 3  150–219  Pennsylvania, Delaware, Washington DC, Maryland
 *   zone 4  220–299  Virginia, West Virginia, the Carolinas;  400–459 Kentucky, Ohio
 *   zone 5  300–399  Georgia, Florida, Alabama, Tennessee, Mississippi;  460–499 Indiana, Michigan
 *   zone 6  500–699  the upper Midwest and the plains (Iowa … Nebraska, Illinois, Missouri)
 *   zone 7  700–849  Louisiana, Arkansas, Oklahoma, Texas, Colorado, Wyoming, Idaho, Utah
 *   zone 8  850–999  Arizona, New Mexico, Nevada, California, Oregon, Washington, Alaska, Hawaii
 * Prefixes 000–004 are not in use, so they are not routable.
 *
 * THE RATE CARDS (USD, in force from 2026-01-01, open-ended). For zone z:
 *   Parcelway (per whole pound, brackets 1–70 lb):  price = base(z) + per_lb(z) × (lb − 1)
 *     Ground     base 900 + 80·(z−1),   per_lb 40 + 12·(z−1)     5 business days
 *     2Day       base 1900 + 150·(z−1), per_lb 110 + 25·(z−1)    2 business days
 *     Overnight  base 3200 + 250·(z−1), per_lb 210 + 40·(z−1)    1 business day
 *   SwiftPost (per half kilogram, brackets 0.5–30 kg):  price = base(z) + per_step(z) × (half_kg − 1)
 *     Economy    base 700 + 60·(z−1),   per_step 35 + 8·(z−1)    6 business days
 *     Priority   base 1300 + 110·(z−1), per_step 70 + 15·(z−1)   3 business days
 * e.g. Parcelway Ground, zone 8, 27 lb: 900 + 560 + (40 + 84) × 26 = 1,460 + 3,224 = 4,684 ($46.84).
 */
export const SHIPPING_SEED_EFFECTIVE_FROM = '2026-01-01';

export const SEED_ZONES: [from: string, to: string, zone: number][] = [
  ['005', '099', 2],
  ['100', '119', 1],
  ['120', '149', 2],
  ['150', '219', 3],
  ['220', '299', 4],
  ['300', '399', 5],
  ['400', '459', 4],
  ['460', '499', 5],
  ['500', '699', 6],
  ['700', '849', 7],
  ['850', '999', 8],
];

/**
 * Parcels abroad (decision 040): Canada and the United Kingdom, whole country, priced as the farthest
 * US zone, so the demo can ship a parcel that needs a customs declaration.
 */
export const SEED_INTERNATIONAL_ZONES: [country: string, zone: number][] = [
  ['CA', 8],
  ['GB', 8],
];

type SeedService = {
  code: string;
  name: string;
  transitDays: number;
  base: [number, number];
  step: [number, number];
};
type SeedCarrier = {
  code: string;
  name: string;
  rule: DimRule;
  unit: 'lb' | 'kg';
  stepsPerUnit: number;
  maxSteps: number;
  services: SeedService[];
};

export const SEED_CARRIERS: SeedCarrier[] = [
  {
    code: 'parcelway',
    name: 'Parcelway',
    unit: 'lb',
    stepsPerUnit: 1,
    maxSteps: 70,
    rule: {
      divisor: 139,
      unit_system: 'imperial',
      weight_rounding: 'ceil_lb',
      dimension_rounding: 'ceil_inch',
    },
    services: [
      { code: 'ground', name: 'Ground', transitDays: 5, base: [900, 80], step: [40, 12] },
      { code: 'two_day', name: '2Day', transitDays: 2, base: [1900, 150], step: [110, 25] },
      { code: 'overnight', name: 'Overnight', transitDays: 1, base: [3200, 250], step: [210, 40] },
    ],
  },
  {
    code: 'swiftpost',
    name: 'SwiftPost',
    unit: 'kg',
    stepsPerUnit: 2,
    maxSteps: 60,
    rule: {
      divisor: 5000,
      unit_system: 'metric',
      weight_rounding: 'ceil_half_kg',
      dimension_rounding: 'none',
    },
    services: [
      { code: 'economy', name: 'Economy', transitDays: 6, base: [700, 60], step: [35, 8] },
      { code: 'priority', name: 'Priority', transitDays: 3, base: [1300, 110], step: [70, 15] },
    ],
  },
];

/** Outside dimensions and empty weight of common shipping boxes and a poly mailer. */
export const SEED_PACKAGE_TYPES = [
  {
    code: 'MAILER',
    name: 'Poly mailer 10 × 13 in',
    lengthMm: 330,
    widthMm: 254,
    heightMm: 25,
    tareGrams: 20,
    maxWeightGrams: 2_000,
  },
  {
    code: 'BOX-S',
    name: 'Small box 8 × 6 × 4 in',
    lengthMm: 203,
    widthMm: 152,
    heightMm: 102,
    tareGrams: 150,
    maxWeightGrams: 9_000,
  },
  {
    code: 'BOX-M',
    name: 'Medium box 12 × 10 × 6 in',
    lengthMm: 305,
    widthMm: 254,
    heightMm: 152,
    tareGrams: 310,
    maxWeightGrams: 18_000,
  },
  {
    code: 'BOX-L',
    name: 'Large box 18 × 14 × 12 in',
    lengthMm: 457,
    widthMm: 356,
    heightMm: 305,
    tareGrams: 620,
    maxWeightGrams: 27_000,
  },
  {
    code: 'BOX-XL',
    name: 'Extra-large box 20.4 × 15.6 × 10.2 in',
    lengthMm: 518,
    widthMm: 396,
    heightMm: 259,
    tareGrams: 700,
    maxWeightGrams: 30_000,
  },
];

/** The seeded price of a service in a zone for a bracket of `steps` weight steps (1 lb or ½ kg). */
export function seedPrice(service: Pick<SeedService, 'base' | 'step'>, zone: number, steps: number): number {
  return (
    service.base[0] +
    service.base[1] * (zone - 1) +
    (service.step[0] + service.step[1] * (zone - 1)) * (steps - 1)
  );
}

export async function seedShipping(
  db: PrismaClient,
  options: { log?: (line: string) => void } = {},
): Promise<{ carriers: number; services: number; rateRows: number; packageTypes: number }> {
  const log = options.log ?? (() => {});
  if ((await db.carrier.count()) > 0) {
    log('shipping: carriers exist, nothing seeded');
    return { carriers: 0, services: 0, rateRows: 0, packageTypes: 0 };
  }
  const from = new Date(`${SHIPPING_SEED_EFFECTIVE_FROM}T00:00:00Z`);
  return db.$transaction(
    async (tx) => {
      let services = 0;
      let rateRows = 0;
      for (const c of SEED_CARRIERS) {
        const carrier = await tx.carrier.create({
          data: { code: c.code, name: c.name },
          select: { id: true },
        });
        await tx.carrierDimRule.create({
          data: {
            carrierId: carrier.id,
            effectiveFrom: from,
            divisor: c.rule.divisor,
            unitSystem: c.rule.unit_system,
            weightRounding: c.rule.weight_rounding,
            dimensionRounding: c.rule.dimension_rounding,
          },
        });
        for (const s of c.services) {
          const service = await tx.carrierService.create({
            data: { carrierId: carrier.id, code: s.code, name: s.name, transitDays: s.transitDays },
            select: { id: true },
          });
          const card = await tx.rateCard.create({
            data: {
              serviceId: service.id,
              effectiveFrom: from,
              currency: 'USD',
              note: `${SHIPPING_SEED_EFFECTIVE_FROM.slice(0, 4)} list rates`,
            },
            select: { id: true },
          });
          const rows = [];
          for (let zone = 1; zone <= 8; zone++) {
            for (let steps = 1; steps <= c.maxSteps; steps++) {
              rows.push({
                rateCardId: card.id,
                zone,
                maxWeightGrams: weightToGrams(steps / c.stepsPerUnit, c.unit),
                price: seedPrice(s, zone, steps),
              });
            }
          }
          await tx.rateCardRow.createMany({ data: rows });
          services++;
          rateRows += rows.length;
        }
      }
      await tx.shippingZone.createMany({
        data: SEED_ZONES.map(([postalFrom, postalTo, zone]) => ({
          country: 'US',
          postalFrom,
          postalTo,
          zone,
        })),
      });
      await tx.shippingZone.createMany({
        data: SEED_INTERNATIONAL_ZONES.map(([country, zone]) => ({
          country,
          postalFrom: '',
          postalTo: '',
          zone,
        })),
      });
      await tx.packageType.createMany({ data: SEED_PACKAGE_TYPES });
      for (const input of SEED_SERVICE_LEVELS)
        await setServiceLevel({ input, actor: { type: 'system', id: null, label: 'seed' } }, tx);
      await tx.auditLog.create({
        data: {
          actorType: 'system',
          actorLabel: 'seed',
          action: 'shipping.seeded',
          entityType: 'shop',
          entityId: '1',
          after: {
            carriers: SEED_CARRIERS.map((c) => c.code),
            services,
            rate_rows: rateRows,
            package_types: SEED_PACKAGE_TYPES.length,
          },
        },
      });
      log(
        `seeded ${SEED_CARRIERS.length} carriers, ${services} services, ${rateRows} rate rows, ` +
          `${SEED_PACKAGE_TYPES.length} package types`,
      );
      return { carriers: SEED_CARRIERS.length, services, rateRows, packageTypes: SEED_PACKAGE_TYPES.length };
    },
    { timeout: 60_000 },
  );
}

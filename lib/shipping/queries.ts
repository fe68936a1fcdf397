import 'server-only';
import { db, type Tx } from '@/lib/db';
import { todayIn } from '@/lib/dates';
import { prismaOrderBy, sortSpec, type ListSort } from '@/lib/list/sort';
import { shopTimezone } from '@/lib/settings/queries';
import { inForce, type DimensionRounding, type UnitSystem, type WeightRounding } from '@/lib/shipping/rules';

export type RateCardDto = {
  id: string;
  effective_from: string;
  effective_to: string | null;
  currency: string;
  note: string | null;
  rows: number;
  zones: number[];
  max_weight_grams: number | null;
};
export type ServiceDto = {
  id: string;
  code: string;
  name: string;
  transit_days: number;
  active: boolean;
  /** the card in force on the given date, and the cards that start later */
  current_card: RateCardDto | null;
  upcoming_cards: RateCardDto[];
};
export type DimRuleDto = {
  effective_from: string;
  divisor: number;
  unit_system: UnitSystem;
  weight_rounding: WeightRounding;
  dimension_rounding: DimensionRounding;
};
export type CarrierDto = {
  id: string;
  code: string;
  name: string;
  active: boolean;
  current_dim_rule: DimRuleDto | null;
  upcoming_dim_rules: DimRuleDto[];
  services: ServiceDto[];
};
export type PackageTypeDto = {
  id: string;
  code: string;
  name: string;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  tare_grams: number;
  max_weight_grams: number;
  active: boolean;
};
export type ZoneDto = { country: string; postal_from: string; postal_to: string; zone: number };

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Carriers with their services, the dimensional-weight rule and rate card in force on `date`
 * (default today in the shop's time zone), and the ones already set to start later.
 */
export async function carrierList(
  options: { date?: string; includeInactive?: boolean } = {},
  tx: Tx = db,
): Promise<CarrierDto[]> {
  const date = options.date ?? todayIn(await shopTimezone(tx));
  const active = options.includeInactive ? {} : { active: true };
  const carriers = await tx.carrier.findMany({
    where: active,
    orderBy: { name: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      active: true,
      dimRules: {
        select: {
          effectiveFrom: true,
          divisor: true,
          unitSystem: true,
          weightRounding: true,
          dimensionRounding: true,
        },
        orderBy: { effectiveFrom: 'asc' },
      },
      services: {
        where: active,
        orderBy: [{ transitDays: 'desc' }, { code: 'asc' }],
        select: {
          id: true,
          code: true,
          name: true,
          transitDays: true,
          active: true,
          rateCards: {
            orderBy: { effectiveFrom: 'asc' },
            select: { id: true, effectiveFrom: true, effectiveTo: true, currency: true, note: true },
          },
        },
      },
    },
  });
  const cardIds = carriers.flatMap((c) => c.services.flatMap((s) => s.rateCards.map((r) => r.id)));
  const stats = cardIds.length
    ? await tx.rateCardRow.groupBy({
        by: ['rateCardId', 'zone'],
        where: { rateCardId: { in: cardIds } },
        _count: { _all: true },
        _max: { maxWeightGrams: true },
      })
    : [];

  const cardDto = (c: {
    id: string;
    effectiveFrom: Date;
    effectiveTo: Date | null;
    currency: string;
    note: string | null;
  }): RateCardDto => {
    const mine = stats.filter((s) => s.rateCardId === c.id);
    return {
      id: c.id,
      effective_from: iso(c.effectiveFrom),
      effective_to: c.effectiveTo && iso(c.effectiveTo),
      currency: c.currency,
      note: c.note,
      rows: mine.reduce((n, s) => n + s._count._all, 0),
      zones: mine.map((s) => s.zone).sort((a, b) => a - b),
      max_weight_grams: mine.length ? Math.max(...mine.map((s) => s._max.maxWeightGrams ?? 0)) : null,
    };
  };
  return carriers.map((c) => {
    const rules: DimRuleDto[] = c.dimRules.map((r) => ({
      effective_from: iso(r.effectiveFrom),
      divisor: r.divisor,
      unit_system: r.unitSystem as UnitSystem,
      weight_rounding: r.weightRounding as WeightRounding,
      dimension_rounding: r.dimensionRounding as DimensionRounding,
    }));
    return {
      id: c.id,
      code: c.code,
      name: c.name,
      active: c.active,
      current_dim_rule: inForce(rules, date),
      upcoming_dim_rules: rules.filter((r) => r.effective_from > date),
      services: c.services.map((s) => {
        const cards = s.rateCards.map(cardDto);
        return {
          id: s.id,
          code: s.code,
          name: s.name,
          transit_days: s.transitDays,
          active: s.active,
          current_card: inForce(cards, date),
          upcoming_cards: cards.filter((r) => r.effective_from > date),
        };
      }),
    };
  });
}

const PACKAGE_TYPE_SELECT = {
  id: true,
  code: true,
  name: true,
  lengthMm: true,
  widthMm: true,
  heightMm: true,
  tareGrams: true,
  maxWeightGrams: true,
  active: true,
} as const;
type PackageTypeRow = {
  id: string;
  code: string;
  name: string;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  tareGrams: number;
  maxWeightGrams: number;
  active: boolean;
};
const packageTypeDto = (p: PackageTypeRow): PackageTypeDto => ({
  id: p.id,
  code: p.code,
  name: p.name,
  length_mm: p.lengthMm,
  width_mm: p.widthMm,
  height_mm: p.heightMm,
  tare_grams: p.tareGrams,
  max_weight_grams: p.maxWeightGrams,
  active: p.active,
});

/** Package types for the pack station (active only unless asked), smallest first. */
/** Settings → Shipping's package types header sort: lightest limit first, as the pack station lists them. */
export const PACKAGE_TYPE_SORT = sortSpec(['package', 'size', 'tare', 'max_weight'], {
  id: 'max_weight',
  desc: false,
});

export async function packageTypeList(
  options: { includeInactive?: boolean; sort?: ListSort<(typeof PACKAGE_TYPE_SORT.columns)[number]> } = {},
  tx: Tx = db,
): Promise<PackageTypeDto[]> {
  const rows = await tx.packageType.findMany({
    where: options.includeInactive ? {} : { active: true },
    orderBy: prismaOrderBy(
      options.sort ?? PACKAGE_TYPE_SORT.default,
      {
        package: 'name',
        size: ['lengthMm', 'widthMm', 'heightMm'],
        tare: 'tareGrams',
        max_weight: 'maxWeightGrams',
      },
      [{ maxWeightGrams: 'asc' }, { code: 'asc' }],
    ),
    select: PACKAGE_TYPE_SELECT,
  });
  return rows.map(packageTypeDto);
}

/** A package type by code (active or not), or null. */
export async function packageTypeByCode(code: string, tx: Tx = db): Promise<PackageTypeDto | null> {
  const row = await tx.packageType.findUnique({ where: { code }, select: PACKAGE_TYPE_SELECT });
  return row && packageTypeDto(row);
}

/** The zone chart, by country and prefix. */
export async function zoneList(tx: Tx = db): Promise<ZoneDto[]> {
  const rows = await tx.shippingZone.findMany({
    orderBy: [{ country: 'asc' }, { postalFrom: 'asc' }],
    select: { country: true, postalFrom: true, postalTo: true, zone: true },
  });
  return rows.map((z) => ({
    country: z.country,
    postal_from: z.postalFrom,
    postal_to: z.postalTo,
    zone: z.zone,
  }));
}

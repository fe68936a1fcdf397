import { addBusinessDays } from '@/lib/shipping/rules';

/**
 * The service the customer paid for (decision 031), pure. An order's shipping method ("Express",
 * "Standard Shipping", "2-Day") maps to a service level per channel (Settings → Shipping); a method
 * nobody mapped counts as standard and is listed there for a manager to map.
 *
 * The promise: the customer gets the parcel within the level's business days after the ship-by date
 *   promised delivery = addBusinessDays(ship-by day in the shop's time zone, LEVEL_TRANSIT_DAYS[level])
 * e.g. ship by Friday 2026-11-20, express (2) → Mon 23 (1), Tue 24 (2) = 2026-11-24.
 *
 * A carrier service has a level by its transit days (levelForTransitDays), so a label can be compared
 * with what was paid for: a lower rank is a downgrade, which needs a reason and goes on the timeline.
 */
export const SERVICE_LEVELS = ['economy', 'standard', 'express', 'overnight'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const LEVEL_LABEL: Record<ServiceLevel, string> = {
  economy: 'Economy',
  standard: 'Standard',
  express: 'Express',
  overnight: 'Overnight',
};

/** Business days in transit each level promises after the ship-by date. */
export const LEVEL_TRANSIT_DAYS: Record<ServiceLevel, number> = {
  economy: 7,
  standard: 5,
  express: 2,
  overnight: 1,
};

/** What a method nobody has mapped counts as. */
export const DEFAULT_LEVEL: ServiceLevel = 'standard';

export const levelRank = (level: ServiceLevel): number => SERVICE_LEVELS.indexOf(level);

/** 'Express  Shipping ' → 'express shipping': how methods are compared and stored in the mapping. */
export function normalizeMethod(method: string): string {
  return method.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A carrier service's level by its transit business days: 1 → overnight, 2 → express, 3–5 →
 * standard, 6 or more → economy (the same bounds as LEVEL_TRANSIT_DAYS, so a service delivering
 * within a level's days counts as that level).
 */
export function levelForTransitDays(days: number): ServiceLevel {
  if (days <= LEVEL_TRANSIT_DAYS.overnight) return 'overnight';
  if (days <= LEVEL_TRANSIT_DAYS.express) return 'express';
  if (days <= LEVEL_TRANSIT_DAYS.standard) return 'standard';
  return 'economy';
}

/** The level a method maps to on a channel: the shop's mapping, else standard (mapped: false). */
export function serviceLevelOf(
  mappings: ReadonlyMap<string, ServiceLevel>,
  channel: string,
  method: string | null,
): { level: ServiceLevel; mapped: boolean } {
  if (!method) return { level: DEFAULT_LEVEL, mapped: false };
  const level = mappings.get(`${channel}:${normalizeMethod(method)}`);
  return level ? { level, mapped: true } : { level: DEFAULT_LEVEL, mapped: false };
}

/** The latest delivery day promised: the ship-by day plus the level's business days. */
export function promisedDeliveryDate(shipByDay: string, level: ServiceLevel): string {
  return addBusinessDays(shipByDay, LEVEL_TRANSIT_DAYS[level]);
}

/** A label slower than what was paid for. */
export function isDowngrade(paid: ServiceLevel, chosen: ServiceLevel): boolean {
  return levelRank(chosen) < levelRank(paid);
}

import 'server-only';
import { db, type Tx } from '@/lib/db';
import { levelForTransitDays, type ServiceLevel } from '@/lib/shipping/service-levels';
import {
  addBusinessDays,
  billableWeight,
  inForce,
  lookupZone,
  priceFromCard,
  type BillableWeight,
  type DimRule,
  type DimensionRounding,
  type Parcel,
  type UnitSystem,
  type WeightRounding,
} from '@/lib/shipping/rules';

/**
 * Carriers behind one interface. Today every carrier is priced from its rate cards in the database
 * (RateCardAdapter); a real carrier API (rates, labels, tracking) replaces that for one carrier by
 * registering an adapter for its code in API_ADAPTERS. quoteShipment never knows the difference.
 */

/** What a carrier is asked to price: one shipment of one or more parcels from the shop's warehouse. */
export type ShipmentToQuote = {
  to_address: { postal_code: string; country: string; [field: string]: unknown };
  parcels: Parcel[];
  /** 'YYYY-MM-DD': the day the parcels are handed over; the rules and cards in force that day apply */
  ship_date: string;
};

export type UnavailableCode =
  | 'unroutable' // the carrier does not deliver to this postal code
  | 'zone_not_served' // the service's card has no prices for the zone
  | 'over_max_weight' // a parcel is heavier than the card's heaviest bracket
  | 'no_rate_card' // no card in force on the ship date
  | 'no_dim_rule'; // the carrier has no dimensional-weight rule in force on the ship date

export type PackageQuote = {
  /** null for carriers whose API does not say */
  billable: BillableWeight | null;
  billable_weight_grams: number;
  price: number;
};

/** One service's answer. Flat, with nulls where a service cannot take the shipment, so a table can show every row. */
export type Quote = {
  /** 'carrier:service', e.g. 'parcelway:ground': what the UI sends back to choose or override */
  key: string;
  carrier: string;
  carrier_name: string;
  service: string;
  /** the service's name without its carrier's ('Ground', not 'Parcelway Ground'): screens print both */
  service_name: string;
  /** the service level by its transit days (lib/shipping/service-levels.ts), to compare with what was paid for */
  service_level: ServiceLevel | null;
  available: boolean;
  /** total for all parcels, minor units */
  price: number | null;
  currency: string | null;
  transit_days: number | null;
  delivery_date: string | null;
  zone: number | null;
  /** Σ billable weight of the parcels, grams */
  billable_weight_grams: number | null;
  packages: PackageQuote[];
  /** the rate card that priced it (null for API carriers) */
  rate_card_id: string | null;
  unavailable: { code: UnavailableCode; message: string } | null;
};

export type LabelRequest = {
  quote: Quote;
  shipment: ShipmentToQuote;
  from_address: Record<string, unknown>;
  /** the shop's reference printed on the label, e.g. the order number */
  reference: string;
};

export type CarrierLabel = {
  tracking_number: string;
  /** the carrier's label document, when it makes one (a 4×6 PDF) */
  label: { format: 'pdf' | 'zpl'; data: Uint8Array } | null;
  price: number;
  currency: string;
};

export interface CarrierAdapter {
  /** the carrier's code in the carriers table */
  readonly code: string;
  /** a quote for every active service, available or not (with the reason) */
  quote(shipment: ShipmentToQuote): Promise<Quote[]>;
  /**
   * Buys a label from the carrier. Absent for rate-card carriers: the label screen then makes its own
   * 4×6 label and tracking number.
   */
  createLabel?(request: LabelRequest): Promise<CarrierLabel>;
}

type CarrierRow = { id: string; code: string; name: string };

/** Real carrier APIs by carrier code. Empty until one is integrated; other carriers use their rate cards. */
const API_ADAPTERS: Record<string, (carrier: CarrierRow, tx: Tx) => CarrierAdapter> = {};

/**
 * 'SwiftPost Economy' of carrier SwiftPost → 'Economy'. Service names are stored without their carrier
 * (migration 20261203200100); this keeps a name typed with it from printing "SwiftPost SwiftPost Economy".
 */
export function serviceNameWithoutCarrier(carrier: string, service: string): string {
  const prefix = `${carrier.toLowerCase()} `;
  return service.toLowerCase().startsWith(prefix) ? service.slice(prefix.length).trim() : service;
}

/** 'YYYY-MM-DD' of a DATE column (Prisma reads it as midnight UTC). */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const dateOnly = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Prices a carrier's services from its tables: the dimensional-weight rule and the rate card in
 * force on the ship date, the shop's zone chart, and each service's transit days.
 */
export class RateCardAdapter implements CarrierAdapter {
  readonly code: string;
  private readonly carrier: CarrierRow;
  private readonly tx: Tx;

  constructor(carrier: CarrierRow, tx: Tx = db) {
    this.code = carrier.code;
    this.carrier = carrier;
    this.tx = tx;
  }

  async quote(shipment: ShipmentToQuote): Promise<Quote[]> {
    const day = dateOnly(shipment.ship_date);
    const country = shipment.to_address.country.trim().toUpperCase();
    // One after another: a transaction client runs one query at a time.
    const services = await this.tx.carrierService.findMany({
      where: { carrierId: this.carrier.id, active: true },
      select: {
        id: true,
        code: true,
        name: true,
        transitDays: true,
        // Only cards that could be in force that day; inForce picks the latest of them.
        rateCards: {
          where: { effectiveFrom: { lte: day }, OR: [{ effectiveTo: null }, { effectiveTo: { gte: day } }] },
          select: { id: true, effectiveFrom: true, effectiveTo: true, currency: true },
        },
      },
      orderBy: { transitDays: 'desc' },
    });
    const dimRule = await this.tx.carrierDimRule.findFirst({
      where: { carrierId: this.carrier.id, effectiveFrom: { lte: day } },
      orderBy: { effectiveFrom: 'desc' },
      select: { divisor: true, unitSystem: true, weightRounding: true, dimensionRounding: true },
    });
    const zones = await this.tx.shippingZone.findMany({
      where: { country },
      select: { country: true, postalFrom: true, postalTo: true, zone: true },
    });

    const zone = lookupZone(
      zones.map((z) => ({
        country: z.country,
        postal_from: z.postalFrom,
        postal_to: z.postalTo,
        zone: z.zone,
      })),
      country,
      shipment.to_address.postal_code,
    );
    const rule: DimRule | null = dimRule && {
      divisor: dimRule.divisor,
      unit_system: dimRule.unitSystem as UnitSystem,
      weight_rounding: dimRule.weightRounding as WeightRounding,
      dimension_rounding: dimRule.dimensionRounding as DimensionRounding,
    };
    const billables = rule ? shipment.parcels.map((p) => billableWeight(p, rule)) : null;

    const cards = services.map((s) =>
      inForce(
        s.rateCards.map((c) => ({
          ...c,
          effective_from: isoDate(c.effectiveFrom),
          effective_to: c.effectiveTo && isoDate(c.effectiveTo),
        })),
        shipment.ship_date,
      ),
    );
    const cardIds = cards.filter((c) => c !== null).map((c) => c.id);
    const rows =
      zone === null || !cardIds.length
        ? []
        : await this.tx.rateCardRow.findMany({
            where: { rateCardId: { in: cardIds }, zone },
            select: { rateCardId: true, zone: true, maxWeightGrams: true, price: true },
          });

    return services.map((service, i): Quote => {
      const card = cards[i];
      const base: Quote = {
        key: `${this.carrier.code}:${service.code}`,
        carrier: this.carrier.code,
        carrier_name: this.carrier.name,
        service: service.code,
        service_name: serviceNameWithoutCarrier(this.carrier.name, service.name),
        service_level: levelForTransitDays(service.transitDays),
        available: false,
        price: null,
        currency: card?.currency ?? null,
        transit_days: service.transitDays,
        delivery_date: null,
        zone,
        billable_weight_grams: billables ? billables.reduce((s, b) => s + b.billable_grams, 0) : null,
        packages: [],
        rate_card_id: card?.id ?? null,
        unavailable: null,
      };
      const unavailable = (code: UnavailableCode, message: string): Quote => ({
        ...base,
        unavailable: { code, message },
      });
      if (zone === null)
        return unavailable(
          'unroutable',
          `${this.carrier.name} does not deliver to ${country} ${shipment.to_address.postal_code}.`,
        );
      if (!billables)
        return unavailable(
          'no_dim_rule',
          `${this.carrier.name} has no dimensional-weight rule in force on ${shipment.ship_date}.`,
        );
      if (!card)
        return unavailable(
          'no_rate_card',
          `${service.name} has no rate card in force on ${shipment.ship_date}.`,
        );
      const cardRows = rows
        .filter((r) => r.rateCardId === card.id)
        .map((r) => ({ zone: r.zone, max_weight_grams: r.maxWeightGrams, price: r.price }));
      const packages: PackageQuote[] = [];
      for (const [n, billable] of billables.entries()) {
        const priced = priceFromCard(cardRows, zone, billable.billable_grams);
        if (!priced.ok) {
          const which = billables.length > 1 ? `Package ${n + 1}: ` : '';
          return unavailable(
            priced.reason,
            which +
              (priced.reason === 'zone_not_served'
                ? `${service.name} does not serve zone ${zone}.`
                : priced.message),
          );
        }
        packages.push({ billable, billable_weight_grams: billable.billable_grams, price: priced.price });
      }
      return {
        ...base,
        available: true,
        price: packages.reduce((s, p) => s + p.price, 0),
        delivery_date: addBusinessDays(shipment.ship_date, service.transitDays),
        packages,
      };
    });
  }
}

/** The adapter of every active carrier: its API adapter when one is registered, else its rate cards. */
export async function carrierAdapters(tx: Tx = db): Promise<CarrierAdapter[]> {
  const carriers = await tx.carrier.findMany({
    where: { active: true },
    select: { id: true, code: true, name: true },
    orderBy: { code: 'asc' },
  });
  return carriers.map((c) => API_ADAPTERS[c.code]?.(c, tx) ?? new RateCardAdapter(c, tx));
}

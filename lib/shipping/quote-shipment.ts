import 'server-only';
import { formatInTimeZone } from 'date-fns-tz';
import { db, type Tx } from '@/lib/db';
import { AppError, validationError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { shopTimezone } from '@/lib/settings/queries';
import { carrierAdapters, type CarrierAdapter, type Quote } from '@/lib/shipping/carriers';
import { rateShop, type Parcel, type PreselectReason } from '@/lib/shipping/rules';
import { ZQuoteShipmentInput } from '@/lib/shipping/schemas';

export type QuoteShipmentOptions = {
  /** the destination; only country and postal_code are read (an order's shipping_address will do) */
  toAddress: { postal_code: string; country: string; [field: string]: unknown };
  /** each parcel's outside dimensions (mm) and weight (grams, packaging included) */
  packages: Parcel[];
  /** 'YYYY-MM-DD' the parcels leave; default today in the shop's time zone */
  shipDate?: string;
  /**
   * The latest delivery date promised to the customer ('YYYY-MM-DD', or a timestamp read as its day
   * in the shop's time zone). Not the order's promised_ship_by: that is when the parcel must leave
   * (pass it as shipDate's deadline upstream), not when it must arrive.
   */
  promisedBy?: string | null;
  /** the carriers to ask; default every active carrier's adapter (carrierAdapters) */
  adapters?: CarrierAdapter[];
  /** which quotes may be preselected (rateShop); the order flow leaves out downgrades */
  eligible?: (q: Quote) => boolean;
};

export type QuotedService = Quote & { meets_promise: boolean | null };

export type ShipmentQuotes = {
  ship_date: string;
  promised_by: string | null;
  /** every active service of every active carrier: available ones by price, then the others with why */
  quotes: QuotedService[];
  preselected: string | null;
  preselect_reason: PreselectReason | null;
};

/**
 * Rate shopping for one shipment: asks every active carrier's adapter for its services' quotes
 * (billable weight, zone, price, delivery date), marks which meet the promised delivery date, and
 * preselects the cheapest that does (else the fastest). The caller may override with any available
 * quote (rules.chooseQuote). Reads only; nothing is bought or stored.
 *
 * Errors: invalid input → 422 with field names (`packages.0.weight_grams`); a destination no carrier
 * routes to → 422 on `to_address.postal_code` (or `to_address.country` when no carrier serves the country).
 */
export async function quoteShipment(options: QuoteShipmentOptions, tx: Tx = db): Promise<ShipmentQuotes> {
  const parsed = ZQuoteShipmentInput.safeParse({
    to_address: options.toAddress,
    packages: options.packages,
    ship_date: options.shipDate,
    promised_by: options.promisedBy,
  });
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;

  const needsZone = !input.ship_date || (input.promised_by && input.promised_by.length > 10);
  const timeZone = needsZone ? await shopTimezone(tx) : 'UTC';
  const shipDate = input.ship_date ?? todayIn(timeZone);
  const promisedBy = !input.promised_by
    ? null
    : input.promised_by.length > 10
      ? formatInTimeZone(new Date(input.promised_by), timeZone, 'yyyy-MM-dd')
      : input.promised_by;

  const adapters = options.adapters ?? (await carrierAdapters(tx));
  const shipment = { to_address: input.to_address, parcels: input.packages, ship_date: shipDate };
  // One carrier after another: rate-card adapters query through `tx`, which runs one query at a time.
  const quotes: Quote[] = [];
  for (const adapter of adapters) quotes.push(...(await adapter.quote(shipment)));

  if (quotes.length && quotes.every((q) => q.unavailable?.code === 'unroutable')) {
    const zones = await tx.shippingZone.count({ where: { country: input.to_address.country } });
    const field = zones ? 'to_address.postal_code' : 'to_address.country';
    const message = zones
      ? `No carrier delivers to postal code ${input.to_address.postal_code} in ${input.to_address.country}.`
      : `No carrier delivers to ${input.to_address.country}.`;
    throw new AppError('VALIDATION_FAILED', message, [{ field, message }]);
  }

  const shopped = rateShop(quotes, promisedBy, options.eligible);
  return { ship_date: shipDate, promised_by: promisedBy, ...shopped };
}

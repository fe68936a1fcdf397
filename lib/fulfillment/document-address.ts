import type { RecipientAddress } from '@/lib/documents/layout';

/** A field of a stored address (JSON) as text: a string that is not blank, else null. */
export const addressText = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/**
 * The ship-to printed on a label or packing slip, from the order's stored shipping_address: the
 * optional fields null when blank, the required ones empty rather than missing.
 */
export function shipToAddress(to: Record<string, unknown>): RecipientAddress {
  return {
    name: addressText(to.name) ?? '',
    company: addressText(to.company),
    phone: addressText(to.phone),
    line1: addressText(to.line1) ?? '',
    line2: addressText(to.line2),
    city: addressText(to.city) ?? '',
    region: addressText(to.region),
    postal_code: addressText(to.postal_code) ?? '',
    country: addressText(to.country) ?? '',
  };
}

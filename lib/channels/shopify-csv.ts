import { toDecimalString } from '@/lib/money';
import type { ImportedOrder } from '@/lib/channels/imported-order';

/**
 * Writes orders in Shopify's order export layout (the columns readOrderCsv reads), one row per line
 * item with the order's fields on its first row. For demo data, the import benchmark's generated
 * file and the round-trip property test; not an export of the app.
 */
export const SHOPIFY_COLUMNS = [
  'Name',
  'Email',
  'Financial Status',
  'Paid at',
  'Fulfillment Status',
  'Fulfilled at',
  'Currency',
  'Subtotal',
  'Shipping',
  'Taxes',
  'Total',
  'Discount Code',
  'Discount Amount',
  'Shipping Method',
  'Created at',
  'Lineitem quantity',
  'Lineitem name',
  'Lineitem price',
  'Lineitem sku',
  'Lineitem discount',
  'Billing Name',
  'Billing Address1',
  'Billing Address2',
  'Billing City',
  'Billing Zip',
  'Billing Province',
  'Billing Country',
  'Billing Phone',
  'Shipping Name',
  'Shipping Address1',
  'Shipping Address2',
  'Shipping City',
  'Shipping Zip',
  'Shipping Province',
  'Shipping Country',
  'Shipping Phone',
  'Notes',
  'Cancelled at',
  'Payment Method',
  'Refunded Amount',
  'Id',
  'Tags',
  'Risk Level',
  'Source',
  'Tax 1 Name',
  'Tax 1 Value',
  'Tax 2 Name',
  'Tax 2 Value',
] as const;

function cell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Shopify's date format: 2024-01-15 10:23:45 +0000 (written in UTC). */
export function shopifyDate(date: Date | null): string {
  if (!date) return '';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

export function shopifyHeader(): string {
  return SHOPIFY_COLUMNS.join(',');
}

/** The rows of one order (without a line end after the last). */
export function shopifyRows(o: ImportedOrder): string {
  const m = (n: number) => toDecimalString(n, o.currency);
  return o.lines
    .map((l, i) => {
      const first = i === 0;
      const f = (v: string) => (first ? v : '');
      const b = o.billing;
      const s = o.shippingAddress;
      const values: Record<(typeof SHOPIFY_COLUMNS)[number], string> = {
        Name: o.name,
        Email: f(o.email ?? ''),
        'Financial Status': f(o.financialStatus),
        'Paid at': f(shopifyDate(o.paidAt)),
        'Fulfillment Status': f(o.fulfillmentStatus),
        'Fulfilled at': f(shopifyDate(o.fulfilledAt)),
        Currency: f(o.currency),
        Subtotal: f(m(o.subtotal)),
        Shipping: f(m(o.shipping)),
        Taxes: f(m(o.tax)),
        Total: f(m(o.total)),
        'Discount Code': f(o.discountCode ?? ''),
        'Discount Amount': f(m(o.discount)),
        'Shipping Method': f(o.shippingMethod ?? ''),
        'Created at': f(shopifyDate(o.placedAt)),
        'Lineitem quantity': String(l.quantity),
        'Lineitem name': l.name,
        'Lineitem price': m(l.unitPrice),
        'Lineitem sku': l.sku,
        'Lineitem discount': m(l.discount),
        'Billing Name': f(b ? b.name : ''),
        'Billing Address1': f(b?.line1 ?? ''),
        'Billing Address2': f(b?.line2 ?? ''),
        'Billing City': f(b?.city ?? ''),
        'Billing Zip': f(b?.postal_code ?? ''),
        'Billing Province': f(b?.region ?? ''),
        'Billing Country': f(b?.country ?? ''),
        'Billing Phone': f(b?.phone ?? ''),
        'Shipping Name': f(s ? s.name : ''),
        'Shipping Address1': f(s?.line1 ?? ''),
        'Shipping Address2': f(s?.line2 ?? ''),
        'Shipping City': f(s?.city ?? ''),
        'Shipping Zip': f(s?.postal_code ?? ''),
        'Shipping Province': f(s?.region ?? ''),
        'Shipping Country': f(s?.country ?? ''),
        'Shipping Phone': f(s?.phone ?? ''),
        Notes: f(o.note ?? ''),
        'Cancelled at': f(shopifyDate(o.cancelledAt)),
        'Payment Method': f(o.paymentMethod ?? ''),
        'Refunded Amount': f(m(o.refunded)),
        Id: f(o.externalId),
        Tags: f(o.tags.join(', ')),
        'Risk Level': f(o.riskLevel ?? ''),
        Source: f(o.source ?? ''),
        'Tax 1 Name': f(o.taxes[0]?.name ?? ''),
        'Tax 1 Value': f(o.taxes[0] ? m(o.taxes[0].amount) : ''),
        'Tax 2 Name': f(o.taxes[1]?.name ?? ''),
        'Tax 2 Value': f(o.taxes[1] ? m(o.taxes[1].amount) : ''),
      };
      return SHOPIFY_COLUMNS.map((c) => cell(values[c])).join(',');
    })
    .join('\r\n');
}

export function writeShopifyCsv(orders: ImportedOrder[]): string {
  return [shopifyHeader(), ...orders.map(shopifyRows)].join('\r\n') + '\r\n';
}

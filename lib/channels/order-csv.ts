import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { fromZonedTime } from 'date-fns-tz';
import { parseMoney } from '@/lib/money';
import { isoCurrencyDigits } from '@/lib/boundary';
import type {
  ImportedAddress,
  ImportedLine,
  ImportedOrder,
  ImportFormat,
  ImportRowError,
} from '@/lib/channels/imported-order';

/**
 * Reading order export files (Shopify, WooCommerce, Backroom's own CSV) into ImportedOrder, as a
 * stream: the file comes in pieces, csv-parse splits records (quoted fields with commas, newlines and
 * "" inside, a BOM, CRLF), and the rows of one order are gathered and handed on as one group, so
 * memory holds one order at a time however large the file. Columns are found by name, ignoring case
 * and surrounding spaces, in any order; columns we do not know are ignored.
 */

export type ReadContext = {
  /** the shop's currency: an order in another one is taken at its day's rate (decision 035) */
  currency: string;
  /** the shop's time zone, for dates written without an offset (WooCommerce, Backroom) */
  timeZone: string;
};

export type ReadGroup = {
  /** the order, when every row of it was readable */
  order: ImportedOrder | null;
  /** the source's id of the order, when the file gives one (for error reports) */
  externalId: string | null;
  errors: ImportRowError[];
  /** file rows of the group */
  rows: number;
};

type Row = { n: number; get: (column: string) => string; has: (column: string) => boolean };

/** The header's column names as a lookup (lower-cased, trimmed); the first name wins a repeat. */
function headerIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    if (key && !index.has(key)) index.set(key, i);
  });
  return index;
}

function rowOf(n: number, record: string[], index: Map<string, number>): Row {
  return {
    n,
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? '' : (record[i] ?? '').trim();
    },
    has: (column) => index.has(column),
  };
}

/** Checks one cell and records its problem; `label` is the column as the file's format names it. */
class Cells {
  errors: ImportRowError[] = [];
  /** The order's currency once read (its amounts are in its minor units); the shop's until then. */
  moneyCurrency: string;
  constructor(readonly context: ReadContext) {
    this.moneyCurrency = context.currency;
  }

  fail(row: number, column: string, message: string) {
    this.errors.push({ row, column, message });
  }

  required(row: Row, column: string, label: string): string {
    const value = row.get(column);
    if (!value) this.fail(row.n, label, `${label} is empty`);
    return value;
  }

  /** An amount in the file's decimal notation, in minor units of the order's currency, exactly. */
  money(row: Row, column: string, label: string, options: { required?: boolean } = {}): number {
    const text = row.get(column);
    if (!text) {
      if (options.required) this.fail(row.n, label, `${label} is empty`);
      return 0;
    }
    const minor = parseMoney(text.replace(/^[^\d\-.,]+/, ''), this.moneyCurrency);
    if (minor === null) {
      this.fail(row.n, label, `"${text.slice(0, 40)}" is not an amount in ${this.moneyCurrency}`);
      return 0;
    }
    if (minor < 0) {
      this.fail(row.n, label, `${label} cannot be negative`);
      return 0;
    }
    if (minor > 100_000_000) {
      this.fail(row.n, label, `${label} is above 1,000,000 in ${this.moneyCurrency}`);
      return 0;
    }
    return minor;
  }

  quantity(row: Row, column: string, label: string): number {
    const text = row.get(column);
    if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 10_000) {
      this.fail(
        row.n,
        label,
        text ? `"${text.slice(0, 20)}" is not a whole number from 1 to 10,000` : `${label} is empty`,
      );
      return 0;
    }
    return Number(text);
  }

  /** Shopify "2024-01-15 10:23:45 -0500", ISO 8601, or a date and time without an offset (shop time). */
  date(row: Row, column: string, label: string, options: { required?: boolean } = {}): Date | null {
    const text = row.get(column);
    if (!text) {
      if (options.required) this.fail(row.n, label, `${label} is empty`);
      return null;
    }
    const m =
      /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
    let date: Date | null = null;
    if (m) {
      const time = m[2] ? (m[2].length === 5 ? `${m[2]}:00` : m[2]) : '00:00:00';
      const local = `${m[1]}T${time}`;
      if (m[3]) {
        const offset = m[3].toUpperCase() === 'Z' ? 'Z' : m[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
        date = new Date(`${local}${offset}`);
      } else date = fromZonedTime(local, this.context.timeZone);
    }
    if (
      !date ||
      Number.isNaN(date.getTime()) ||
      date.getUTCFullYear() < 2000 ||
      date.getUTCFullYear() > 2100
    ) {
      this.fail(
        row.n,
        label,
        `"${text.slice(0, 40)}" is not a date and time such as 2024-01-15 10:23:45 -0500`,
      );
      return null;
    }
    return date;
  }

  currency(row: Row, column: string, label: string): string {
    const text = row.get(column).toUpperCase();
    if (!text) return this.context.currency;
    if (isoCurrencyDigits(text) === null)
      this.fail(row.n, label, `"${text.slice(0, 10)}" is not a currency code`);
    else this.moneyCurrency = text;
    return text;
  }
}

function address(row: Row, prefix: (field: string) => string, name: string): ImportedAddress | null {
  const get = (f: string) => row.get(prefix(f));
  const line1 = get('address1') || get('street');
  if (!line1 && !get('city')) return null;
  const opt = (v: string) => v || undefined;
  return {
    name: name || 'Customer',
    line1: line1,
    line2: opt(get('address2')),
    city: get('city'),
    region: opt(get('province') || get('state') || get('region')),
    postal_code: get('zip') || get('postcode') || get('postal_code'),
    country: get('country').toUpperCase(),
    phone: opt(get('phone')),
  };
}

/** The customer's name: the first name the file gives, else the email's local part, else "Guest". */
const customerName = (email: string | null, ...names: string[]) =>
  names.find(Boolean) || email?.split('@')[0] || 'Guest';

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 50);

// ------------------------------------------------------------------------------------------ Shopify

/** Shopify's Orders → Export: the rows of one order share `Name`; the first carries the order's fields. */
function shopifyOrder(rows: Row[], cells: Cells): ImportedOrder {
  const first = rows[0];
  // First: the order's amounts are read in its currency's minor units.
  const currency = cells.currency(first, 'currency', 'Currency');
  const email = first.get('email').toLowerCase() || null;
  const billingName = first.get('billing name');
  const shippingName = first.get('shipping name');
  const taxes: { name: string; amount: number }[] = [];
  for (let i = 1; i <= 5; i++) {
    const name = first.get(`tax ${i} name`);
    if (!name) continue;
    // The name as written; its percentage ("GB VAT 20%") is the rate (decision 042).
    const { rate } = taxName(name);
    taxes.push({
      name,
      amount: cells.money(first, `tax ${i} value`, `Tax ${i} Value`),
      ...(rate ? { rate } : {}),
    });
  }
  const lines: ImportedLine[] = rows.map((r) => ({
    row: r.n,
    sku: cells.required(r, 'lineitem sku', 'Lineitem sku'),
    name: r.get('lineitem name'),
    quantity: cells.quantity(r, 'lineitem quantity', 'Lineitem quantity'),
    unitPrice: cells.money(r, 'lineitem price', 'Lineitem price', { required: true }),
    discount: cells.money(r, 'lineitem discount', 'Lineitem discount'),
  }));
  return {
    row: first.n,
    lastRow: rows[rows.length - 1].n,
    externalId: cells.required(first, 'id', 'Id'),
    name: first.get('name'),
    currency,
    email,
    customerName: customerName(email, billingName, shippingName),
    phone: first.get('phone') || first.get('billing phone') || null,
    placedAt: cells.date(first, 'created at', 'Created at', { required: true }) ?? new Date(0),
    paidAt: cells.date(first, 'paid at', 'Paid at'),
    fulfilledAt: cells.date(first, 'fulfilled at', 'Fulfilled at'),
    cancelledAt: cells.date(first, 'cancelled at', 'Cancelled at'),
    financialStatus: first.get('financial status').toLowerCase() || 'pending',
    fulfillmentStatus: first.get('fulfillment status').toLowerCase() || 'unfulfilled',
    subtotal: cells.money(first, 'subtotal', 'Subtotal'),
    shipping: cells.money(first, 'shipping', 'Shipping'),
    tax: cells.money(first, 'taxes', 'Taxes'),
    discount: cells.money(first, 'discount amount', 'Discount Amount'),
    total: cells.money(first, 'total', 'Total', { required: true }),
    refunded: cells.money(first, 'refunded amount', 'Refunded Amount'),
    discountCode: first.get('discount code') || null,
    taxes,
    billing: address(first, (f) => `billing ${f}`, billingName),
    shippingAddress: address(first, (f) => `shipping ${f}`, shippingName || billingName),
    shippingMethod: first.get('shipping method') || null,
    tags: tagsOf(first.get('tags')),
    source: first.get('source') || null,
    riskLevel: first.get('risk level').toLowerCase() || null,
    paymentMethod: first.get('payment method') || null,
    note: first.get('notes') || null,
    lines,
  };
}

// -------------------------------------------------------------------------------------- WooCommerce

/** WooCommerce status → the financial and fulfillment statuses of an imported order. */
const WOO_STATUS: Record<string, { financial: string; fulfillment: string; cancelled?: boolean }> = {
  completed: { financial: 'paid', fulfillment: 'fulfilled' },
  processing: { financial: 'paid', fulfillment: 'unfulfilled' },
  'on-hold': { financial: 'pending', fulfillment: 'unfulfilled' },
  pending: { financial: 'pending', fulfillment: 'unfulfilled' },
  refunded: { financial: 'refunded', fulfillment: 'fulfilled' },
  cancelled: { financial: 'voided', fulfillment: 'unfulfilled', cancelled: true },
  failed: { financial: 'voided', fulfillment: 'unfulfilled', cancelled: true },
};

/** A `line_item_N` cell of the WooCommerce exporter: `name:Mug|sku:MUG-1|quantity:2|total:20.00`. */
/**
 * A tax's name as Shopify writes it ("GB VAT 20%", "CA State Tax 7.25%"): the jurisdiction is the name
 * without its percentage, the rate that percentage as a decimal fraction string; no percentage → null.
 */
export function taxName(text: string): { name: string; rate: string | null } {
  const m = /\s*\(?(\d{1,3}(?:\.\d{1,4})?)\s*%\)?\s*$/.exec(text);
  if (!m || Number(m[1]) > 100) return { name: text.trim(), rate: null };
  return { name: text.slice(0, m.index).trim() || text.trim(), rate: percentToRate(m[1]) };
}

/** "7.25" (per cent) → "0.0725", exactly (decimal digits shifted, no float). */
export function percentToRate(percent: string): string {
  const [whole, fraction = ''] = percent.split('.');
  const digits = whole.padStart(3, '0') + fraction;
  const rate = `${Number(digits.slice(0, digits.length - fraction.length - 2))}.${digits.slice(-fraction.length - 2)}`;
  return rate.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * WooCommerce's `tax_items` cell: items separated by ";", each "code:GB-VAT-1|total:4.50|rate_percent:20"
 * (the order export's format); the code is the jurisdiction.
 */
function wooTaxes(first: Row, cells: Cells): ImportedOrder['taxes'] {
  const text = first.get('tax_items');
  if (!text) return [];
  return text
    .split(';')
    .map((t) => wooLineItem(t))
    .filter((item) => item.code || item.total)
    .map((item) => {
      const cell = itemRow(first.n, item);
      const percent = item.rate_percent ?? item.rate ?? '';
      return {
        name: item.code || item.label || 'default',
        amount: cells.money(cell, 'total', 'tax_items'),
        rate:
          /^\d{1,3}(?:\.\d{1,4})?$/.test(percent) && Number(percent) <= 100 ? percentToRate(percent) : null,
      };
    });
}

/** Backroom's tax_N_jurisdiction, tax_N_rate (decimal fraction), tax_N_taxable, tax_N_amount, N = 1…5. */
function backroomTaxes(first: Row, cells: Cells): ImportedOrder['taxes'] {
  const taxes: ImportedOrder['taxes'] = [];
  for (let i = 1; i <= 5; i++) {
    const name = first.get(`tax_${i}_jurisdiction`);
    if (!name) continue;
    const rate = first.get(`tax_${i}_rate`);
    if (rate && !/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/.test(rate))
      cells.fail(
        first.n,
        `tax_${i}_rate`,
        `"${rate.slice(0, 20)}" is not a rate: use a decimal fraction, e.g. 0.2`,
      );
    taxes.push({
      name,
      rate: rate || null,
      taxable: first.get(`tax_${i}_taxable`)
        ? cells.money(first, `tax_${i}_taxable`, `tax_${i}_taxable`)
        : null,
      amount: cells.money(first, `tax_${i}_amount`, `tax_${i}_amount`, { required: true }),
    });
  }
  return taxes;
}

function wooLineItem(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split('|')) {
    const i = part.indexOf(':');
    if (i > 0) out[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim();
  }
  return out;
}

/** A parsed WooCommerce item cell read as a row of its own (for the cell checks, at the order's row). */
const itemRow = (n: number, item: Record<string, string>): Row => ({
  n,
  get: (c) => item[c] ?? '',
  has: (c) => c in item,
});

/**
 * WooCommerce's order export, column per field (order_id, order_number, order_date, status,
 * order_total, billing_*, shipping_*): line items either as `line_item_1…n` cells on the order's
 * row, or one per row with `item_sku`, `item_name`, `item_quantity`, `item_price` (rows sharing order_id).
 */
function wooOrder(rows: Row[], cells: Cells): ImportedOrder {
  const first = rows[0];
  // First: the order's amounts are read in its currency's minor units.
  const currency = cells.currency(first, 'order_currency', 'order_currency');
  const statusText = first.get('status').toLowerCase().replace(/^wc-/, '');
  const status = WOO_STATUS[statusText];
  if (!status)
    cells.fail(
      first.n,
      'status',
      `"${statusText.slice(0, 30)}" is not a WooCommerce order status (${Object.keys(WOO_STATUS).join(', ')})`,
    );
  const email = (first.get('billing_email') || first.get('customer_email')).toLowerCase() || null;
  const billingName = `${first.get('billing_first_name')} ${first.get('billing_last_name')}`.trim();
  const shippingName = `${first.get('shipping_first_name')} ${first.get('shipping_last_name')}`.trim();
  const wooAddress = (prefix: string, name: string) =>
    address(
      first,
      (f) => {
        const map: Record<string, string> = {
          address1: 'address_1',
          address2: 'address_2',
          province: 'state',
          zip: 'postcode',
        };
        return `${prefix}_${map[f] ?? f}`;
      },
      name,
    );
  const lines: ImportedLine[] = [];
  for (const r of rows) {
    if (r.get('item_sku') || r.get('item_quantity')) {
      const quantity = cells.quantity(r, 'item_quantity', 'item_quantity');
      lines.push({
        row: r.n,
        sku: cells.required(r, 'item_sku', 'item_sku'),
        name: r.get('item_name'),
        quantity,
        unitPrice: r.has('item_price')
          ? cells.money(r, 'item_price', 'item_price', { required: true })
          : quantity
            ? Math.round(cells.money(r, 'item_total', 'item_total', { required: true }) / quantity)
            : 0,
        discount: 0,
      });
    }
  }
  for (let i = 1; i <= 100; i++) {
    const column = `line_item_${i}`;
    if (!first.has(column)) break;
    const text = first.get(column);
    if (!text) continue;
    const item = wooLineItem(text);
    const cell = itemRow(first.n, item);
    const quantity = cells.quantity(cell, 'quantity', column);
    const subTotal = cells.money(cell, item.sub_total ? 'sub_total' : 'total', column, { required: true });
    const total = cells.money(cell, 'total', column);
    lines.push({
      row: first.n,
      sku: item.sku || '',
      name: item.name ?? '',
      quantity,
      unitPrice: quantity ? Math.round(subTotal / quantity) : 0,
      discount: Math.max(0, subTotal - (item.total ? total : subTotal)),
    });
    if (!item.sku) cells.fail(first.n, column, `${column} has no sku`);
  }
  if (!lines.length) cells.fail(first.n, 'line_item_1', 'The order has no line items');
  const placedAt = cells.date(first, 'order_date', 'order_date', { required: true }) ?? new Date(0);
  return {
    row: first.n,
    lastRow: rows[rows.length - 1].n,
    externalId: cells.required(first, 'order_id', 'order_id'),
    name: first.get('order_number') || first.get('order_id'),
    currency,
    email,
    customerName: customerName(email, billingName, shippingName),
    phone: first.get('billing_phone') || null,
    placedAt,
    paidAt: cells.date(first, 'paid_date', 'paid_date') ?? (status?.financial === 'paid' ? placedAt : null),
    fulfilledAt: cells.date(first, 'completed_date', 'completed_date'),
    cancelledAt: status?.cancelled ? placedAt : null,
    financialStatus: status?.financial ?? 'pending',
    fulfillmentStatus: status?.fulfillment ?? 'unfulfilled',
    subtotal: lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0),
    shipping: cells.money(first, 'shipping_total', 'shipping_total'),
    tax: cells.money(first, 'tax_total', 'tax_total'),
    discount: cells.money(
      first,
      first.has('discount_total') ? 'discount_total' : 'cart_discount',
      'discount_total',
    ),
    total: cells.money(first, 'order_total', 'order_total', { required: true }),
    refunded: cells.money(
      first,
      first.has('refunded_total') ? 'refunded_total' : 'order_refund',
      'refunded_total',
    ),
    discountCode:
      first
        .get('coupon_items')
        .split('|')[0]
        ?.replace(/^code:/, '') || null,
    taxes: wooTaxes(first, cells),
    billing: wooAddress('billing', billingName),
    shippingAddress: wooAddress('shipping', shippingName || billingName),
    shippingMethod: first.get('shipping_method') || null,
    tags: [],
    source: first.get('created_via') || null,
    riskLevel: null,
    paymentMethod: first.get('payment_method_title') || first.get('payment_method') || null,
    note: first.get('customer_note') || null,
    lines,
  };
}

// ------------------------------------------------------------------------------------------ Backroom

/** Backroom's own order CSV, one row per line: the columns, in the template's order (docs in README). */
export const BACKROOM_COLUMNS = [
  'order_id',
  'order_name',
  'placed_at',
  'currency',
  'email',
  'customer_name',
  'phone',
  'financial_status',
  'fulfillment_status',
  'paid_at',
  'fulfilled_at',
  'cancelled_at',
  'sku',
  'line_name',
  'quantity',
  'unit_price',
  'line_discount',
  'shipping',
  'tax',
  'discount',
  'total',
  'refunded',
  'discount_code',
  'shipping_method',
  'ship_name',
  'ship_address1',
  'ship_address2',
  'ship_city',
  'ship_region',
  'ship_zip',
  'ship_country',
  'ship_phone',
  'tags',
  'source',
  'payment_method',
  'note',
] as const;

export const BACKROOM_TEMPLATE =
  `${BACKROOM_COLUMNS.join(',')}\r\n` +
  ('1001,#1001,2024-03-05 14:30:00,USD,ann@example.com,Ann Lee,,paid,fulfilled,2024-03-05 ' +
    '14:30:00,2024-03-06 ' +
    '09:00:00,,MUG-1,Mug,2,12.50,0,5.00,2.00,0,32.00,0,,Standard,Ann Lee,1 ' +
    'Main St,,Springfield,IL,62701,US,,"vip, wholesale",web,card,\r\n') +
  '1001,#1001,,,,,,,,,,,TEE-1,T-shirt,1,0.00,0,,,,,,,,,,,,,,,,,,,\r\n';

export const FINANCIAL_STATUSES = [
  'pending',
  'authorized',
  'paid',
  'partially_paid',
  'partially_refunded',
  'refunded',
  'voided',
];
export const FULFILLMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled'];

function backroomOrder(rows: Row[], cells: Cells): ImportedOrder {
  const first = rows[0];
  // First: the order's amounts are read in its currency's minor units.
  const currency = cells.currency(first, 'currency', 'currency');
  const email = first.get('email').toLowerCase() || null;
  const financial = first.get('financial_status').toLowerCase() || 'pending';
  if (!FINANCIAL_STATUSES.includes(financial))
    cells.fail(first.n, 'financial_status', `Use one of: ${FINANCIAL_STATUSES.join(', ')}`);
  const fulfillment = first.get('fulfillment_status').toLowerCase() || 'unfulfilled';
  if (!FULFILLMENT_STATUSES.includes(fulfillment))
    cells.fail(first.n, 'fulfillment_status', `Use one of: ${FULFILLMENT_STATUSES.join(', ')}`);
  const name = first.get('customer_name');
  return {
    row: first.n,
    lastRow: rows[rows.length - 1].n,
    externalId: cells.required(first, 'order_id', 'order_id'),
    name: first.get('order_name') || first.get('order_id'),
    currency,
    email,
    customerName: customerName(email, name),
    phone: first.get('phone') || null,
    placedAt: cells.date(first, 'placed_at', 'placed_at', { required: true }) ?? new Date(0),
    paidAt: cells.date(first, 'paid_at', 'paid_at'),
    fulfilledAt: cells.date(first, 'fulfilled_at', 'fulfilled_at'),
    cancelledAt: cells.date(first, 'cancelled_at', 'cancelled_at'),
    financialStatus: financial,
    fulfillmentStatus: fulfillment,
    subtotal: 0,
    shipping: cells.money(first, 'shipping', 'shipping'),
    tax: cells.money(first, 'tax', 'tax'),
    discount: cells.money(first, 'discount', 'discount'),
    total: cells.money(first, 'total', 'total', { required: true }),
    refunded: cells.money(first, 'refunded', 'refunded'),
    discountCode: first.get('discount_code') || null,
    taxes: backroomTaxes(first, cells),
    billing: null,
    shippingAddress: address(
      first,
      (f) => `ship_${f === 'province' ? 'region' : f}`,
      first.get('ship_name') || name,
    ),
    shippingMethod: first.get('shipping_method') || null,
    tags: tagsOf(first.get('tags')),
    source: first.get('source') || null,
    riskLevel: null,
    paymentMethod: first.get('payment_method') || null,
    note: first.get('note') || null,
    lines: rows.map((r) => ({
      row: r.n,
      sku: cells.required(r, 'sku', 'sku'),
      name: r.get('line_name'),
      quantity: cells.quantity(r, 'quantity', 'quantity'),
      unitPrice: cells.money(r, 'unit_price', 'unit_price', { required: true }),
      discount: cells.money(r, 'line_discount', 'line_discount'),
    })),
  };
}

const FORMATS: Record<
  ImportFormat,
  { key: string; label: string; required: string[]; build: (rows: Row[], cells: Cells) => ImportedOrder }
> = {
  shopify: {
    key: 'name',
    label: 'Name',
    required: ['name', 'id', 'created at', 'total', 'lineitem sku'],
    build: shopifyOrder,
  },
  woocommerce: {
    key: 'order_id',
    label: 'order_id',
    required: ['order_id', 'order_date', 'status', 'order_total'],
    build: wooOrder,
  },
  backroom: {
    key: 'order_id',
    label: 'order_id',
    required: ['order_id', 'placed_at', 'sku', 'quantity', 'unit_price', 'total'],
    build: backroomOrder,
  },
};

/** Rows of one order at most (a larger group is refused): Backroom's line limit. */
const MAX_GROUP_ROWS = 500;

/**
 * Reads an order file piece by piece and yields one group per order (or a file-level error group).
 * Rows of one order must be next to each other (as the exports write them); an order whose rows
 * come back later in the file is refused at that row.
 */
export async function* readOrderCsv(
  source: AsyncIterable<string> | Iterable<string>,
  format: ImportFormat,
  context: ReadContext,
): AsyncGenerator<ReadGroup> {
  const spec = FORMATS[format];
  const parser = Readable.from(source, { objectMode: false }).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false }),
  );
  let index: Map<string, number> | null = null;
  let n = 0;
  let group: Row[] = [];
  let groupKey = '';
  const seen = new Set<string>();
  const flush = (): ReadGroup | null => {
    if (!group.length) return null;
    const cells = new Cells(context);
    const rows = group;
    group = [];
    if (rows.length > MAX_GROUP_ROWS) {
      cells.fail(
        rows[0].n,
        spec.label,
        `The order has ${rows.length} rows; at most ${MAX_GROUP_ROWS} lines per order`,
      );
      return { order: null, externalId: null, errors: cells.errors, rows: rows.length };
    }
    const order = spec.build(rows, cells);
    if (!order.lines.length) cells.fail(rows[0].n, spec.label, 'The order has no lines');
    return {
      order: cells.errors.length ? null : order,
      externalId: order.externalId || null,
      errors: cells.errors,
      rows: rows.length,
    };
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n += 1;
      if (!index) {
        index = headerIndex(record);
        const missing = spec.required.filter((c) => !index!.has(c));
        if (missing.length) {
          yield {
            order: null,
            externalId: null,
            errors: missing.map((c) => ({
              row: 1,
              column: c,
              message: `The header has no "${c}" column (is this a ${format} export?)`,
            })),
            rows: 1,
          };
          return;
        }
        continue;
      }
      const row = rowOf(n, record, index);
      const key = row.get(spec.key);
      if (key !== groupKey || !group.length) {
        const done = flush();
        if (done) yield done;
        if (seen.has(key)) {
          yield {
            order: null,
            externalId: null,
            errors: [
              {
                row: n,
                column: spec.label,
                message: `The rows of order ${key.slice(0, 40)} are not next to each other`,
              },
            ],
            rows: 1,
          };
          groupKey = '';
          continue;
        }
        if (key) seen.add(key);
        else {
          yield {
            order: null,
            externalId: null,
            errors: [{ row: n, column: spec.label, message: `${spec.label} is empty` }],
            rows: 1,
          };
          groupKey = '';
          continue;
        }
        groupKey = key;
      }
      group.push(row);
    }
  } catch (error) {
    const done = flush();
    if (done) yield done;
    yield {
      order: null,
      externalId: null,
      errors: [
        {
          row: n + 1,
          column: '(file)',
          message: `The file is not readable CSV: ${(error as Error).message.slice(0, 200)}`,
        },
      ],
      rows: 1,
    };
    return;
  }
  const done = flush();
  if (done) yield done;
  if (!index)
    yield {
      order: null,
      externalId: null,
      errors: [{ row: 1, column: '(file)', message: 'The file is empty' }],
      rows: 0,
    };
}

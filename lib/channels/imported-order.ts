/** The formats an order import reads (lib/channels/formats.ts maps each to ImportedOrder). */
export const IMPORT_FORMATS = ['shopify', 'woocommerce', 'backroom'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_MODES = ['history', 'live'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A problem with one cell (or row) of an import file; rows count from 1 = the header. */
export type ImportRowError = { row: number; column: string; message: string };

export type ImportedAddress = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code: string;
  country: string;
  phone?: string;
};

export type ImportedLine = {
  row: number;
  sku: string;
  name: string;
  quantity: number;
  /** minor units */
  unitPrice: number;
  /** the line's discount, minor units */
  discount: number;
};

/** One order of an import file, in the shop's terms (money in minor units of `currency`). */
export type ImportedOrder = {
  /** the file row of the order's first line */
  row: number;
  /** the last row of the order */
  lastRow: number;
  externalId: string;
  /** the source's order name or number (#1001) */
  name: string;
  currency: string;
  /** lower-cased; null for POS and guest orders (imported with the guest customer) */
  email: string | null;
  customerName: string;
  phone: string | null;
  placedAt: Date;
  paidAt: Date | null;
  fulfilledAt: Date | null;
  cancelledAt: Date | null;
  financialStatus: string;
  fulfillmentStatus: string;
  subtotal: number;
  shipping: number;
  tax: number;
  discount: number;
  total: number;
  refunded: number;
  discountCode: string | null;
  /**
   * The tax lines the file names (decision 042): Shopify's Tax 1–5 Name/Value, WooCommerce's
   * tax_items, Backroom's tax_N_* columns. `rate` a decimal fraction string, `taxable` minor units;
   * null when the file does not say. Empty: the one `tax` amount becomes one line at intake.
   */
  taxes: { name: string; amount: number; rate?: string | null; taxable?: number | null }[];
  billing: ImportedAddress | null;
  shippingAddress: ImportedAddress | null;
  shippingMethod: string | null;
  tags: string[];
  source: string | null;
  riskLevel: string | null;
  paymentMethod: string | null;
  note: string | null;
  lines: ImportedLine[];
};

/** The job's report, kept on import_jobs.result and updated after every chunk. */
export type OrderImportReport = {
  phase: 'validating' | 'writing' | 'done';
  dry_run: boolean;
  /** file rows read (without the header) */
  rows: number;
  /** bytes of the file read so far in the validation pass (for its progress) */
  bytes_read: number;
  /** orders in the file without errors, and their total (minor units) */
  orders: number;
  gross: number;
  /** orders written by this import (in a dry run: that would be written) */
  created: number;
  /** orders already imported before (same channel + external id) */
  skipped: number;
  /** orders with errors, or refused at intake (live: out of stock) */
  failed: number;
  error_count: number;
  /** orders written so far in the writing pass (for its progress) */
  written: number;
};

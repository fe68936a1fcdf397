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
  taxes: { name: string; amount: number }[];
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
